package com.ghldata.web;

import org.junit.jupiter.api.Tag;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.bus.Addresses;
import com.ghldata.jobs.StoreBus;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node with the HTTP and store roles but no conversion worker, so jobs stay queued (or held by
 * a worker the test plays) for as long as the test needs: results before done, retry in the wrong
 * state, and an event stream that follows every change.
 */
@Tag("services")
class JobsWithoutWorkersTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("NODE_ROLES", "http,store"));

  /**
   * DESIGN.md: the HTTP node stores an upload durably and answers 202; conversion happens whenever a
   * worker is free. An HTTP + store node must not refuse uploads because no worker is up right now.
   */
  @Test
  void anUploadIsAcceptedAndQueuedWhileNoWorkerRuns() throws Exception {
    HttpResponse<byte[]> r = node.api().upload("generic-pt.csv", JobApiTest.golden("generic-pt.csv"));

    assertThat(r.statusCode()).as("upload with no worker running: %s", text(r)).isEqualTo(202);
    JsonObject job = json(r);
    assertThat(job.getString("status")).isEqualTo("queued");
    assertThat(node.api().job(job.getString("id")).getString("status")).isEqualTo("queued");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/preview", "/report", "/download", "/download?split=5", "/download?format=spreadsheet",
      "/rejects", "/rejects?format=codes", "/issues", "/issues/download"})
  void theResultsOfAQueuedJobAreNotReady(String result) throws Exception {
    String id = StoreBus.createJob(node.app(), node.api().userId(), "generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
    assertThat(node.api().job(id).getString("status")).isEqualTo("queued");

    JsonObject p = assertProblem(node.api().get("/jobs/" + id + result), 409, "job_not_ready");

    assertThat(p.getString("detail")).contains("queued");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/preview", "/report", "/download", "/rejects", "/issues", "/issues/download"})
  void theResultsOfAJobBeingConvertedAreNotReady(String result) throws Exception {
    String id = StoreBus.createJob(node.app(), node.api().userId(), "generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
    assertThat(StoreBus.claim(node.app(), "busy-node").getString("id")).isEqualTo(id);
    assertThat(node.api().job(id).getString("status")).isEqualTo("processing");

    JsonObject p = assertProblem(node.api().get("/jobs/" + id + result), 409, "job_not_ready");

    assertThat(p.getString("detail")).contains("processing");
  }

  @Test
  void retryingAQueuedJobIsAConflict() throws Exception {
    String id = StoreBus.createJob(node.app(), node.api().userId(), "generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");

    JsonObject p = assertProblem(node.api().post("/jobs/" + id + "/retry"), 409, "job_not_failed");

    assertThat(p.getString("detail")).contains("queued");
    assertThat(node.api().job(id).getString("status")).isEqualTo("queued");
  }

  @Test
  void aQueuedJobIsListedAndCanBeDeleted() throws Exception {
    String id = StoreBus.createJob(node.app(), node.api().userId(), "generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");

    JsonObject queued = json(node.api().get("/jobs?status=queued"));
    assertThat(queued.getLong("total")).isEqualTo(1L);
    assertThat(json(node.api().get("/jobs?status=done")).getLong("total")).isZero();

    assertThat(node.api().delete("/jobs/" + id).statusCode()).isEqualTo(204);
    assertProblem(node.api().get("/jobs/" + id + "/preview"), 404, "not_found");
    assertThat(StoreBus.claim(node.app(), "late-node")).as("a deleted job is never claimed").isNull();
  }

  @Test
  void theEventStreamFollowsEveryChangeAndEndsWhenTheJobFails() throws Exception {
    String id = StoreBus.createJob(node.app(), node.api().userId(), "generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      HttpResponse<InputStream> res = node.api().client().sendAsync(node.api().request("/jobs/" + id + "/events").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(header(res, "Content-Type")).startsWith("text/event-stream");
      BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8));

      JsonObject first = nextEvent(reader, lines);
      assertThat(first.getString("id")).isEqualTo(id);
      assertThat(first.getString("status")).isEqualTo("queued");

      StoreBus.claim(node.app(), "sse-node");
      JsonObject claimed = nextEvent(reader, lines);
      assertThat(claimed.getString("status")).isEqualTo("processing");
      assertThat(claimed.getInteger("attempts")).isEqualTo(1);

      StoreBus.fail(node.app(), id, "sse-node", "corrupt_file", "The spreadsheet is damaged and cannot be read.");
      JsonObject failed = nextEvent(reader, lines);
      assertThat(failed.getString("status")).isEqualTo("failed");
      assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("corrupt_file");

      List<String> rest = reader.submit(() -> {
        List<String> tail = new ArrayList<>();
        for (String l = lines.readLine(); l != null; l = lines.readLine()) {
          tail.add(l);
        }
        return tail;
      }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(rest).as("nothing but comments after the final event").allSatisfy(l -> assertThat(l).startsWith(":"));
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void aFinalStateEndsTheStreamEvenWhenItsTimestampIsEarlierThanTheLastProgress() throws Exception {
    // updated_at is when a transaction began: a completion that began before a progress update
    // committed carries the earlier time. The stream must still show it, and end.
    String id = StoreBus.createJob(node.app(), node.api().userId(), "generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
    StoreBus.claim(node.app(), "sse-node");
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      HttpResponse<InputStream> res = node.api().client().sendAsync(node.api().request("/jobs/" + id + "/events").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8));
      JsonObject processing = nextEvent(reader, lines);
      assertThat(processing.getString("status")).isEqualTo("processing");
      Instant at = Instant.parse(processing.getString("updated_at"));

      JsonObject progress = processing.copy().put("progress", 7).put("updated_at", at.plusSeconds(2).toString());
      JsonObject stale = processing.copy().put("progress", 3).put("updated_at", at.plusSeconds(1).toString());
      JsonObject done = processing.copy().put("status", "done").put("updated_at", at.plusMillis(1500).toString());
      node.app().vertx().eventBus().publish(Addresses.JOBS_EVENTS, progress);
      node.app().vertx().eventBus().publish(Addresses.JOBS_EVENTS, stale);
      node.app().vertx().eventBus().publish(Addresses.JOBS_EVENTS, done);

      assertThat(nextEvent(reader, lines).getInteger("progress")).isEqualTo(7);
      assertThat(nextEvent(reader, lines).getString("status")).as("the stale progress is skipped; done is shown")
          .isEqualTo("done");
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void readinessIsUpWithoutWorkers() throws Exception {
    HttpResponse<byte[]> ready = node.api().get("/health/ready");

    assertThat(ready.statusCode()).as(text(ready)).isEqualTo(200);
    assertThat(json(ready).getString("status")).isEqualTo("UP");
  }

  /** The next {@code event: job} of a stream, read on another thread so a silent stream fails in time. */
  private static JsonObject nextEvent(ExecutorService reader, BufferedReader lines) throws Exception {
    String data = reader.submit(() -> {
      String event = null;
      for (String l = lines.readLine(); l != null; l = lines.readLine()) {
        if (l.startsWith(":")) {
          continue;
        }
        if (l.isEmpty() && event != null) {
          return event;
        }
        if (l.startsWith("event: ")) {
          assertThat(l).isEqualTo("event: job");
        } else if (l.startsWith("data: ")) {
          event = l.substring("data: ".length());
        }
      }
      throw new AssertionError("the stream ended before the next event");
    }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new JsonObject(data);
  }
}
