package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.S3Server;
import com.ghldata.TestServices;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.Converter;
import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STORAGE=s3 against a real S3 API (s3rver, started by the test): files go to the bucket, one object
 * per chunk, PostgreSQL keeping only each chunk's size and key; a job converts and downloads as the
 * engine writes it, and deleting it removes its objects.
 */
@Tag("services")
class ObjectStorageTest {
  private static final Duration CONVERSION = Duration.ofSeconds(60);
  private static final long MIB = 1 << 20;

  static final S3Server s3 = S3Server.start();

  @RegisterExtension
  static final TestNode node = new TestNode(settings());

  private static byte[] contacts;
  private static byte[] expectedCsv;

  private static Map<String, String> settings() {
    Map<String, String> m = new HashMap<>(s3.settings());
    m.put("MAX_UPLOAD_MB", "64");
    return m;
  }

  @BeforeAll
  static void files() throws Exception {
    Path file = Files.createTempFile("ghl-contacts-", ".csv");
    try {
      // About 3.6 MB: an upload of several chunks, an output of more than one.
      new ContactFileGenerator(7).writeCsv(file, 20_000, Layout.PORTUGUESE, ',', StandardCharsets.UTF_8);
      contacts = Files.readAllBytes(file);
      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      new Converter(ConversionOptions.defaults()).convert(file, csv, new ByteArrayOutputStream(), null);
      expectedCsv = csv.toByteArray();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  @Test
  void anUploadConvertsAndDownloadsByteIdenticalWithItsBytesInTheBucket() throws Exception {
    Api api = node.api();
    String id = api.accepted("contatos.csv", contacts).getString("id");
    api.awaitStatus(id, "done", CONVERSION);

    HttpResponse<byte[]> download = api.get("/jobs/" + id + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(expectedCsv);

    long uploadChunks = (contacts.length + MIB - 1) / MIB;
    long outputChunks = (expectedCsv.length + MIB - 1) / MIB;
    assertThat(outputChunks).isGreaterThan(1);
    assertThat(s3.keys("jobs/" + id + "/upload/")).hasSize((int) uploadChunks);
    assertThat(s3.keys("jobs/" + id + "/output/")).hasSize((int) outputChunks);
    assertThat(TestServices.column("SELECT count(*) FROM job_files WHERE job_id = '" + id
        + "' AND content IS NULL AND object_key LIKE 'jobs/" + id + "/%'"))
        .as("every chunk's row holds its key, not its bytes")
        .containsExactly(TestServices.column("SELECT count(*) FROM job_files WHERE job_id = '" + id + "'").get(0));
  }

  @Test
  void aSmallUploadOfOneChunkIsStoredInTheBucketToo() throws Exception {
    byte[] small = "Nome,Email,Telefone\nAna,ana@example.com,11987654321\n".getBytes(StandardCharsets.UTF_8);
    Api api = node.api();
    String id = api.accepted("small.csv", small).getString("id");
    api.awaitStatus(id, "done", CONVERSION);

    assertThat(s3.keys("jobs/" + id + "/upload/")).hasSize(1);
    assertThat(Api.text(api.get("/jobs/" + id + "/download"))).contains("ana@example.com");
  }

  @Test
  void deletingAJobRemovesItsObjects() throws Exception {
    Api api = node.api();
    String id = api.accepted("contatos.csv", contacts).getString("id");
    api.awaitStatus(id, "done", CONVERSION);
    assertThat(s3.keys("jobs/" + id + "/")).isNotEmpty();

    assertThat(api.delete("/jobs/" + id).statusCode()).isIn(200, 204);

    Awaitility.await("the job's objects removed after its delete").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(s3.keys("jobs/" + id + "/")).isEmpty());
  }

  @Test
  void aRetriedJobsNewResultsReplaceItsOldObjects() throws Exception {
    Api api = node.api();
    String id = api.accepted("contatos.csv", contacts).getString("id");
    api.awaitStatus(id, "done", CONVERSION);
    List<String> first = s3.keys("jobs/" + id + "/output/");
    assertThat(first).isNotEmpty();
    // As the sweeper leaves a job whose workers kept stopping: failed, and a retry can help.
    TestServices.execute("UPDATE jobs SET status = 'failed', error_code = 'worker_lost', error_message = 'x', "
        + "retry_helps = true WHERE id = '" + id + "'");

    assertThat(api.post("/jobs/" + id + "/retry").statusCode()).isEqualTo(202);
    api.awaitStatus(id, "done", CONVERSION);

    List<String> second = s3.keys("jobs/" + id + "/output/");
    assertThat(second).as("one object per chunk of the new output").hasSameSizeAs(first)
        .doesNotContainAnyElementsOf(first);
    assertThat(api.get("/jobs/" + id + "/download").body()).isEqualTo(expectedCsv);
    assertThat(s3.keys("jobs/" + id + "/upload/")).as("the upload stays").hasSize((int) ((contacts.length + MIB - 1) / MIB));
  }
}
