package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node stopped as SIGTERM stops it (Application.close(), what the shutdown hook runs): its workers
 * claim nothing more, finish their jobs and store the results within SHUTDOWN_GRACE_SECONDS, or hand
 * them back to the queue, the attempt not counted, for the next node.
 */
@Tag("services")
class GracefulStopTest {
  private static final int ROWS = 120_000;
  private static byte[] big;

  @BeforeAll
  static void bigFile() throws Exception {
    Path file = Files.createTempFile("graceful-", ".csv");
    new ContactFileGenerator(7).writeCsv(file, ROWS, Layout.values()[0], ',', StandardCharsets.UTF_8);
    big = Files.readAllBytes(file);
    Files.delete(file);
  }

  private static Map<String, String> node(String grace) {
    Map<String, String> env = new HashMap<>();
    env.put("MAX_UPLOAD_MB", "100");
    env.put("SHUTDOWN_GRACE_SECONDS", grace);
    env.put("WORKER_INSTANCES", "1");
    return env;
  }

  @Test
  void aStoppingNodeFinishesItsJobAndStoresTheResult() throws Exception {
    TestServices.resetDatabase();
    Application app = TestServices.start(node("60"));
    String id;
    try {
      Api api = new Api(app.httpPort()).signedUp();
      id = api.accepted("big.csv", big).getString("id");
      awaitProcessing(api, id);
    } finally {
      app.close();
    }
    assertThat(TestServices.column("SELECT status FROM jobs WHERE id = '" + id + "'")).containsExactly("done");
    assertThat(TestServices.column("SELECT attempts FROM jobs WHERE id = '" + id + "'")).containsExactly("1");
    assertThat(TestServices.column("SELECT count(*) FROM job_files WHERE job_id = '" + id + "' AND kind = 'output'"))
        .as("the result was stored before the node left").doesNotContain("0");
  }

  @Test
  void pastTheGraceTheJobGoesBackToTheQueueAndTheNextNodeConvertsIt() throws Exception {
    TestServices.resetDatabase();
    Application app = TestServices.start(node("0"));
    Api api;
    String id;
    try {
      api = new Api(app.httpPort()).signedUp();
      id = api.accepted("big.csv", big).getString("id");
      awaitProcessing(api, id);
    } finally {
      app.close();
    }
    List<String> after = TestServices.column("SELECT status || ',' || attempts || ',' || coalesce(worker_node, '-') "
        + "FROM jobs WHERE id = '" + id + "'");
    assertThat(after).as("back in the queue, the attempt not counted").containsExactly("queued,0,-");
    assertThat(TestServices.column("SELECT count(*) FROM job_files WHERE job_id = '" + id + "' AND kind <> 'upload'"))
        .containsExactly("0");

    Application next = TestServices.start(node("60"));
    try {
      Api again = api.on(next.httpPort());
      again.awaitStatus(id, "done", Duration.ofSeconds(90));
      assertThat(again.get("/jobs/" + id + "/download").body()).as("the same bytes as an uninterrupted run")
          .isEqualTo(engineOutput());
    } finally {
      next.close();
    }
  }

  private static byte[] engineOutput() throws Exception {
    Path file = Files.createTempFile("graceful-", ".csv");
    try {
      Files.write(file, big);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      new com.ghldata.engine.Converter(com.ghldata.engine.ConversionOptions.defaults()).convert(file, out, null, null);
      return out.toByteArray();
    } finally {
      Files.delete(file);
    }
  }

  private static void awaitProcessing(Api api, String id) {
    Awaitility.await("the job is being converted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> "processing".equals(api.job(id).getString("status")));
  }
}
