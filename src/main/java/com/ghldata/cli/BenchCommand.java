package com.ghldata.cli;

import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures a running server from outside, as users see it: upload-to-done latency of
 * sequential jobs (p50/p95) and the throughput of a burst of concurrent uploads (jobs/min). Only
 * for servers on this machine (loopback); every loop is bounded in count and time.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures a running server: upload-to-done latency and burst throughput.")
public final class BenchCommand implements Callable<Integer> {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server base URL (loopback).")
  String url;

  @Option(names = "--latency-jobs", defaultValue = "50", description = "Sequential jobs timed one by one.")
  int latencyJobs;

  @Option(names = "--latency-rows", defaultValue = "1000", description = "Rows in each latency job's file.")
  int latencyRows;

  @Option(names = "--burst-jobs", defaultValue = "200", description = "Uploads sent at once.")
  int burstJobs;

  @Option(names = "--burst-rows", defaultValue = "20", description = "Rows in each burst file.")
  int burstRows;

  @Option(names = "--concurrency", defaultValue = "16", description = "Uploads in flight during the burst.")
  int concurrency;

  @Option(names = "--timeout", defaultValue = "600", description = "Seconds before the bench gives up.")
  int timeoutSeconds;

  // Made in call(), not with the command: picocli builds every subcommand on each start, convert too.
  private HttpClient http;
  private String bearer;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String host = URI.create(url).getHost();
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
      spec.commandLine().getErr().println("error: bench only targets a server on this machine (loopback)");
      return CommandLine.ExitCode.USAGE;
    }
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    bearer = "Bearer " + signUp();
    Path dir = Files.createTempDirectory("ghl-bench");
    Path big = dir.resolve("latency.csv");
    Path small = dir.resolve("burst.csv");
    new ContactFileGenerator(11).writeCsv(big, latencyRows, Layout.PORTUGUESE, ',', StandardCharsets.UTF_8);
    new ContactFileGenerator(12).writeCsv(small, burstRows, Layout.PORTUGUESE, ',', StandardCharsets.UTF_8);
    byte[] bigBytes = Files.readAllBytes(big);
    byte[] smallBytes = Files.readAllBytes(small);

    // Warm-up: the first jobs pay JIT compilation; users of a running server do not.
    for (int i = 0; i < 5; i++) {
      awaitDone(upload(bigBytes), deadline);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < latencyJobs; i++) {
      long t0 = System.nanoTime();
      awaitDone(upload(bigBytes), deadline);
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(millis);
    out.printf(Locale.ROOT, "latency: %d jobs of %d rows, upload to done: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
        latencyJobs, latencyRows, pct(millis, 50), pct(millis, 95), millis.get(millis.size() - 1));

    long t0 = System.nanoTime();
    Semaphore inFlight = new Semaphore(concurrency);
    List<CompletableFuture<String>> ids = new ArrayList<>();
    for (int i = 0; i < burstJobs; i++) {
      inFlight.acquire();
      ids.add(CompletableFuture.supplyAsync(() -> {
        try {
          return upload(smallBytes);
        } finally {
          inFlight.release();
        }
      }));
    }
    List<String> all = ids.stream().map(CompletableFuture::join).toList();
    double accepted = (System.nanoTime() - t0) / 1e9;
    for (String id : all) {
      awaitDone(id, deadline);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "burst: %d uploads of %d rows accepted in %.1f s, all done in %.1f s: %.0f jobs/min%n",
        burstJobs, burstRows, accepted, seconds, burstJobs / seconds * 60);
    return CommandLine.ExitCode.OK;
  }

  /** A throwaway account for this run: its token goes on every request. */
  private String signUp() throws IOException, InterruptedException {
    String credentials = "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"password\":\""
        + UUID.randomUUID() + "\"}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/auth/register"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(credentials)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = TOKEN.matcher(r.body());
    if (r.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException("could not create the bench account: " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  private String upload(byte[] csv) {
    String boundary = "----bench" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + csv.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(csv, 0, body, head.length, csv.length);
    System.arraycopy(tail, 0, body, head.length + csv.length, tail.length);
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/jobs"))
          .header("Authorization", bearer)
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = ID.matcher(r.body());
      if (r.statusCode() != 202 || !m.find()) {
        throw new IllegalStateException("upload refused: " + r.statusCode() + " " + r.body());
      }
      return m.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("upload failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Follows the job's server-sent events until it is done (or fails: the bench then stops). */
  private void awaitDone(String id, long deadline) throws IOException, InterruptedException {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + id + "/events"))
        .header("Authorization", bearer).timeout(Duration.ofMillis(left)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    String status = null;
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        Matcher m = STATUS.matcher(line);
        if (line.startsWith("data:") && m.find()) {
          status = m.group(1);
        }
      }
    }
    if (!"done".equals(status)) {
      throw new IllegalStateException("job " + id + " ended " + status);
    }
  }

  private static double pct(List<Double> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }
}
