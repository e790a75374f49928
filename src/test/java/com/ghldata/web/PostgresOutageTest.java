package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.credentials;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.JobApiTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.bus.Addresses;
import com.ghldata.bus.FileChunk;
import com.ghldata.bus.JobMessages;
import com.ghldata.bus.JobMessages.JobCompletion;
import com.ghldata.bus.JobMessages.JobProgress;
import com.ghldata.bus.StoreRetry;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.Converter;
import com.ghldata.infra.EmbeddedServices;
import com.ghldata.jobs.StoreBus;
import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under a running node, on a PostgreSQL of this test's own (its
 * own data directory and port), so that stopping it touches no other test: while it is away the node
 * answers quickly with 503 store_unavailable and Retry-After and readiness is DOWN; once it is back
 * every accepted job is done, converted once, and a result that could not be stored meanwhile is
 * stored then rather than converted again.
 */
@Tag("services")
class PostgresOutageTest {
  /** Long enough for the outage (a few seconds) to fit in it with room, short against the default 120. */
  private static final String LEASE_SECONDS = "30";
  /** What "answers quickly" means: far below any HTTP or bus time-out (30 s, 60 s). */
  private static final Duration QUICK = Duration.ofSeconds(5);
  private static final int BIG_ROWS = 80_000;

  private static EmbeddedServices postgres;
  private static String databaseUrl;
  private static byte[] big;
  private final List<Application> nodes = new ArrayList<>();

  @BeforeAll
  static void ownPostgres() throws Exception {
    postgres = new EmbeddedServices();
    databaseUrl = postgres.startPostgres(Files.createTempDirectory("ghl-outage-pg"));
    Path file = Files.createTempFile("outage-", ".csv");
    new ContactFileGenerator(11).writeCsv(file, BIG_ROWS, Layout.values()[0], ',', StandardCharsets.UTF_8);
    big = Files.readAllBytes(file);
    Files.delete(file);
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @AfterEach
  void stopNodes() throws Exception {
    nodes.forEach(Application::close);
    postgres.restartPostgres();
  }

  @Test
  void duringAnOutageTheNodeAnswers503QuicklyAndOnceBackEveryAcceptedJobIsConvertedOnce() throws Exception {
    Application app = node(Map.of("WORKER_INSTANCES", "2", "MAX_UPLOAD_MB", "100"));
    Api api = new Api(app.httpPort()).signedUp();
    String email = "outage-" + api.userId() + "@example.com";
    Api other = api.anonymous().signedUp(email);
    List<String> ids = new ArrayList<>();
    String bigId = api.accepted("big.csv", big).getString("id");
    ids.add(bigId);
    for (int i = 0; i < 8; i++) {
      ids.add(api.accepted("burst-" + i + ".csv", golden("generic-pt.csv")).getString("id"));
    }
    ids.add(other.accepted("other.csv", golden("generic-pt.csv")).getString("id"));
    Awaitility.await("the big job is being converted").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          JsonObject job = api.job(bigId);
          return "processing".equals(job.getString("status")) && job.getLong("progress", 0L) > 0;
        });

    postgres.stopPostgres();

    HttpResponse<byte[]> ready = Awaitility.await("readiness DOWN").atMost(QUICK).pollInterval(Duration.ofMillis(100))
        .until(() -> api.anonymous().get("/health/ready"), r -> r.statusCode() == 503);
    assertThat(check(ready, "database").getString("status")).isEqualTo("DOWN");
    assertThat(header(ready, "Retry-After")).isEqualTo(String.valueOf(Readiness.RETRY_AFTER_SECONDS));

    long t0 = System.nanoTime();
    storeUnavailable(api.upload("during.csv", golden("generic-pt.csv")));
    storeUnavailable(api.upload("during-big.csv", big));
    storeUnavailable(api.get("/jobs"));
    storeUnavailable(api.get("/jobs/" + ids.get(1)));
    storeUnavailable(api.anonymous().postJson("/auth/login", credentials(email, Api.PASSWORD)));
    JsonObject localized = storeUnavailable(api.anonymous().client().send(api.request("/jobs")
        .header("Accept-Language", "pt-BR").GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
    assertThat(localized.getString("title")).isEqualTo("Banco de dados indisponível");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("six answers while the database is away")
        .isLessThan(QUICK.multipliedBy(6));

    postgres.restartPostgres();

    Awaitility.await("readiness back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> api.anonymous().get("/health/ready").statusCode() == 200);
    for (String id : ids) {
      Api owner = id.equals(ids.get(ids.size() - 1)) ? other : api;
      JsonObject done = owner.awaitStatus(id, "done", Duration.ofSeconds(90));
      assertThat(done.getInteger("attempts")).as("job %s converted on its first attempt", id).isEqualTo(1);
    }
    assertThat(Api.json(api.get("/jobs")).getLong("total")).as("the refused uploads stored nothing").isEqualTo(9L);
    assertThat(conversions(app)).as("every job converted once, none twice").isEqualTo(ids.size());
    assertThat(storeRetries(app)).as("the big job's chunks, refused while the database was away, were sent again")
        .isPositive();
    assertThat(api.get("/jobs/" + bigId + "/download").body()).as("the big job's output, whole: as the engine writes it")
        .isEqualTo(engineOutput(big));
  }

  @Test
  void aResultFinishedWhileTheDatabaseIsAwayIsCompletedOnceItIsBackNotConvertedAgain() throws Exception {
    // No worker on the node: this test is the worker, holding a claimed job whose output is stored.
    Application app = node(Map.of("NODE_ROLES", "http,store"));
    Vertx vertx = app.vertx();
    Api owner = new Api(app.httpPort()).signedUp();
    String node = "outage-worker";
    String id = StoreBus.createJob(app, owner.userId(), "finished.csv", golden("generic-pt.csv")).getString("id");
    JsonObject claimed = StoreBus.claim(app, node);
    assertThat(claimed.getString("id")).isEqualTo(id);
    assertThat(claimed.getInteger("lease_seconds")).as("the worker learns its lease").isEqualTo(30);
    Buffer output = Buffer.buffer("Phone,Email\n+5511999990000,a@example.com\n");
    await(vertx.eventBus().request(Addresses.JOBS_FILE_WRITE, output, new DeliveryOptions()
        .addHeader(JobMessages.META, new FileChunk(id, "output", 0, null, node).toJson().encode())));

    postgres.stopPostgres();
    AtomicInteger renewalsAsked = new AtomicInteger();
    AtomicInteger renewed = new AtomicInteger();
    AtomicInteger resent = new AtomicInteger();
    long leaseEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    StoreRetry retry = new StoreRetry(vertx, () -> TimeUnit.NANOSECONDS.toMillis(leaseEnds - System.nanoTime()),
        () -> {
          renewalsAsked.incrementAndGet();
          return vertx.eventBus().<JsonObject>request(Addresses.JOBS_PROGRESS, new JobProgress(id, node, 2).toJson())
              .map(m -> {
                renewed.incrementAndGet();
                return m.body().getBoolean("ok");
              });
        },
        resent::incrementAndGet);
    JsonObject completion = new JobCompletion(id, node, new JsonObject().put("total_rows", 2),
        new JsonObject(), 1, 0, 0).toJson();
    CompletableFuture<JsonObject> completed = new CompletableFuture<>();
    vertx.runOnContext(v -> retry.call("jobs.complete of job " + id,
            () -> vertx.eventBus().<JsonObject>request(Addresses.JOBS_COMPLETE, completion))
        .onSuccess(m -> completed.complete(m.body()))
        .onFailure(completed::completeExceptionally));

    Awaitility.await("the completion refused, then the lease's renewal too, again and again")
        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> renewalsAsked.get() >= 3);
    assertThat(completed).as("no completion while the database is away, and no giving up within the lease")
        .isNotDone();
    assertThat(renewed.get()).isZero();

    postgres.restartPostgres();

    JsonObject reply = completed.get(30, TimeUnit.SECONDS);
    assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();
    assertThat(renewed.get()).as("the lease renewed once the store answered again").isPositive();
    assertThat(resent.get()).as("the completion sent again after the renewal").isPositive();
    JsonObject job = owner.job(id);
    assertThat(job.getString("status")).isEqualTo("done");
    assertThat(job.getInteger("attempts")).as("completed, not claimed and converted again").isEqualTo(1);
    assertThat(owner.get("/jobs/" + id + "/download").body()).isEqualTo(output.getBytes());
  }

  private Application node(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("DATABASE_URL", databaseUrl);
    env.put("JOB_LEASE_SECONDS", LEASE_SECONDS);
    Application app = TestServices.start(env);
    nodes.add(app);
    return app;
  }

  /** A 503 store_unavailable problem with Retry-After. */
  private static JsonObject storeUnavailable(HttpResponse<byte[]> r) {
    JsonObject p = assertProblem(r, 503, "store_unavailable");
    assertThat(header(r, "Retry-After")).as("Retry-After of %s", r.uri()).isEqualTo(
        String.valueOf(Readiness.RETRY_AFTER_SECONDS));
    return p;
  }

  private static JsonObject check(HttpResponse<byte[]> ready, String id) {
    return new JsonObject(Api.text(ready)).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static long conversions(Application app) {
    return app.registry().get("ghl.conversion").timer().count();
  }

  private static double storeRetries(Application app) {
    return app.registry().get("ghl.worker.store.retries").counter().count();
  }

  private static byte[] engineOutput(byte[] input) throws Exception {
    Path file = Files.createTempFile("outage-", ".csv");
    try {
      Files.write(file, input);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new Converter(ConversionOptions.defaults()).convert(file, out, null, null);
      return out.toByteArray();
    } finally {
      Files.delete(file);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
