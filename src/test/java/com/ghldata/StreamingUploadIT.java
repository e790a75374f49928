package com.ghldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB upload through the real router, on a server that runs in a 160 MiB heap: it must be
 * accepted, converted and downloaded without the server ever holding the file (the upload goes to
 * disk, then to the store chunk by chunk; the worker reads and writes chunks; the download streams
 * them), and the download must be byte for byte what the CLI makes of the same file.
 *
 * <p>The server runs as {@code java -jar} in its own process, on the embedded PostgreSQL and Redis,
 * or on the machine's when {@code TEST_DATABASE_URL} and {@code TEST_REDIS_URL} are set. Its live
 * heap is read from its own GC log, after the full collections the test asks for during the job: it
 * must stay under {@value #LIVE_BOUND_MIB} MiB, and G1 must never have had to fall back to a full
 * collection of its own.
 */
@Tag("services")
class StreamingUploadIT {
  /** With the generator's Portuguese layout and Brazilian people, 760,000 rows make about 100.9 MB. */
  private static final int ROWS = 760_000;
  private static final long MIN_UPLOAD_BYTES = 100_000_000L;
  private static final int HEAP_MIB = 160;
  /**
   * How often the test has the server do a full collection ({@code jcmd PID GC.run}) while the upload
   * is stored, converted and downloaded. The figure after a full collection is the live heap; after a
   * young one it also counts the old regions' garbage that G1 has not marked yet, which in a 160 MiB
   * heap drifts between about 100 and 140 MiB for the same job, so it would measure G1, not the app.
   */
  private static final long SAMPLE_MS = 1500;
  /**
   * The live heap's bound. The idle server keeps about 33 MiB; the conversion adds its in-file dedupe
   * index, which grows with the rows (the CLI's own live heap reaches about 40 MiB on this file), and
   * a few 1 MiB chunks: about 90 MiB at most. Holding the upload (96 MiB) beside what the idle server
   * keeps would take 129 MiB, and the upload and its output (81 MiB) together 177 MiB.
   */
  private static final long LIVE_BOUND_MIB = 120;
  /** A collection that evacuates ({@code Pause Young ...}) or compacts ({@code Pause Full ...}). */
  private static final Pattern GC_PAUSE = Pattern.compile(
      "\\bPause (Young|Full)\\b(.*) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private static final Duration POLL = Duration.ofMillis(250);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path workDir;
  private String bearer;

  @Test
  void aHundredMegabyteUploadConvertsUnderASmallHeapAndDownloadsTheClisBytes() throws Exception {
    Path jar = Path.of(System.getProperty("app.jar", "target/ghl-data-saas.jar")).toAbsolutePath();
    assertThat(jar).exists();
    Path dataDir = workDir.resolve("data");
    Path gcLog = workDir.resolve("gc.log");
    Path log = workDir.resolve("app.log");
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder("java", "-Xmx" + HEAP_MIB + "m", "-Xlog:gc:file=" + gcLog,
        "-jar", jar.toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.equals("DATABASE_URL") || k.equals("REDIS_URL") || k.equals("APP_ENV"));
    env.put("HTTP_PORT", Integer.toString(port));
    env.put("DATA_DIR", dataDir.toString());
    env.put("MAX_UPLOAD_MB", "256");
    env.put("RATE_LIMIT_AUTH", "1000/1m");
    env.put("RATE_LIMIT_UPLOADS", "1000/1m");
    env.put("RATE_LIMIT_READS", "100000/1m");
    String databaseUrl = System.getenv("TEST_DATABASE_URL");
    String redisUrl = System.getenv("TEST_REDIS_URL");
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      env.put("DATABASE_URL", databaseUrl);
    }
    if (redisUrl != null && !redisUrl.isBlank()) {
      env.put("REDIS_URL", redisUrl);
    }

    long t0 = System.nanoTime();
    Process app = pb.start();
    String base = "http://127.0.0.1:" + port;
    boolean stopped = false;
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "heap-sampler");
      t.setDaemon(true);
      return t;
    });
    AtomicInteger samples = new AtomicInteger();
    try {
      // The input is made while the server starts (its embedded PostgreSQL mostly waits on a disk).
      Path input = workDir.resolve("contatos.csv");
      runCli(jar, workDir.resolve("generate.log"), "generate", "-o", input.toString(), "--rows",
          Integer.toString(ROWS), "--seed", "42");
      long inputBytes = Files.size(input);
      assertThat(inputBytes).as("the generated upload").isGreaterThanOrEqualTo(MIN_UPLOAD_BYTES);
      double generated = seconds(t0);

      awaitReady(app, base, log);
      double ready = seconds(t0);
      register(base);

      String boundary = "----ghl" + UUID.randomUUID();
      byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contatos.csv\"\r\n"
          + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      sampler.scheduleWithFixedDelay(() -> fullGc(app, samples), 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
      long uploadStart = System.nanoTime();
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
          .timeout(Duration.ofMinutes(3))
          .header("Authorization", bearer)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(input),
              BodyPublishers.ofByteArray(tail)))
          .build(), BodyHandlers.ofString());
      double uploaded = seconds(uploadStart);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(created.body());
      assertThat(id.find()).as(created.body()).isTrue();
      String job = base + "/jobs/" + id.group(1);

      long acceptedAt = System.nanoTime();
      String done = awaitDone(app, job, Duration.ofMinutes(5), log);
      double converted = seconds(acceptedAt);
      double uploadToDone = seconds(uploadStart);

      Path served = workDir.resolve("served-ghl.csv");
      long downloadStart = System.nanoTime();
      HttpResponse<Path> download = http.send(HttpRequest.newBuilder(URI.create(job + "/download"))
          .timeout(Duration.ofMinutes(3)).header("Authorization", bearer).GET().build(),
          BodyHandlers.ofFile(served));
      double downloaded = seconds(downloadStart);
      sampler.shutdownNow();
      assertThat(sampler.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(download.statusCode()).isEqualTo(200);
      long servedBytes = Files.size(served);
      assertThat(download.headers().firstValueAsLong("Content-Length"))
          .as("Content-Length of the download").hasValue(servedBytes);

      assertThat(app.isAlive()).as("the server survives the job\n" + tailOf(log)).isTrue();
      // The body handler's file is deleted once the 202 has been sent; give that a moment at most.
      Path uploads = dataDir.resolve("uploads");
      Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(POLL)
          .untilAsserted(() -> assertThat(leftovers(uploads)).as("temporary upload files left in " + uploads).isEmpty());

      app.destroy();
      stopped = true;
      boolean exited = app.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        app.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(exited).as("the server stops on SIGTERM within 60 s\n" + tailOf(log)).isTrue();
      assertThat(output).doesNotContain("OutOfMemoryError").contains("GHL Data is ready", "GHL Data stopped");

      GcLog gc = GcLog.read(gcLog);

      // The reference: the CLI, with its defaults (the service's: country BR, ninth digit, no tag).
      Path reference = workDir.resolve("cli-ghl.csv");
      long cliStart = System.nanoTime();
      runCli(jar, workDir.resolve("convert.log"), "convert", input.toString(), "-o", reference.toString());
      double cli = seconds(cliStart);

      System.out.printf(Locale.ROOT, "StreamingUploadIT (%s): upload %,d bytes (%d rows generated), output %,d bytes%n",
          databaseUrl != null ? "machine's PostgreSQL/Redis" : "embedded PostgreSQL/Redis", inputBytes, ROWS, servedBytes);
      System.out.printf(Locale.ROOT, "  input generated at %.1f s, server ready at %.1f s (-Xmx%dm)%n", generated, ready, HEAP_MIB);
      System.out.printf(Locale.ROOT, "  POST /jobs -> 202 in %.1f s, 202 -> done in %.1f s, upload -> done %.1f s,"
          + " download %.1f s; CLI convert %.1f s%n", uploaded, converted, uploadToDone, downloaded, cli);
      System.out.printf(Locale.ROOT, "  server live heap: peak %.1f MiB after %d full collections asked every %d ms"
          + " (bound %d MiB); peak after a young collection %.1f MiB; other full collections: %d%n",
          gc.liveKib() / 1024.0, gc.asked(), SAMPLE_MS, LIVE_BOUND_MIB, gc.youngKib() / 1024.0,
          gc.otherFulls().size());
      System.out.println("  live heap after each asked collection (server uptime): " + String.join(" ", gc.samples()));
      System.out.println("  job " + done);

      assertThat(Files.mismatch(served, reference)).as("first differing byte of the download and the CLI's output")
          .isEqualTo(-1L);
      assertThat(gc.asked()).as("full collections the test asked for (%d answered jcmd)", samples.get())
          .isGreaterThanOrEqualTo(3);
      assertThat(gc.otherFulls()).as("full collections G1 fell back to for want of heap").isEmpty();
      assertThat(gc.liveKib()).as("the server's largest live heap, in KiB: " + gc.liveLine())
          .isLessThan(LIVE_BOUND_MIB * 1024);
    } finally {
      sampler.shutdownNow();
      if (!stopped) {
        app.destroy();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
          app.destroyForcibly();
        }
      }
    }
  }

  private void awaitReady(Process app, String base, Path log) {
    try {
      Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(POLL).until(() -> {
        assertThat(app.isAlive()).as("the server is running\n" + tailOf(log)).isTrue();
        HttpResponse<String> r = get(base + "/health/ready");
        return r != null && r.statusCode() == 200;
      });
    } catch (ConditionTimeoutException e) {
      fail("the server is not ready after 180 s\n" + tailOf(log));
    }
  }

  private void register(String base) throws Exception {
    String email = "big-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/register"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"a long passphrase\"}"))
        .build(), BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(registered.body());
    assertThat(token.find()).isTrue();
    bearer = "Bearer " + token.group(1);
  }

  /** Polls the job until it is done; fails at once if it failed, the server died, or at the deadline. */
  private String awaitDone(Process app, String job, Duration limit, Path log) {
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    try {
      Awaitility.await().atMost(limit).pollInterval(POLL).until(() -> {
        assertThat(app.isAlive()).as("the server is running\n" + tailOf(log)).isTrue();
        HttpResponse<String> r = get(job);
        if (r == null) {
          return false;
        }
        last.set(r);
        if (r.statusCode() != 200 || r.body().contains("\"status\":\"failed\"")) {
          fail("the job did not convert: " + r.statusCode() + " " + r.body() + "\n" + tailOf(log));
        }
        return r.body().contains("\"status\":\"done\"");
      });
      return last.get().body();
    } catch (ConditionTimeoutException e) {
      HttpResponse<String> r = last.get();
      return fail("the job is not done after " + limit + ": " + (r == null ? "no answer" : r.body())
          + "\n" + tailOf(log));
    }
  }

  private HttpResponse<String> get(String url) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
      if (bearer != null) {
        request.header("Authorization", bearer);
      }
      return http.send(request.GET().build(), BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a CLI command of the jar in its own process and waits for it to succeed. */
  private void runCli(Path jar, Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      boolean exited = p.waitFor(5, TimeUnit.MINUTES);
      assertThat(exited).as(String.join(" ", args) + " ends within 5 minutes").isTrue();
      assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + Files.readString(log)).isZero();
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  /** Has the server collect its whole heap now, as {@code jcmd PID GC.run}; the GC log records the result. */
  private static void fullGc(Process app, AtomicInteger answered) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = null;
    try {
      p = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        answered.incrementAndGet();
      }
    } catch (IOException e) {
      // Counted by the assertion on the samples.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  /**
   * What a unified GC log ({@code [1.2s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause)
   * 45M->12M(160M) 3.4ms}) says: the largest figure after the full collections the test asked for
   * ({@code Pause Full (Diagnostic Command)}), the largest after a young one, and any other full collection.
   */
  private record GcLog(int asked, long liveKib, String liveLine, long youngKib, List<String> otherFulls,
      List<String> samples) {
    static GcLog read(Path gcLog) throws IOException {
      int asked = 0;
      long live = -1;
      long young = -1;
      String liveLine = null;
      List<String> others = new ArrayList<>();
      List<String> samples = new ArrayList<>();
      for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
        Matcher m = GC_PAUSE.matcher(line);
        if (!m.find()) {
          continue;
        }
        long after = kib(Long.parseLong(m.group(5)), m.group(6));
        if (m.group(1).equals("Young")) {
          young = Math.max(young, after);
        } else if (m.group(2).contains("(Diagnostic Command)") || m.group(2).contains("(System.gc())")) {
          asked++;
          samples.add(after / 1024 + "M@" + line.substring(1, line.indexOf(']')));
          if (after > live) {
            live = after;
            liveLine = line;
          }
        } else {
          others.add(line);
        }
      }
      return new GcLog(asked, live, liveLine, young, others, samples);
    }
  }

  private static long kib(long value, String unit) {
    return switch (unit) {
      case "K" -> value;
      case "M" -> value * 1024;
      default -> value * 1024 * 1024;
    };
  }

  private static List<Path> leftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static String tailOf(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
