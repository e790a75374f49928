package com.ghldata;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server for tests: s3rver (npm) as a child process on a free port, with one bucket,
 * its data in a temporary folder; stopped by its own process handle. s3rver is installed into a cache
 * folder (as .ci/run does) when it is not there yet.
 */
public final class S3Server implements AutoCloseable {
  public static final String BUCKET = "ghl-test";
  /** s3rver's fixed credentials. */
  private static final String KEY = "S3RVER";
  private static final String VERSION = "3.7.1";

  private final Process process;
  private final int port;

  private S3Server(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static S3Server start() {
    try {
      Path script = install();
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path data = Files.createTempDirectory("ghl-s3rver");
      Process p = new ProcessBuilder("node", script.toString(), "--directory", data.toString(), "--address",
          "127.0.0.1", "--port", String.valueOf(port), "--configure-bucket", BUCKET, "--silent")
          .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
      try {
        Awaitility.await("s3rver listening on port " + port).atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100)).until(() -> {
              if (!p.isAlive()) {
                throw new IllegalStateException("s3rver exited before listening on port " + port);
              }
              try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
              } catch (IOException e) {
                return false;
              }
            });
      } catch (RuntimeException notStarted) {
        p.destroyForcibly();
        throw new IllegalStateException("s3rver did not start on port " + port, notStarted);
      }
      return new S3Server(p, port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start s3rver: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path install() throws IOException, InterruptedException {
    String home = System.getenv("S3RVER_HOME");
    Path prefix = home != null ? Path.of(home)
        : Path.of(System.getProperty("user.home"), ".cache", "ghl-ci-s3rver");
    Path script = prefix.resolve("node_modules/s3rver/bin/s3rver.js");
    if (!Files.isRegularFile(script)) {
      Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent",
          "--prefix", prefix.toString(), "s3rver@" + VERSION).inheritIO().start();
      if (npm.waitFor() != 0 || !Files.isRegularFile(script)) {
        throw new IllegalStateException("npm could not install s3rver@" + VERSION + " into " + prefix);
      }
    }
    return script;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The node's settings for this server. */
  public Map<String, String> settings() {
    return Map.of("STORAGE", "s3", "S3_ENDPOINT", endpoint(), "S3_BUCKET", BUCKET, "S3_REGION", "us-east-1",
        "S3_ACCESS_KEY_ID", KEY, "S3_SECRET_ACCESS_KEY", KEY, "S3_PATH_STYLE", "true");
  }

  /** The bucket's keys under a prefix, read with a client of the test's own. */
  public List<String> keys(String prefix) {
    try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
        .endpointOverride(java.net.URI.create(endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY))).build()) {
      return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
          .sorted().toList();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
