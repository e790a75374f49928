package com.ghldata.jobs;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.web.Api;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "A job accepted is never lost": jobs queued on a node that stops are converted by the next one,
 * and a job whose worker died is claimed again once its lease expires, or fails with worker_lost
 * when that was its last attempt. Each test plays a short cluster history, so it starts (and
 * closes) its own nodes on the shared test database.
 */
@Tag("services")
class JobRecoveryTest {
  private static final Duration CONVERSION = Duration.ofSeconds(20);
  /** The shortest lease the configuration allows, so an expiry costs the test five seconds. */
  private static final String LEASE_SECONDS = "5";

  private final List<Application> nodes = new ArrayList<>();

  @BeforeEach
  void emptyDatabase() throws Exception {
    TestServices.resetDatabase();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(Application::close);
  }

  @Test
  void jobsQueuedOnANodeThatStopsAreAllConvertedAfterARestart() throws Exception {
    Application first = start(Map.of("NODE_ROLES", "http,store"));
    Api before = new Api(first.httpPort()).signedUp();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Real uploads: 202 means stored durably, whether or not a worker is up.
      ids.add(before.accepted("restart-" + i + ".csv", golden()).getString("id"));
    }
    for (String id : ids) {
      assertThat(before.job(id).getString("status")).isEqualTo("queued");
    }
    close(first);

    Api after = before.on(start(Map.of()).httpPort());

    for (String id : ids) {
      JsonObject done = after.awaitStatus(id, "done", CONVERSION);
      assertThat(done.getInteger("attempts")).isEqualTo(1);
      assertThat(done.getJsonObject("summary").getLong("total_rows")).isEqualTo(12L);
    }
    assertThat(Api.json(after.get("/jobs?status=done")).getLong("total")).isEqualTo(5L);
  }

  @Test
  void aJobHeldByAKilledWorkerIsConvertedOnceItsLeaseExpires() throws Exception {
    Map<String, String> lease = Map.of("JOB_LEASE_SECONDS", LEASE_SECONDS);
    Application first = start(with(lease, "NODE_ROLES", "http,store"));
    Api owner = new Api(first.httpPort()).signedUp();
    String id = StoreBus.createJob(first, owner.userId(), "orphan.csv", golden()).getString("id");
    JsonObject claimed = StoreBus.claim(first, "dead-node");
    assertThat(claimed.getString("id")).isEqualTo(id);
    assertThat(claimed.getInteger("attempts")).isEqualTo(1);
    assertThat(owner.job(id).getString("status")).isEqualTo("processing");
    // The "worker" never completes, fails or renews: it is dead. Its node goes away too.
    close(first);

    Api api = owner.on(start(lease).httpPort());

    JsonObject done = api.awaitStatus(id, "done", CONVERSION);
    assertThat(done.getInteger("attempts")).as("claimed again after the lease expired").isEqualTo(2);
    assertThat(done.getValue("error")).isNull();
    HttpResponse<byte[]> download = api.get("/jobs/" + id + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(Api.text(download)).startsWith("First Name,Last Name,Email,Phone");
  }

  @Test
  void aJobWhoseOnlyAttemptWasLostFailsWithWorkerLostAndCanBeRetried() throws Exception {
    Map<String, String> oneAttempt = Map.of("JOB_LEASE_SECONDS", LEASE_SECONDS, "JOB_MAX_ATTEMPTS", "1");
    Application first = start(with(oneAttempt, "NODE_ROLES", "http,store"));
    Api owner = new Api(first.httpPort()).signedUp();
    String id = StoreBus.createJob(first, owner.userId(), "lost.csv", golden()).getString("id");
    assertThat(StoreBus.claim(first, "dead-node").getInteger("attempts")).isEqualTo(1);
    close(first);

    Api api = owner.on(start(oneAttempt).httpPort());

    JsonObject failed = api.awaitStatus(id, "failed", CONVERSION);
    assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("worker_lost");
    assertThat(failed.getJsonObject("error").getString("message")).isNotBlank();
    assertThat(failed.getInteger("attempts")).isEqualTo(1);
    assertThat(failed.getString("finished_at")).isNotBlank();

    HttpResponse<byte[]> retried = api.post("/jobs/" + id + "/retry");
    assertThat(retried.statusCode()).as(Api.text(retried)).isEqualTo(202);
    JsonObject done = api.awaitStatus(id, "done", CONVERSION);
    assertThat(done.getInteger("attempts")).isEqualTo(1);
    assertThat(done.getValue("error")).isNull();
  }

  private Application start(Map<String, String> overrides) throws Exception {
    Application app = TestServices.start(overrides);
    nodes.add(app);
    return app;
  }

  private void close(Application app) {
    app.close();
    nodes.remove(app);
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new HashMap<>(base);
    m.put(key, value);
    return m;
  }

  private static byte[] golden() throws IOException {
    try (InputStream in = JobRecoveryTest.class.getResourceAsStream("/golden/generic-pt.csv")) {
      assertThat(in).isNotNull();
      return in.readAllBytes();
    }
  }
}
