package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator watches: /metrics in Prometheus format moving with the jobs, the management
 * server every node has, readiness that tells degraded from down, and the metrics token.
 */
@Tag("services")
class ObservabilityTest {
  private static final Duration SOON = Duration.ofSeconds(20);

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of());

  @Test
  void theMetricsShowTheJobsMoving() throws Exception {
    double rowsBefore = value(scrape(node.api(), "/metrics"), "ghl_conversion_rows_total", "").orElse(0);
    String id = node.api().accepted("generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
    long rows = node.api().awaitStatus(id, "done", SOON).getJsonObject("summary").getLong("total_rows");

    Awaitility.await("the job counted").atMost(SOON).pollInterval(Duration.ofMillis(250)).until(() -> {
      String m = scrape(node.api(), "/metrics");
      return value(m, "ghl_jobs_finished_total", "outcome=\"done\"").orElse(0) >= 1
          && value(m, "ghl_jobs", "status=\"done\"").orElse(0) >= 1;
    });
    String metrics = scrape(node.api(), "/metrics");
    assertThat(value(metrics, "ghl_conversion_rows_total", "").orElseThrow()).isGreaterThanOrEqualTo(rowsBefore + rows);
    assertThat(value(metrics, "ghl_conversion_seconds_count", "").orElseThrow()).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("ghl_conversion_seconds_bucket{", "ghl_queue_oldest_seconds{",
        "ghl_jobs{node=", "vertx_http_server_requests_total{", "jvm_memory_used_bytes{");
    assertThat(value(metrics, "ghl_check_up", "check=\"database\"").orElseThrow()).as("the alerts' input").isEqualTo(1);
    assertThat(value(metrics, "ghl_check_degraded", "check=\"redis\"").orElseThrow()).isEqualTo(0);
    assertThat(value(metrics, "ghl_cluster_members", "").orElseThrow()).isEqualTo(1);
    assertThat(value(metrics, "ghl_workers", "").orElseThrow()).isEqualTo(1);
  }

  @Test
  void everyNodeHasAManagementServerWithHealthAndMetrics() throws Exception {
    Api management = new Api(node.app().managementPort());

    assertThat(json(management.get("/health/live")).getString("status")).isEqualTo("UP");
    HttpResponse<byte[]> ready = management.get("/health/ready");
    assertThat(ready.statusCode()).as(text(ready)).isEqualTo(200);
    JsonObject cluster = check(ready, "cluster");
    assertThat(cluster.getString("status")).isEqualTo("UP");
    assertThat(cluster.getJsonObject("data").getInteger("workers")).isEqualTo(1);
    assertThat(check(ready, "database").getString("status")).isEqualTo("UP");
    assertThat(scrape(management, "/metrics")).contains("ghl_workers{");
    assertProblem(management.get("/jobs"), 404, "not_found");
  }

  @Test
  void withAMetricsTokenTheMetricsNeedIt() throws Exception {
    String token = "a-metrics-token-of-some-length";
    Application app = TestServices.start(Map.of("METRICS_TOKEN", token, "NODE_ROLES", "http,store"));
    try {
      Api api = new Api(app.httpPort());
      assertProblem(api.get("/metrics"), 401, "unauthorized");
      HttpRequest wrong = api.request("/metrics").header("Authorization", "Bearer not-the-token-at-all").GET().build();
      assertThat(api.client().send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      HttpRequest right = api.request("/metrics").header("Authorization", "Bearer " + token).GET().build();
      HttpResponse<String> ok = api.client().send(right, HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(ok.body()).contains("ghl_jobs{");
    } finally {
      app.close();
    }
  }

  @Test
  void aQueueNoWorkerTakesFromMakesReadinessDownWithRetryAfter() throws Exception {
    Application app = TestServices.start(Map.of("NODE_ROLES", "http,store", "QUEUE_STALL_SECONDS", "10"));
    try {
      Api api = new Api(app.httpPort()).signedUp();
      HttpResponse<byte[]> fresh = api.get("/health/ready");
      assertThat(fresh.statusCode()).as("no worker yet is degraded, not down: %s", text(fresh)).isEqualTo(200);
      assertThat(check(fresh, "cluster").getJsonObject("data").getBoolean("degraded")).isTrue();

      String id = api.accepted("generic-pt.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
      TestServices.execute("UPDATE jobs SET created_at = now() - interval '1 hour' WHERE id = '" + id + "'");

      HttpResponse<byte[]> stalled = api.get("/health/ready");
      assertThat(stalled.statusCode()).isEqualTo(503);
      assertThat(header(stalled, "Retry-After")).isEqualTo("5");
      JsonObject queue = check(stalled, "queue");
      assertThat(queue.getString("status")).isEqualTo("DOWN");
      assertThat(queue.getJsonObject("data").getString("reason")).contains("QUEUE_STALL_SECONDS");
      assertThat(new Api(app.managementPort()).get("/health/ready").statusCode()).isEqualTo(503);
    } finally {
      app.close();
    }
  }

  @Test
  void refusedRequestsAreCountedByLimit() throws Exception {
    Application app = TestServices.start(Map.of("RATE_LIMIT_READS", "3/1m"));
    try {
      Api api = new Api(app.httpPort()).signedUp();
      int refused = 0;
      for (int i = 0; i < 5; i++) {
        refused += api.get("/jobs").statusCode() == 429 ? 1 : 0;
      }
      assertThat(refused).isGreaterThanOrEqualTo(1);
      assertThat(value(scrape(api, "/metrics"), "ghl_rate_limited_total", "limit=\"reads\"").orElseThrow())
          .isEqualTo(refused);
    } finally {
      app.close();
    }
  }

  private static String scrape(Api api, String path) throws Exception {
    HttpResponse<byte[]> r = api.get(path);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return text(r);
  }

  /** The value of the first sample of a metric whose labels contain {@code labels}. */
  static OptionalDouble value(String metrics, String name, String labels) {
    return metrics.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  private static JsonObject check(HttpResponse<byte[]> ready, String id) {
    return json(ready).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
  }
}
