package com.ghldata.cli;

import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures a running server from outside, as users see it: upload-to-done latency of
 * sequential jobs (p50/p95, each job polled with {@code GET /jobs/{id}}), optionally while other
 * accounts' big uploads load the server, and the throughput of a burst of concurrent uploads
 * (jobs/min). Results are one {@code name key=value ...} line each. Only for servers on this
 * machine (loopback); every loop is bounded in count and time.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures a running server: upload-to-done latency (alone or under load) and burst throughput.")
public final class BenchCommand implements Callable<Integer> {
  /** Load jobs are only watched to know when the load ends: a slower poll keeps them from adding load. */
  private static final long LOAD_POLL_MILLIS = 100;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server base URL (loopback).")
  String url;

  @Option(names = "--file", description = "The latency jobs' file (default: a generated CSV of --latency-rows rows).")
  Path file;

  @Option(names = "--latency-jobs", defaultValue = "50",
      description = "Sequential jobs timed one by one (0: none; with --load-users: at most this many, while the load lasts).")
  int latencyJobs;

  @Option(names = "--latency-rows", defaultValue = "1000", description = "Rows in each generated latency file.")
  int latencyRows;

  @Option(names = "--warmup-file", description = "The warm-up jobs' file (default: the latency file).")
  Path warmupFile;

  @Option(names = "--warmup-jobs", defaultValue = "5", description = "Untimed jobs first: they pay the JIT.")
  int warmupJobs;

  @Option(names = "--poll-ms", defaultValue = "10", description = "How often a timed job's status is polled.")
  int pollMillis;

  @Option(names = "--download", description = "Save the last timed job's GHL CSV here.")
  Path download;

  @Option(names = "--load-file", description = "The file each load account uploads (with --load-users).")
  Path loadFile;

  @Option(names = "--load-users", defaultValue = "0",
      description = "Other accounts that each upload --load-file at once while the latency jobs are timed.")
  int loadUsers;

  @Option(names = "--burst-jobs", defaultValue = "200", description = "Uploads sent at once (0: no burst).")
  int burstJobs;

  @Option(names = "--burst-rows", defaultValue = "20", description = "Rows in each burst file.")
  int burstRows;

  @Option(names = "--concurrency", defaultValue = "16", description = "Uploads in flight during the burst.")
  int concurrency;

  @Option(names = "--timeout", defaultValue = "600", description = "Seconds before the bench gives up.")
  int timeoutSeconds;

  // Made in call(), not with the command: picocli builds every subcommand on each start, convert too.
  private HttpClient http;
  private long deadline;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    String host = URI.create(url).getHost();
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
      spec.commandLine().getErr().println("error: bench only targets a server on this machine (loopback)");
      return CommandLine.ExitCode.USAGE;
    }
    if (latencyJobs < 0 || warmupJobs < 0 || pollMillis < 1 || concurrency < 1) {
      spec.commandLine().getErr().println("error: --poll-ms and --concurrency must be at least 1, job counts at least 0");
      return CommandLine.ExitCode.USAGE;
    }
    if (loadUsers > 0 && (loadFile == null || latencyJobs == 0)) {
      spec.commandLine().getErr().println("error: --load-users needs --load-file and latency jobs");
      return CommandLine.ExitCode.USAGE;
    }
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    // HTTP/1.1, a connection per request in flight, as separate users' browsers would have: over one
    // HTTP/2 connection a small upload would queue behind twenty big ones in the client itself.
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    Path dir = Files.createTempDirectory("ghl-bench");
    Path latency = file;
    if (latency == null) {
      latency = dir.resolve("latency.csv");
      new ContactFileGenerator(11).writeCsv(latency, latencyRows, Layout.PORTUGUESE, ',', StandardCharsets.UTF_8);
    }
    try {
      String user = signUp();
      warmUp(out, user, warmupFile != null ? warmupFile : latency);
      if (loadUsers > 0) {
        latencyUnderLoad(out, user, latency);
      } else if (latencyJobs > 0) {
        latency(out, user, latency);
      }
      if (burstJobs > 0) {
        Path small = dir.resolve("burst.csv");
        new ContactFileGenerator(12).writeCsv(small, burstRows, Layout.PORTUGUESE, ',', StandardCharsets.UTF_8);
        burst(out, user, small);
      }
      return CommandLine.ExitCode.OK;
    } catch (BenchFailure e) {
      out.println("failed " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    } finally {
      out.flush();
    }
  }

  private void warmUp(PrintWriter out, String user, Path warmup) {
    long t0 = System.nanoTime();
    for (int i = 0; i < warmupJobs; i++) {
      awaitDone(user, upload(user, warmup), pollMillis);
    }
    if (warmupJobs > 0) {
      out.printf(Locale.ROOT, "warmup file=%s jobs=%d seconds=%.1f%n", warmup.getFileName(), warmupJobs, seconds(t0));
      out.flush();
    }
  }

  private void latency(PrintWriter out, String user, Path latency) {
    List<Double> accepted = new ArrayList<>();
    List<Double> done = new ArrayList<>();
    JsonObject last = null;
    for (int i = 0; i < latencyJobs; i++) {
      long t0 = System.nanoTime();
      String id = upload(user, latency);
      accepted.add(millis(t0));
      last = awaitDone(user, id, pollMillis);
      done.add(millis(t0));
    }
    out.printf(Locale.ROOT, "latency file=%s bytes=%d rows=%d jobs=%d %s accepted_p50_ms=%.0f%n",
        latency.getFileName(), size(latency), totalRows(last), latencyJobs, percentiles(done), pct(accepted, 50));
    out.flush();
    if (download != null && last != null) {
      download(out, user, last.getString("id"));
    }
  }

  /**
   * Other accounts each upload the load file at the same moment; meanwhile this account's latency
   * jobs are timed one after another until every load job is done: what a small user feels while
   * big users fill the queue.
   */
  private void latencyUnderLoad(PrintWriter out, String user, Path latency) {
    List<String> loaders = new ArrayList<>();
    for (int i = 0; i < loadUsers; i++) {
      loaders.add(signUp());
    }
    ExecutorService pool = Executors.newFixedThreadPool(loadUsers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Double>> load = new ArrayList<>();
      for (String loader : loaders) {
        load.add(CompletableFuture.supplyAsync(() -> {
          awaitUninterruptibly(start);
          long t0 = System.nanoTime();
          awaitDone(loader, upload(loader, loadFile), LOAD_POLL_MILLIS);
          return seconds(t0);
        }, pool));
      }
      CompletableFuture<Void> all = CompletableFuture.allOf(load.toArray(CompletableFuture[]::new));
      long t0 = System.nanoTime();
      start.countDown();
      List<Double> done = new ArrayList<>();
      while (!all.isDone() && done.size() < latencyJobs) {
        long t1 = System.nanoTime();
        awaitDone(user, upload(user, latency), pollMillis);
        done.add(millis(t1));
      }
      List<Double> loadSeconds = load.stream().map(BenchCommand::join).toList();
      double allDone = seconds(t0);
      if (done.isEmpty()) {
        throw new BenchFailure("the load was over before a latency job could be timed");
      }
      out.printf(Locale.ROOT, "latency_under_load file=%s jobs=%d %s load_users=%d load_file=%s"
              + " load_bytes=%d load_job_p50_s=%.1f load_job_max_s=%.1f load_done_s=%.1f%n",
          latency.getFileName(), done.size(), percentiles(done), loadUsers, loadFile.getFileName(), size(loadFile),
          pct(loadSeconds, 50), Collections.max(loadSeconds), allDone);
      out.flush();
    } finally {
      pool.shutdownNow();
    }
  }

  private void burst(PrintWriter out, String user, Path small) {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long t0 = System.nanoTime();
      List<CompletableFuture<String>> ids = new ArrayList<>();
      for (int i = 0; i < burstJobs; i++) {
        ids.add(CompletableFuture.supplyAsync(() -> upload(user, small), pool));
      }
      List<String> all = ids.stream().map(BenchCommand::join).toList();
      double accepted = seconds(t0);
      for (String id : all) {
        awaitDone(user, id, LOAD_POLL_MILLIS);
      }
      double seconds = seconds(t0);
      out.printf(Locale.ROOT, "burst jobs=%d rows=%d accepted_s=%.1f done_s=%.1f jobs_per_min=%.0f%n",
          burstJobs, burstRows, accepted, seconds, burstJobs / seconds * 60);
    } finally {
      pool.shutdownNow();
    }
  }

  private void download(PrintWriter out, String user, String id) {
    long t0 = System.nanoTime();
    HttpResponse<Path> r = send(request(user, "/jobs/" + id + "/download").GET(), BodyHandlers.ofFile(download));
    if (r.statusCode() != 200) {
      throw new BenchFailure("download job=" + id + " http=" + r.statusCode());
    }
    out.printf(Locale.ROOT, "download job=%s bytes=%d ms=%.0f%n", id, size(download), millis(t0));
    out.flush();
  }

  /** A throwaway account: its bearer token goes on every request it makes. */
  private String signUp() {
    JsonObject credentials = new JsonObject()
        .put("email", "bench-" + UUID.randomUUID() + "@example.com").put("password", UUID.randomUUID().toString());
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/auth/register"))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(credentials.encode())),
        BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new BenchFailure("sign-up http=" + r.statusCode() + " " + r.body());
    }
    return "Bearer " + new JsonObject(r.body()).getString("token");
  }

  /** Files the bench sends from memory, read once: a browser sends a file as fast as the network takes it. */
  private final Map<Path, byte[]> inMemory = new ConcurrentHashMap<>();

  private static final long IN_MEMORY_BYTES = 64L << 20;

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends a file up to 64 MiB from memory (Java's file publisher reads small blocks and would time
   * the client); a bigger one streams from disk, so a 1M-row file need not sit in the bench's heap.
   */
  private String upload(String user, Path csv) {
    String boundary = "----bench" + UUID.randomUUID();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + csv.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    HttpRequest.BodyPublisher body;
    try {
      HttpRequest.BodyPublisher file = Files.size(csv) <= IN_MEMORY_BYTES
          ? BodyPublishers.ofByteArray(inMemory.computeIfAbsent(csv, BenchCommand::readAll))
          : BodyPublishers.ofFile(csv);
      body = BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8), file,
          BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long t0 = System.nanoTime();
    HttpResponse<String> r = send(request(user, "/jobs")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body), BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new BenchFailure(String.format(Locale.ROOT, "upload file=%s http=%d ms=%.0f %s",
          csv.getFileName(), r.statusCode(), millis(t0), oneLine(r.body())));
    }
    return new JsonObject(r.body()).getString("id");
  }

  /**
   * Polls {@code GET /jobs/{id}} on a fixed schedule until the job is done: the measured latency is
   * at most one period (plus one request) late. A failed job stops the bench.
   */
  private JsonObject awaitDone(String user, String id, long periodMillis) {
    long period = TimeUnit.MILLISECONDS.toNanos(periodMillis);
    long next = System.nanoTime();
    while (true) {
      HttpResponse<String> r = send(request(user, "/jobs/" + id).GET(), BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new BenchFailure("poll job=" + id + " http=" + r.statusCode() + " " + oneLine(r.body()));
      }
      JsonObject job = new JsonObject(r.body());
      String status = job.getString("status");
      if ("done".equals(status)) {
        return job;
      }
      if ("failed".equals(status)) {
        JsonObject error = job.getJsonObject("error", new JsonObject());
        throw new BenchFailure("job=" + id + " file=" + job.getString("filename") + " status=failed error="
            + error.getString("code") + " message=\"" + oneLine(error.getString("message", "")) + "\"");
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new BenchFailure("timeout job=" + id + " status=" + status + " progress=" + job.getValue("progress"));
      }
      // Behind schedule (a slow answer): poll at once, without a burst of catch-up polls.
      next = Math.max(next + period, now);
      sleepNanos(next - now);
    }
  }

  private HttpRequest.Builder request(String user, String path) {
    long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", user)
        .timeout(Duration.ofMillis(left));
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (IOException e) {
      throw new BenchFailure("http error=\"" + oneLine(String.valueOf(e.getMessage())) + "\" ("
          + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted");
    }
  }

  private static long totalRows(JsonObject job) {
    JsonObject summary = job == null ? null : job.getJsonObject("summary");
    return summary == null ? -1 : summary.getLong("total_rows", -1L);
  }

  private static String percentiles(List<Double> millis) {
    return String.format(Locale.ROOT, "p50_ms=%.0f p95_ms=%.0f max_ms=%.0f",
        pct(millis, 50), pct(millis, 95), Collections.max(millis));
  }

  /** Nearest-rank percentile. */
  private static double pct(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }

  private static double millis(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted");
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted");
    }
  }

  /** The first failure of a concurrent task, as itself rather than wrapped. */
  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Why the bench stopped, as a {@code key=value} tail for the {@code failed} line. */
  private static final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
      super(message);
    }
  }
}
