package com.ghldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar as a newcomer runs it: {@code java -jar target/ghl-data-saas.jar} in an empty
 * folder, no configuration but a free port. It must become ready on its embedded services, convert
 * an upload, and stop cleanly on SIGTERM.
 */
@Tag("services")
class JarSmokeIT {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path workDir;
  private String bearer;

  @Test
  void theJarStartsWithNoConfigurationConvertsAnUploadAndStopsCleanly() throws Exception {
    Path jar = Path.of(System.getProperty("app.jar", "target/ghl-data-saas.jar")).toAbsolutePath();
    assertThat(jar).exists();
    int port = freePort();
    Path log = workDir.resolve("app.log");
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.equals("DATABASE_URL") || k.equals("REDIS_URL") || k.equals("APP_ENV"));
    pb.environment().put("HTTP_PORT", Integer.toString(port));
    Process app = pb.start();
    String base = "http://127.0.0.1:" + port;
    try {
      HttpResponse<String> ready = poll(Duration.ofSeconds(120), () -> get(base + "/health/ready"),
          r -> r != null && r.statusCode() == 200);
      assertThat(ready.body()).contains("\"database\"", "\"redis\"");
      assertThat(workDir.resolve("data/postgres/PG_VERSION")).exists();

      HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/register"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ana@example.com\",\"password\":\"a long passphrase\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
      Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(registered.body());
      assertThat(token.find()).isTrue();
      bearer = "Bearer " + token.group(1);
      // With no JWT_SECRET outside production, a random one is generated once and kept private.
      assertThat(workDir.resolve("data/secrets/jwt-secret")).exists();
      assertThat(Files.getPosixFilePermissions(workDir.resolve("data/secrets/jwt-secret")))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

      String boundary = "----ghl" + UUID.randomUUID();
      String csv = "Nome;E-mail;Telefone\nMaria Silva;maria@example.com;(11) 98765-4321\n";
      String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contatos.csv\"\r\n"
          + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs"))
          .header("Authorization", bearer)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(202);
      Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(created.body());
      assertThat(id.find()).isTrue();

      poll(Duration.ofSeconds(60), () -> get(base + "/jobs/" + id.group(1)),
          r -> r != null && r.body().contains("\"status\":\"done\""));
      HttpResponse<String> download = get(base + "/jobs/" + id.group(1) + "/download");
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).contains("Maria,Silva,maria@example.com,+5511987654321");
    } finally {
      app.destroy();
      boolean exited = app.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        app.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(exited).as("the app stops on SIGTERM within 60 s\n" + output).isTrue();
      assertThat(output).contains("GHL Data is ready", "GHL Data stopped");
    }
  }

  @Test
  void theJarLeavesTheJdksXmlFactoriesAsEveryLibrarysDefault() throws Exception {
    // Aalto parses the workbook parts, chosen by name in SafeXml; its service files must not make it
    // the StAX factory of every other library in the jar.
    Path jar = Path.of(System.getProperty("app.jar", "target/ghl-data-saas.jar")).toAbsolutePath();
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      assertThat(file.getEntry("com/fasterxml/aalto/sax/SAXParserFactoryImpl.class")).isNotNull();
      for (String factory : List.of("XMLInputFactory", "XMLOutputFactory", "XMLEventFactory")) {
        assertThat(file.getEntry("META-INF/services/javax.xml.stream." + factory)).as(factory).isNull();
      }
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "JWT_SECRET=                                | refuses the default JWT secret: set JWT_SECRET",
      "CORS_ORIGINS=*                             | refuses CORS_ORIGINS=*",
      "DEBUG_ENDPOINTS=true                       | refuses DEBUG_ENDPOINTS=true",
      "DATABASE_URL=                              | refuses the embedded PostgreSQL: set DATABASE_URL",
      "JWT_SECRET=change-me-to-32-or-more-random-bytes | refuses the example JWT_SECRET"})
  void productionRefusesToStartOnAnUnsafeSettingAndNamesIt(String setting, String message) throws Exception {
    Path jar = Path.of(System.getProperty("app.jar", "target/ghl-data-saas.jar")).toAbsolutePath();
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString()).directory(workDir.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("APP_ENV", "production");
    env.put("DATABASE_URL", "postgresql://app@127.0.0.1:1/ghl");
    env.put("REDIS_URL", "redis://127.0.0.1:1");
    env.put("JWT_SECRET", "a-production-secret-of-at-least-32-bytes");
    env.put("CORS_ORIGINS", "https://app.example.com");
    String[] kv = setting.split("=", 2);
    if (kv[1].isEmpty()) {
      env.remove(kv[0]);
    } else {
      env.put(kv[0], kv[1]);
    }
    Process app = pb.start();
    boolean exited = app.waitFor(60, TimeUnit.SECONDS);
    String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(exited).as(output).isTrue();
    assertThat(app.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("error: invalid configuration:", message).doesNotContain("GHL Data is ready")
        .doesNotContain("a-production-secret");
    assertThat(workDir.resolve("data")).as("nothing started, nothing written").doesNotExist();
  }

  private HttpResponse<String> get(String url) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
      if (bearer != null) {
        request.header("Authorization", bearer);
      }
      return http.send(request.GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Calls until the answer satisfies the condition, or fails at the deadline with the last answer. */
  private static <T> T poll(Duration limit, java.util.function.Supplier<T> call, Predicate<T> done) {
    return Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(250))
        .until(call::get, done::test);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
