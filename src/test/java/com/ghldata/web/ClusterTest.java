package com.ghldata.web;

import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.config.AppConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on a Hazelcast cluster over loopback: one with the HTTP and store roles and no worker,
 * one with the worker role alone (no database, no Redis). A job uploaded to the first is converted
 * by the second, which reaches the store only over the clustered event bus.
 */
@Tag("services")
class ClusterTest {
  private static final int HTTP_STORE_PORT = freePort();
  private static final int WORKER_PORT = freePort();
  private static final String MEMBERS = "127.0.0.1:" + HTTP_STORE_PORT + ",127.0.0.1:" + WORKER_PORT;
  private static final String NAME = "ghl-data-test-" + ProcessHandle.current().pid();

  @RegisterExtension
  static final TestNode front = new TestNode(Map.of("NODE_ROLES", "http,store",
      "CLUSTER_MEMBERS", MEMBERS, "CLUSTER_PORT", String.valueOf(HTTP_STORE_PORT), "CLUSTER_NAME", NAME));

  private static Application worker;

  @BeforeAll
  static void startWorkerNode() throws Exception {
    worker = Application.start(TestServices.config(Map.of("NODE_ROLES", "worker", "WORKER_INSTANCES", "1",
        "CLUSTER_MEMBERS", MEMBERS, "CLUSTER_PORT", String.valueOf(WORKER_PORT), "CLUSTER_NAME", NAME)));
  }

  @AfterAll
  static void stopWorkerNode() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void aJobUploadedToTheHttpNodeIsConvertedOnTheWorkerNode() throws Exception {
    byte[] file = JobApiTest.golden("generic-pt.csv");
    HttpResponse<byte[]> r = front.api().upload("generic-pt.csv", file);
    assertThat(r.statusCode()).as("upload: %s", text(r)).isEqualTo(202);
    String id = json(r).getString("id");

    JsonObject done = front.api().awaitStatus(id, "done", Duration.ofSeconds(30));

    assertThat(done.getJsonObject("summary").getLong("rows_written")).isPositive();
    assertThat(done.getInteger("attempts")).as("converted once").isEqualTo(1);
    HttpResponse<byte[]> download = front.api().get("/jobs/" + id + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(new String(download.body(), java.nio.charset.StandardCharsets.UTF_8))
        .as("the worker node's GHL CSV, served by the HTTP node").startsWith("First Name,");
    assertThat(worker.databaseUrl()).as("the worker node opened no database").isNull();
    assertThat(worker.redisUrl()).as("nor Redis").isNull();
  }

  @Test
  void clusterSettingsAreCheckedAtStart() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("CLUSTER_MEMBERS", "127.0.0.1"), new Properties()))
        .hasMessageContaining("CLUSTER_MEMBERS entries must look like host:port");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CLUSTER_PORT", "70000"), new Properties()))
        .hasMessageContaining("CLUSTER_PORT must be 1..65535");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CLUSTER_NAME", "a b"), new Properties()))
        .hasMessageContaining("CLUSTER_NAME");
    AppConfig productionWorker = AppConfig.load(Map.of("APP_ENV", "production", "NODE_ROLES", "worker",
        "CLUSTER_MEMBERS", "10.0.0.5:5701"), new Properties());
    assertThat(productionWorker.cluster().members()).as("a production worker needs no database, Redis or JWT settings")
        .containsExactly("10.0.0.5:5701");
    assertThatThrownBy(() -> AppConfig.load(Map.of("APP_ENV", "production", "NODE_ROLES", "http",
        "REDIS_URL", "redis://127.0.0.1:6379"), new Properties()))
        .as("an http node still does").hasMessageContaining("JWT");
    assertThat(AppConfig.load(Map.of(), new Properties()).cluster().enabled())
        .as("no CLUSTER_MEMBERS: one process, local bus").isFalse();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
