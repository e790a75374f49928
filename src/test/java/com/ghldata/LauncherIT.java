package com.ghldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ghl-data}, the CLI launcher: with the build's CDS archive, without one, and with one
 * that belongs to another jar, it converts a file exactly as {@code java -jar} does, and says nothing
 * about archives.
 */
class LauncherIT {
  private static final Path JAR =
      Path.of(System.getProperty("app.jar", "target/ghl-data-saas.jar")).toAbsolutePath();
  private static final Path LAUNCHER =
      Path.of(System.getProperty("basedir", "."), "bin", "ghl-data").toAbsolutePath();

  @TempDir
  static Path dir;
  private static Path input;
  private static byte[] expectedCsv;
  private static byte[] expectedRejects;

  @BeforeAll
  static void convertWithJavaJar() throws Exception {
    assertThat(JAR).exists();
    assertThat(Files.isExecutable(LAUNCHER)).as(LAUNCHER + " is executable").isTrue();
    input = dir.resolve("contatos.xlsx");
    run(List.of("java", "-jar", JAR.toString(), "generate", "-o", input.toString(), "--rows", "1500"), Map.of());
    Result plain = run(List.of("java", "-jar", JAR.toString(), "convert", input.toString(),
        "-o", dir.resolve("plain.csv").toString(), "--rejects", dir.resolve("plain-rejects.csv").toString()), Map.of());
    assertThat(plain.out).containsPattern("^\\d+ rows in");
    expectedCsv = Files.readAllBytes(dir.resolve("plain.csv"));
    expectedRejects = Files.readAllBytes(dir.resolve("plain-rejects.csv"));
  }

  @Test
  void withTheBuildsArchiveTheLauncherConvertsExactlyAsJavaJar() throws Exception {
    Path jsa = JAR.resolveSibling("ghl-data.jsa");
    assumeTrue(Files.exists(jsa), "the build made no CDS archive (it warned why)");
    // -Xshare:on turns "archive not usable" into a failed start: the launcher does use it.
    assertConvertsLikeJavaJar(JAR, "with-archive", Map.of("GHL_DATA_JAVA_OPTS", "-Xshare:on"));
  }

  @Test
  void withoutAnArchiveTheLauncherRunsTheJarAsItIs() throws Exception {
    Path alone = Files.createDirectories(dir.resolve("no-archive")).resolve("ghl-data-saas.jar");
    Files.copy(JAR, alone, StandardCopyOption.REPLACE_EXISTING);
    assertConvertsLikeJavaJar(alone, "no-archive", Map.of());
  }

  @Test
  void anArchiveMadeForAnotherJarIsIgnoredSilently() throws Exception {
    Path jsa = JAR.resolveSibling("ghl-data.jsa");
    assumeTrue(Files.exists(jsa), "the build made no CDS archive (it warned why)");
    Path other = Files.createDirectories(dir.resolve("other-archive"));
    Path jar = other.resolve("ghl-data-saas.jar");
    Files.copy(JAR, jar, StandardCopyOption.REPLACE_EXISTING);
    // The build's archive, newer than this copy and claiming it: only the JVM can tell it was dumped
    // for another path, and with the launcher's flags it must fall back without a word.
    Path copied = Files.copy(jsa, other.resolve("ghl-data.jsa"), StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(copied, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    Files.writeString(other.resolve("ghl-data.jsa.classpath"), jar.toString());
    assertConvertsLikeJavaJar(jar, "other-archive", Map.of());
  }

  private static void assertConvertsLikeJavaJar(Path jar, String name, Map<String, String> env) throws Exception {
    Path csv = dir.resolve(name + ".csv");
    Path rejects = dir.resolve(name + "-rejects.csv");
    Map<String, String> withJar = new java.util.HashMap<>(env);
    withJar.put("GHL_DATA_JAR", jar.toString());
    Result launched = run(List.of(LAUNCHER.toString(), "convert", input.toString(), "-o", csv.toString(),
        "--rejects", rejects.toString()), withJar);
    assertThat(launched.out).containsPattern("^\\d+ rows in").doesNotContainIgnoringCase("shared archive")
        .doesNotContainIgnoringCase("warning");
    assertThat(launched.err).doesNotContainIgnoringCase("shared archive").doesNotContainIgnoringCase("cds");
    assertThat(Files.readAllBytes(csv)).as("output CSV").isEqualTo(expectedCsv);
    assertThat(Files.readAllBytes(rejects)).as("rejects CSV").isEqualTo(expectedRejects);
  }

  private record Result(String out, String err) {}

  private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
    pb.environment().remove("GHL_DATA_JAVA_OPTS");
    pb.environment().remove("GHL_DATA_JAR");
    pb.environment().putAll(env);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    Result r = new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    assertThat(exited).as("%s exits in time", command).isTrue();
    assertThat(p.exitValue()).as("%s\nstdout: %s\nstderr: %s", command, r.out, r.err).isZero();
    return r;
  }
}
