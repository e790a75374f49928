package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** STORAGE=s3 with a bucket nobody answers for: readiness is DOWN on it, and uploads get a clear 503. */
@Tag("services")
class ObjectStorageOutageTest {

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("STORAGE", "s3", "S3_ENDPOINT", "http://127.0.0.1:" + closedPort(),
      "S3_BUCKET", "nowhere", "S3_REGION", "us-east-1", "S3_ACCESS_KEY_ID", "key", "S3_SECRET_ACCESS_KEY", "secret",
      "S3_PATH_STYLE", "true"));

  @Test
  void readinessIsDownWithTheStorageCheckDown() throws Exception {
    HttpResponse<byte[]> ready = node.anonymous().get("/health/ready");

    assertThat(ready.statusCode()).isEqualTo(503);
    JsonObject storage = Api.json(ready).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "storage".equals(c.getString("id"))).findFirst().orElseThrow();
    assertThat(storage.getString("status")).isEqualTo("DOWN");
    JsonObject database = Api.json(ready).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> "database".equals(c.getString("id"))).findFirst().orElseThrow();
    assertThat(database.getString("status")).as("only the bucket is away").isEqualTo("UP");
  }

  @Test
  void anUploadAnswers503StoreUnavailable() throws Exception {
    byte[] csv = "Nome,Email\nAna,ana@example.com\n".getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> r = node.api().upload("contatos.csv", csv);

    JsonObject problem = assertProblem(r, 503, "store_unavailable");
    assertThat(Api.header(r, "Retry-After")).isNotNull();
    assertThat(problem.getString("detail")).containsIgnoringCase("file storage");
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
