package com.ghldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import com.ghldata.tools.generate.People;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster as it is deployed: every node a JVM of the packaged jar ({@code -Xmx256m}), on loopback,
 * in a Hazelcast cluster of its own name, sharing one PostgreSQL (a database made for this run on the
 * machine's server when TEST_DATABASE_URL is set, else on an embedded one) and one Redis.
 *
 * <ol>
 *   <li>One http,store node and two worker nodes take 100 uploads; one worker is killed with SIGKILL
 *       while it converts a job. Every job must reach done, its download byte for byte what the CLI's
 *       {@code convert} makes of the same file; the jobs the dead worker held must come back through
 *       their lease and be converted by the other; the store must have accepted exactly 100
 *       completions (its ghl_jobs_finished_total), so no job was completed twice.
 *   <li>Then two http,store nodes on the same database and Redis (the first node stopped with SIGTERM),
 *       with the surviving worker: an upload limit of 5 a minute holds across both, jobs uploaded on
 *       either finish, and each downloads from the node that did not take it.
 * </ol>
 */
@Tag("services")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final int JOBS = 100;
  /** The big file, uploaded twice first: its conversion takes seconds, so a worker surely holds it when killed. */
  private static final int LARGE_ROWS = 150_000;
  private static final int LARGE_UPLOADS = 2;
  private static final int LEASE_SECONDS = 10;
  private static final Duration READY_LIMIT = Duration.ofSeconds(150);
  private static final Duration KILL_LIMIT = Duration.ofSeconds(120);
  private static final Duration DONE_LIMIT = Duration.ofSeconds(180);
  private static final Pattern METRIC = Pattern.compile("^([a-z_]+)\\{([^}]*)\\} ([0-9.eE+-]+)$");

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Kept when a test fails: the nodes' logs are in it. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path workDir;
  private static Path jar;
  private static String databaseUrl;
  private static String redisUrl;
  private static final List<JarNode> nodes = new ArrayList<>();
  private static JarNode front;
  private static JarNode worker1;
  private static JarNode worker2;
  private static JarNode frontB;
  private static JarNode frontC;
  /** The distinct files, by key; every upload is one of them. */
  private static final Map<String, Sample> samples = new LinkedHashMap<>();
  private static final long T0 = System.nanoTime();

  /** A generated file and what {@code java -jar ... convert} made of it. */
  private record Sample(String key, Path file, Path expected, int rows) {
    long bytes() throws IOException {
      return Files.size(file);
    }
  }

  @BeforeAll
  static void startTheClusterAndMakeTheFiles() throws Exception {
    jar = Path.of(System.getProperty("app.jar", "target/ghl-data-saas.jar")).toAbsolutePath();
    assertThat(jar).exists();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(n -> {
      if (n.alive()) {
        ProcessHandle.of(n.pid()).ifPresent(ProcessHandle::destroyForcibly);
      }
    })));
    freshDatabase();
    redisUrl = TestServices.redisUrl();

    front = new JarNode("front", "http,store", workDir);
    worker1 = new JarNode("worker-1", "worker", workDir);
    worker2 = new JarNode("worker-2", "worker", workDir);
    frontB = new JarNode("front-b", "http,store", workDir);
    frontC = new JarNode("front-c", "http,store", workDir);
    nodes.addAll(List.of(front, worker1, worker2, frontB, frontC));
    String members = String.join(",", nodes.stream().map(JarNode::member).toList());
    String clusterName = "ghl-it-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
    for (JarNode n : nodes) {
      n.with(Map.of("APP_ENV", "test", "CLUSTER_MEMBERS", members, "CLUSTER_NAME", clusterName,
          "JOB_LEASE_SECONDS", Integer.toString(LEASE_SECONDS), "JOB_POLL_SECONDS", "1",
          "WORKER_INSTANCES", "2", "SHUTDOWN_GRACE_SECONDS", "10"));
      if (n.roles.contains("http")) {
        n.with(Map.of("DATABASE_URL", databaseUrl, "REDIS_URL", redisUrl, "JWT_SECRET", TestServices.JWT_SECRET,
            "MAX_UPLOAD_MB", "64", "RATE_LIMIT_AUTH", "1000/1m", "RATE_LIMIT_READS", "100000/1m"));
      }
    }
    front.with("RATE_LIMIT_UPLOADS", "1000/1m");
    frontB.with("RATE_LIMIT_UPLOADS", "5/1m");
    frontC.with("RATE_LIMIT_UPLOADS", "5/1m");
    for (JarNode n : List.of(front, worker1, worker2)) {
      n.start(jar);
    }

    // The files and their expected outputs are made while the nodes start.
    Path files = Files.createDirectories(workDir.resolve("files"));
    sample(files, "pt", 2_000, Layout.PORTUGUESE, People.BRAZIL, 11, ',', StandardCharsets.UTF_8, "csv");
    sample(files, "en-us", 3_000, Layout.ENGLISH, People.US, 12, ',', StandardCharsets.UTF_8, "csv");
    sample(files, "google", 3_000, Layout.GOOGLE, People.BRAZIL, 13, ',', StandardCharsets.UTF_8, "csv");
    sample(files, "es-latin1", 4_000, Layout.SPANISH, People.BRAZIL, 14, ';', Charset.forName("windows-1252"), "csv");
    sample(files, "outlook", 2_500, Layout.OUTLOOK, People.BRAZIL, 15, ',', StandardCharsets.UTF_8, "xlsx");
    sample(files, "hubspot", 10_000, Layout.HUBSPOT, People.BRAZIL, 16, ',', StandardCharsets.UTF_8, "csv");
    sample(files, "large", LARGE_ROWS, Layout.PORTUGUESE, People.BRAZIL, 17, ',', StandardCharsets.UTF_8, "csv");
    double made = seconds(T0);

    double frontReady = front.awaitReady(READY_LIMIT);
    double w1Ready = worker1.awaitReady(READY_LIMIT);
    double w2Ready = worker2.awaitReady(READY_LIMIT);
    awaitMetric(front, "ghl_workers", 2, Duration.ofSeconds(30));
    System.out.printf(Locale.ROOT, "ClusterIT (%s): %d files generated and converted by the CLI at %.1f s;"
        + " ready (s after start): front %.1f, worker-1 %.1f, worker-2 %.1f; both workers seen at %.1f s%n",
        System.getenv("TEST_DATABASE_URL") != null ? "machine's PostgreSQL" : "embedded PostgreSQL",
        samples.size(), made, frontReady, w1Ready, w2Ready, seconds(T0));
  }

  @AfterAll
  static void stopEverything() {
    nodes.forEach(JarNode::close);
    dropDatabase();
  }

  @Test
  @Order(1)
  void aHundredJobsSurviveAWorkerKilledMidJob() throws Exception {
    long t0 = System.nanoTime();
    String bearer = register(front);
    List<Sample> small = samples.values().stream().filter(s -> !s.key().equals("large")).toList();
    List<Sample> plan = new ArrayList<>();
    for (int i = 0; i < LARGE_UPLOADS; i++) {
      plan.add(samples.get("large"));
    }
    for (int i = 0; plan.size() < JOBS; i++) {
      plan.add(small.get(i % small.size()));
    }
    long largeBytes = samples.get("large").bytes();

    CompletableFuture<Kill> killed = new CompletableFuture<>();
    ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "worker-killer");
      t.setDaemon(true);
      return t;
    });
    killer.scheduleWithFixedDelay(() -> {
      try {
        killAWorkerMidJob(largeBytes, killed);
      } catch (Exception | AssertionError e) {
        killed.completeExceptionally(e);
      }
    }, 0, 100, TimeUnit.MILLISECONDS);

    Map<String, Sample> jobs = new LinkedHashMap<>();
    try {
      for (int i = 0; i < plan.size(); i++) {
        Sample s = plan.get(i);
        HttpResponse<String> r = upload(front, bearer, s, String.format(Locale.ROOT, "%03d-%s", i, s.key()));
        assertThat(r.statusCode()).as("upload %d (%s): %s", i, s.key(), r.body()).isEqualTo(202);
        jobs.put(new JsonObject(r.body()).getString("id"), s);
      }
      double uploaded = seconds(t0);

      Kill kill;
      try {
        kill = killed.get(KILL_LIMIT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        kill = fail("no worker was seen holding a job in %s\n%s\n%s", KILL_LIMIT, worker1.tail(30), worker2.tail(30));
      } finally {
        killer.shutdownNow();
      }
      JarNode survivor = kill.victim() == worker1 ? worker2 : worker1;
      Set<String> orphans = kill.orphans();
      assertThat(orphans).as("jobs the killed worker held (it was converting %s; logs in %s)", kill.job(), workDir)
          .contains(kill.job());
      assertThat(survivor.alive()).as("the other worker lives on\n" + survivor.tail(40)).isTrue();
      assertThat(front.alive()).as("the front lives on\n" + front.tail(40)).isTrue();

      awaitAllDone(DONE_LIMIT);
      double doneAt = seconds(t0);

      // Through the API: the user has exactly the 100 jobs, every one done.
      HttpResponse<String> list = front.get("/jobs?limit=100", bearer);
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      JsonObject page = new JsonObject(list.body());
      assertThat(page.getLong("total")).as("jobs the user has").isEqualTo(JOBS);
      JsonArray items = page.getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        JsonObject job = items.getJsonObject(i);
        assertThat(jobs).as("a job the test uploaded").containsKey(job.getString("id"));
        assertThat(job.getString("status")).as("job %s", job.getString("id")).isEqualTo("done");
      }

      // Every download is the CLI's output for its file, byte for byte.
      long downloadStart = System.nanoTime();
      Path downloads = Files.createDirectories(workDir.resolve("downloads"));
      for (Map.Entry<String, Sample> e : jobs.entrySet()) {
        Path got = download(front, bearer, e.getKey(), downloads.resolve(e.getKey() + ".csv"));
        assertThat(Files.mismatch(got, e.getValue().expected()))
            .as("first byte where job %s's download differs from convert's output for %s", e.getKey(), e.getValue().key())
            .isEqualTo(-1L);
      }
      double downloaded = seconds(downloadStart);

      // The orphans came back through their lease and were converted by the survivor; no other job
      // was claimed twice.
      String survivorPrefix = nodePrefix(survivor);
      Map<String, Object[]> stored = new HashMap<>();
      for (Object[] row : rows("SELECT id, attempts, worker_node FROM jobs")) {
        stored.put(row[0].toString(), row);
      }
      assertThat(stored.keySet()).as("jobs in the database").containsExactlyInAnyOrderElementsOf(jobs.keySet());
      for (String id : jobs.keySet()) {
        Object[] row = stored.get(id);
        if (orphans.contains(id)) {
          assertThat(row[1]).as("attempts of %s, held by the killed worker", id).isEqualTo(2);
          assertThat((String) row[2]).as("who finished %s", id).startsWith(survivorPrefix + "/");
        } else {
          assertThat(row[1]).as("attempts of %s", id).isEqualTo(1);
        }
      }

      // The store accepted one completion per job: a second one would count here.
      String metrics = front.get("/metrics", null).body();
      assertThat(metric(metrics, "ghl_jobs_finished_total", "outcome=\"done\"")).as("completions the store accepted")
          .isEqualTo(JOBS);
      assertThat(metric(metrics, "ghl_jobs_finished_total", "outcome=\"failed\"")).as("jobs failed").isZero();

      // The JSON logs: every line an object naming its node; each job converted once by the node that
      // finished it, and the survivor never converted a job twice.
      Map<String, Integer> convertedBySurvivor = convertedJobs(survivor);
      Map<String, Integer> convertedByVictim = convertedJobs(kill.victim());
      convertedBySurvivor.forEach((id, n) -> assertThat(n).as("conversions of %s on %s", id, survivor.name).isEqualTo(1));
      for (String id : jobs.keySet()) {
        String finisher = (String) stored.get(id)[2];
        Map<String, Integer> logOf = finisher.startsWith(survivorPrefix + "/") ? convertedBySurvivor : convertedByVictim;
        assertThat(logOf.getOrDefault(id, 0)).as("conversions of %s logged by its finisher %s", id, finisher).isEqualTo(1);
      }
      checkJsonLines(front, false);
      checkJsonLines(survivor, false);
      checkJsonLines(kill.victim(), true);

      double killAt = (kill.at() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "  %d jobs (%d x %,d rows, %d small of 2,000-10,000 rows) uploaded in %.1f s;"
          + " %s killed at %.1f s holding %s (%,d of %,d rows converted) and %d job(s) in all%n", JOBS, LARGE_UPLOADS,
          LARGE_ROWS, JOBS - LARGE_UPLOADS, uploaded, kill.victim(), killAt, kill.job(), kill.progress(), kill.rows(),
          orphans.size());
      System.out.printf(Locale.ROOT, "  all %d done at %.1f s (%.1f s after the kill, lease %d s); downloads checked"
          + " in %.1f s; conversions logged: %s %d, %s %d%n", JOBS, doneAt, doneAt - killAt, LEASE_SECONDS, downloaded,
          survivor.name, convertedBySurvivor.size(), kill.victim().name, convertedByVictim.size());
    } finally {
      killer.shutdownNow();
    }
  }

  @Test
  @Order(2)
  void twoHttpStoreNodesShareTheQueueTheRateLimitsAndTheDownloads() throws Exception {
    long t0 = System.nanoTime();
    // The first front leaves with SIGTERM, as a rolling update would stop it.
    assertThat(front.stop(Duration.ofSeconds(60))).as("the first front stops on SIGTERM\n" + front.tail(40)).isTrue();
    assertThat(Files.readString(front.log)).contains("GHL Data stopped");
    double stopped = seconds(t0);
    frontB.start(jar);
    frontC.start(jar);
    double readyB = frontB.awaitReady(READY_LIMIT);
    double readyC = frontC.awaitReady(READY_LIMIT);
    double ready = seconds(t0);

    // One account, one token for both nodes; 5 uploads a minute, counted in the shared Redis.
    String bearer = register(frontB);
    Sample sample = samples.get("pt");
    List<JarNode> takers = List.of(frontB, frontB, frontB, frontC, frontC, frontC);
    Map<String, JarNode> jobs = new LinkedHashMap<>();
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < takers.size(); i++) {
      HttpResponse<String> r = upload(takers.get(i), bearer, sample, "limit-" + i);
      statuses.add(r.statusCode());
      if (r.statusCode() == 202) {
        jobs.put(new JsonObject(r.body()).getString("id"), takers.get(i));
      } else {
        refused = r;
      }
    }
    assertThat(statuses).as("3 uploads on front-b, then 3 on front-c, with RATE_LIMIT_UPLOADS=5/1m")
        .containsExactly(202, 202, 202, 202, 202, 429);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/problem+json"));
    assertThat(new JsonObject(refused.body()).getString("code")).isEqualTo("rate_limited");
    assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After of the 429").isPresent();

    // Each job finishes, seen from the node that did not take it, and downloads there.
    Path downloads = Files.createDirectories(workDir.resolve("downloads-two-fronts"));
    for (Map.Entry<String, JarNode> e : jobs.entrySet()) {
      JarNode other = e.getValue() == frontB ? frontC : frontB;
      awaitDone(other, bearer, e.getKey(), Duration.ofSeconds(90));
      Path got = download(other, bearer, e.getKey(), downloads.resolve(e.getKey() + ".csv"));
      assertThat(Files.mismatch(got, sample.expected()))
          .as("job %s taken by %s, downloaded from %s", e.getKey(), e.getValue().name, other.name).isEqualTo(-1L);
    }
    assertThat(Integer.parseInt(column("SELECT count(*) FROM jobs WHERE status = 'done' AND user_id = "
        + "(SELECT user_id FROM jobs WHERE id = ?::uuid)", jobs.keySet().iterator().next()).get(0)))
        .as("the account's jobs done").isEqualTo(5);
    checkJsonLines(frontB, false);
    checkJsonLines(frontC, false);
    System.out.printf(Locale.ROOT, "  two fronts: front stopped in %.1f s; front-b ready %.1f s, front-c %.1f s after"
        + " start; 5 jobs done and cross-downloaded, 6th upload 429, at %.1f s (started %.1f s)%n", stopped, readyB,
        readyC, seconds(t0), ready);
  }

  /**
   * The worker the test killed, the job it was converting, how far along, when, and every job it held
   * (processing under its name once what it sent before dying has been handled).
   */
  private record Kill(JarNode victim, String job, long progress, int rows, long at, Set<String> orphans) {}

  /**
   * Kills the worker holding the big file once its conversion is under way (some rows converted, most
   * not); once no big job is left, the one holding any job.
   */
  private static void killAWorkerMidJob(long largeBytes, CompletableFuture<Kill> killed) throws Exception {
    if (killed.isDone()) {
      return;
    }
    List<Object[]> processing = rows("SELECT id, worker_node, progress, size_bytes FROM jobs "
        + "WHERE status = 'processing' AND worker_node IS NOT NULL");
    boolean largeLeft = !column("SELECT id FROM jobs WHERE size_bytes = ? AND status IN ('queued', 'processing')",
        largeBytes).isEmpty();
    for (Object[] row : processing) {
      long progress = ((Number) row[2]).longValue();
      boolean large = ((Number) row[3]).longValue() == largeBytes;
      boolean midway = large ? progress > 0 && progress < LARGE_ROWS * 6L / 10 : !largeLeft;
      String prefix = ((String) row[1]).substring(0, ((String) row[1]).indexOf('/'));
      for (JarNode worker : List.of(worker1, worker2)) {
        if (midway && worker.alive() && prefix.equals(nodePrefix(worker))) {
          long at = System.nanoTime();
          worker.kill();
          // Dead, and what it sent just before (a completion on the bus) landed: 1.5 s, well within the
          // lease, so nobody can have claimed its jobs again yet.
          Awaitility.await("the killed worker gone").pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
              .until(() -> !worker.alive());
          Set<String> orphans = new HashSet<>(column("SELECT id FROM jobs WHERE status = 'processing' "
              + "AND worker_node LIKE ?", prefix + "/%"));
          killed.complete(new Kill(worker, row[0].toString(), progress, large ? LARGE_ROWS : 0, at, orphans));
          return;
        }
      }
    }
  }

  /** The node name a worker signs its claims with: host:pid (Application.nodeName). */
  private static String nodePrefix(JarNode worker) {
    return Application.nodeName().replaceFirst(":\\d+$", ":" + worker.pid());
  }

  /** Waits until every job is done; fails at once if one failed. */
  private static void awaitAllDone(Duration limit) throws Exception {
    Map<String, String> counts = new TreeMap<>();
    JarNode.poll("every job done", limit, Duration.ofMillis(500), () -> {
      counts.clear();
      for (Object[] row : rows("SELECT status, count(*) FROM jobs GROUP BY status")) {
        counts.put(row[0].toString(), row[1].toString());
      }
      if (counts.containsKey("failed")) {
        fail("a job failed: %s %s", counts, rows("SELECT id, error_code, error_message FROM jobs WHERE status = 'failed'")
            .stream().map(java.util.Arrays::toString).toList());
      }
      return counts.size() == 1 && Integer.toString(JOBS).equals(counts.get("done"));
    }, () -> String.format("not every job is done after %s: %s%n%s%n%s%n%s", limit, counts, front.tail(30),
        worker1.tail(30), worker2.tail(30)));
  }

  private static void awaitDone(JarNode node, String bearer, String id, Duration limit) {
    String[] last = new String[1];
    JarNode.poll("job " + id + " done on " + node.name, limit, Duration.ofMillis(250), () -> {
      HttpResponse<String> r = node.get("/jobs/" + id, bearer);
      if (r == null) {
        return false;
      }
      last[0] = r.body();
      assertThat(r.statusCode()).as("job %s on %s: %s", id, node.name, last[0]).isEqualTo(200);
      String status = new JsonObject(last[0]).getString("status");
      assertThat(status).as("job %s: %s", id, last[0]).isNotEqualTo("failed");
      return "done".equals(status);
    }, () -> String.format("job %s is not done on %s after %s: %s", id, node.name, limit, last[0]));
  }

  private static void awaitMetric(JarNode node, String name, double value, Duration limit) {
    double[] seen = {-1};
    JarNode.poll(name + " of " + node.name, limit, Duration.ofMillis(500), () -> {
      HttpResponse<String> r = node.get("/metrics", null);
      if (r != null && r.statusCode() == 200) {
        seen[0] = metric(r.body(), name, "");
      }
      return seen[0] == value;
    }, () -> String.format("%s of %s is %s, not %s, after %s", name, node.name, seen[0], value, limit));
  }

  /** The sum of a Prometheus metric's samples whose labels contain {@code labels}. */
  private static double metric(String scrape, String name, String labels) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      Matcher m = METRIC.matcher(line);
      if (m.matches() && m.group(1).equals(name) && m.group(2).contains(labels)) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  /** How many times the node's log says it converted each job (JobRun's line, with the job's job_id). */
  private static Map<String, Integer> convertedJobs(JarNode node) throws IOException {
    Map<String, Integer> converted = new HashMap<>();
    for (JsonObject line : lenientJsonLines(node)) {
      String message = line.getString("message", "");
      if (line.getString("logger_name", "").endsWith(".JobRun") && message.contains(" converted on ")) {
        String id = line.getString("job_id");
        assertThat(message).as("the line about job %s", id).startsWith("job " + id + " ");
        converted.merge(id, 1, Integer::sum);
      }
    }
    return converted;
  }

  /** The node's log lines; a node killed with SIGKILL may have left its last line half written. */
  private static List<JsonObject> lenientJsonLines(JarNode node) throws IOException {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(node.log, StandardCharsets.UTF_8)) {
      if (line.startsWith("{") && line.endsWith("}")) {
        out.add(new JsonObject(line));
      }
    }
    return out;
  }

  /** Every line one JSON object that names this node (host:pid); a killed node may end on a cut line. */
  private static void checkJsonLines(JarNode node, boolean killed) throws IOException {
    List<String> lines = Files.readAllLines(node.log, StandardCharsets.UTF_8);
    if (killed && !lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("}")) {
      lines = lines.subList(0, lines.size() - 1);
    }
    String self = nodePrefix(node);
    assertThat(lines).as("%s's log", node.name).isNotEmpty();
    for (String line : lines) {
      JsonObject json;
      try {
        json = new JsonObject(line);
      } catch (RuntimeException e) {
        fail("%s wrote a log line that is not JSON: %s", node.name, line);
        return;
      }
      assertThat(json.getString("node")).as("node of %s's line %s", node.name, line).isEqualTo(self);
    }
  }

  private static String register(JarNode node) throws Exception {
    String email = "cluster-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/auth/register"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(new JsonObject().put("email", email).put("password", "a long passphrase").encode()))
        .build(), BodyHandlers.ofString());
    assertThat(r.statusCode()).as("sign-up on %s: %s", node.name, r.body()).isEqualTo(201);
    return "Bearer " + new JsonObject(r.body()).getString("token");
  }

  private static HttpResponse<String> upload(JarNode node, String bearer, Sample s, String name) throws Exception {
    String boundary = "----ghl" + UUID.randomUUID();
    String filename = name + "." + s.file().getFileName().toString().replaceAll(".*\\.", "");
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/jobs")).timeout(Duration.ofMinutes(2))
        .header("Authorization", bearer).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(s.file()),
            BodyPublishers.ofByteArray(tail)))
        .build(), BodyHandlers.ofString());
  }

  private static Path download(JarNode node, String bearer, String id, Path to) throws Exception {
    HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/jobs/" + id + "/download"))
        .timeout(Duration.ofMinutes(2)).header("Authorization", bearer).GET().build(), BodyHandlers.ofFile(to));
    assertThat(r.statusCode()).as("download of %s from %s: %s", id, node.name, Files.readString(to)).isEqualTo(200);
    return to;
  }

  /** Generates a file in-process and has the jar's {@code convert} make the expected output. */
  private static void sample(Path dir, String key, int rows, Layout layout, People people, long seed, char delimiter,
      Charset charset, String ext) throws Exception {
    Path file = dir.resolve(key + "." + ext);
    ContactFileGenerator gen = new ContactFileGenerator(seed, people);
    if (ext.equals("xlsx")) {
      gen.writeXlsx(file, rows, layout);
    } else {
      gen.writeCsv(file, rows, layout, delimiter, charset);
    }
    Path expected = dir.resolve(key + "-ghl.csv");
    Path log = dir.resolve(key + "-convert.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "convert", file.toString(), "-o", expected.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("convert %s ends", key).isTrue();
      assertThat(p.exitValue()).as("convert %s: %s", key, Files.readString(log)).isZero();
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    samples.put(key, new Sample(key, file, expected, rows));
  }

  /**
   * A database of its own for this run, on the machine's PostgreSQL (TEST_DATABASE_URL) or the
   * embedded one; the nodes migrate it as they start.
   */
  private static void freshDatabase() throws Exception {
    databaseUrl = TestServices.createDatabase("cluster_it");
  }

  private static void dropDatabase() {
    if (databaseUrl == null) {
      return;
    }
    try {
      TestServices.dropDatabase(databaseUrl);
    } catch (Exception e) {
      System.out.println("ClusterIT: database " + databaseUrl + " left behind: " + e.getMessage());
    }
  }

  private static List<Object[]> rows(String sql, Object... args) throws Exception {
    List<Object[]> out = new ArrayList<>();
    try (Connection c = TestServices.connect(databaseUrl); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = rs.getObject(i + 1);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  private static List<String> column(String sql, Object... args) throws Exception {
    return rows(sql, args).stream().map(r -> String.valueOf(r[0])).toList();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
