package com.ghldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One node of a cluster made of the packaged jar: {@code java -Xmx256m -jar ghl-data-saas.jar} in its
 * own process, with its own loopback ports (Hazelcast, event bus, HTTP, management), its own data
 * folder, and its JSON log (LOG_FORMAT=json) in a file. Its environment holds only what the test
 * gives it, so no setting of the machine's leaks in. Stopped by its own pid only.
 */
final class JarNode implements AutoCloseable {
  /** What the JVM needs from the test's environment; every setting of the app comes from the test. */
  private static final Set<String> INHERITED = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  final String name;
  final String roles;
  final int clusterPort;
  final int eventBusPort;
  final int httpPort;
  final int managementPort;
  final Path log;
  private final Path dir;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private Process process;
  private long startedAt;

  JarNode(String name, String roles, Path parent) throws IOException {
    this.name = name;
    this.roles = roles;
    this.clusterPort = freePort();
    this.eventBusPort = freePort();
    this.httpPort = freePort();
    this.managementPort = freePort();
    this.dir = Files.createDirectories(parent.resolve(name));
    this.log = dir.resolve("node.log");
  }

  /** The Hazelcast member address others list in CLUSTER_MEMBERS. */
  String member() {
    return "127.0.0.1:" + clusterPort;
  }

  JarNode with(String key, String value) {
    settings.put(key, value);
    return this;
  }

  JarNode with(Map<String, String> more) {
    settings.putAll(more);
    return this;
  }

  JarNode start(Path jar) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().retainAll(INHERITED);
    env.put("NODE_ROLES", roles);
    env.put("CLUSTER_HOST", "127.0.0.1");
    env.put("CLUSTER_PORT", Integer.toString(clusterPort));
    env.put("EVENTBUS_PORT", Integer.toString(eventBusPort));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", Integer.toString(httpPort));
    env.put("MANAGEMENT_HOST", "127.0.0.1");
    env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
    env.put("DATA_DIR", dir.resolve("data").toString());
    env.put("LOG_FORMAT", "json");
    env.putAll(settings);
    startedAt = System.nanoTime();
    process = pb.start();
    return this;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** The root of the node's HTTP API, or of its management server when it has no http role. */
  String base() {
    return "http://127.0.0.1:" + (roles.contains("http") ? httpPort : managementPort);
  }

  /** Waits until /health/ready answers 200; fails with the log's tail if the node dies or takes too long. */
  double awaitReady(Duration limit) {
    poll(name + " ready", limit, Duration.ofMillis(250), () -> {
      assertThat(alive()).as("%s is running\n%s", name, tail(60)).isTrue();
      HttpResponse<String> r = get("/health/ready", null);
      return r != null && r.statusCode() == 200;
    }, () -> String.format("%s is not ready after %s%n%s", name, limit, tail(60)));
    return (System.nanoTime() - startedAt) / 1e9;
  }

  /**
   * Polls {@code condition} every {@code every} until it holds; past {@code limit}, fails with
   * {@code why} (the nodes' log tails, say). An assertion failing inside fails at once.
   */
  static void poll(String what, Duration limit, Duration every, Callable<Boolean> condition, Supplier<String> why) {
    try {
      Awaitility.await(what).atMost(limit).pollInterval(every).until(condition);
    } catch (ConditionTimeoutException e) {
      fail(why.get());
    }
  }

  /** A GET on this node, or null when it does not answer. */
  HttpResponse<String> get(String path, String bearer) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
      if (bearer != null) {
        request.header("Authorization", bearer);
      }
      return HTTP.send(request.GET().build(), BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** kill -9: the JVM gets no chance to hand anything back. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s dies on SIGKILL", name).isTrue();
  }

  /** SIGTERM, as an orchestrator stops a node; true when it exited within the limit. */
  boolean stop(Duration limit) throws InterruptedException {
    process.destroy();
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGTERM, then SIGKILL after 20 s: for the end of a test, passed or not. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      if (!stop(Duration.ofSeconds(20))) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  String tail(int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- " + name + " (" + log + ")\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log of " + name + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name + " (" + roles + ", pid " + (process == null ? "-" : process.pid()) + ")";
  }



  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
