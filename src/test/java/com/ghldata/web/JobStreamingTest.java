package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.TestServices;
import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.ConversionResult;
import com.ghldata.engine.Converter;
import com.ghldata.tools.generate.ContactFileGenerator;
import com.ghldata.tools.generate.Layout;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job path through the real router: an upload of several chunks is stored, converted
 * and downloaded byte for byte as the engine writes it, every stored chunk at most 1 MiB; and the
 * ways a transfer ends early (a client that leaves a download, an upload cut off, a job deleted while
 * it converts) leave no orphan rows, no stuck job and no file behind.
 */
@Tag("services")
class JobStreamingTest {
  private static final Duration CONVERSION = Duration.ofSeconds(60);
  private static final long MIB = 1 << 20;
  private static final Path DATA_DIR = tempDir("ghl-streaming-data");

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("MAX_UPLOAD_MB", "64", "DATA_DIR", DATA_DIR.toString()));

  /** About 3.6 MB: four upload chunks, several output chunks. */
  private static byte[] contacts;
  private static Expected expected;

  @BeforeAll
  static void files() throws Exception {
    contacts = generate(7, 20_000, Layout.PORTUGUESE);
    expected = Expected.of(contacts);
  }

  @Test
  void aFileOfSeveralChunksConvertsAndDownloadsAsTheEngineWritesIt() throws Exception {
    Api api = node.api();
    String id = api.accepted("contatos.csv", contacts).getString("id");
    JsonObject done = api.awaitStatus(id, "done", CONVERSION);
    assertThat(done.getJsonObject("summary").getLong("total_rows")).isEqualTo(expected.totalRows);

    assertThat(count("SELECT count(*) FROM job_files WHERE job_id = '" + id + "' AND kind = 'upload'"))
        .as("the upload in 1 MiB chunks").isEqualTo((contacts.length + MIB - 1) / MIB);
    assertThat(count("SELECT count(*) FROM job_files WHERE job_id = '" + id + "' AND kind = 'output'"))
        .isEqualTo((expected.csv.length + MIB - 1) / MIB).isGreaterThan(1);
    assertThat(count("SELECT max(size_bytes) FROM job_files")).isLessThanOrEqualTo(MIB);

    HttpResponse<byte[]> download = api.get("/jobs/" + id + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(Api.header(download, "Content-Length")).isEqualTo(String.valueOf(expected.csv.length));
    assertThat(download.body()).isEqualTo(expected.csv);
    HttpResponse<byte[]> rejects = api.get("/jobs/" + id + "/rejects?format=codes");
    assertThat(rejects.statusCode()).isEqualTo(200);
    assertThat(rejects.body()).isEqualTo(expected.rejects);
  }

  @Test
  void theSplitZipHoldsEveryRowOnceEachPartWithTheHeader() throws Exception {
    Api api = node.api();
    String id = api.accepted("contatos.csv", contacts).getString("id");
    api.awaitStatus(id, "done", CONVERSION);

    HttpResponse<byte[]> zip = api.get("/jobs/" + id + "/download?split=6000");
    assertThat(zip.statusCode()).as(Api.text(zip)).isEqualTo(200);
    assertThat(Api.header(zip, "Content-Type")).startsWith("application/zip");
    List<String> lines = expected.lines();
    String header = lines.get(0);
    List<String> rows = new ArrayList<>();
    int parts = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        parts++;
        List<String> part = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r\n"));
        assertThat(part.get(0)).as(e.getName()).isEqualTo(header);
        assertThat(part.size() - 1).as(e.getName()).isBetween(1, 6000);
        rows.addAll(part.subList(1, part.size()));
      }
    }
    assertThat(parts).isEqualTo((lines.size() - 1 + 5999) / 6000);
    assertThat(rows).isEqualTo(lines.subList(1, lines.size()));
  }

  @Test
  void aDownloadTheClientLeavesHalfWayLeavesTheJobWholeAndTheServerServing() throws Exception {
    Api api = node.api();
    String id = api.accepted("contatos.csv", contacts).getString("id");
    api.awaitStatus(id, "done", CONVERSION);
    long chunksBefore = count("SELECT count(*) FROM job_files");

    for (int i = 0; i < 3; i++) {
      try (Socket socket = socket(); OutputStream out = socket.getOutputStream(); InputStream in = socket.getInputStream()) {
        out.write(("GET /jobs/" + id + "/download HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.token()
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] start = in.readNBytes(64 * 1024);
        assertThat(new String(start, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
      } // closed with most of the file unread
    }

    assertThat(api.job(id).getString("status")).isEqualTo("done");
    assertThat(count("SELECT count(*) FROM job_files")).isEqualTo(chunksBefore);
    assertThat(api.get("/jobs/" + id + "/download").body()).isEqualTo(expected.csv);
    assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void anUploadCutOffHalfWayLeavesNoJobNoChunkAndNoFile() throws Exception {
    Api api = node.api();
    Api.Multipart form = new Api.Multipart().file("file", "cortado.csv", contacts);
    byte[] body = form.bytes();
    try (Socket socket = socket(); OutputStream out = socket.getOutputStream()) {
      out.write(("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + api.token()
          + "\r\nContent-Type: multipart/form-data; boundary=" + form.boundary + "\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      // Let the server write what it got to disk before the client vanishes.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> uploadsOnDisk() > 0);
    }

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(uploadsOnDisk()).isZero());
    assertThat(count("SELECT count(*) FROM jobs")).isZero();
    assertThat(count("SELECT count(*) FROM job_files")).isZero();
    // The account is unharmed: its next upload goes through.
    String id = api.accepted("inteiro.csv", contacts).getString("id");
    assertThat(api.awaitStatus(id, "done", CONVERSION).getJsonObject("summary").getLong("total_rows"))
        .isEqualTo(expected.totalRows);
  }

  @Test
  void aJobDeletedWhileConvertingLeavesNothingAndTheWorkersGoOn() throws Exception {
    Api api = node.api();
    byte[] big = generate(11, 150_000, Layout.PORTUGUESE);
    String id = api.accepted("grande.csv", big).getString("id");
    Awaitility.await().atMost(CONVERSION).pollInterval(Duration.ofMillis(5))
        .until(() -> "processing".equals(api.job(id).getString("status")));

    HttpResponse<byte[]> deleted = api.delete("/jobs/" + id);
    assertThat(deleted.statusCode()).as(Api.text(deleted)).isEqualTo(204);

    Api.assertProblem(api.get("/jobs/" + id), 404, "not_found");
    assertThat(count("SELECT count(*) FROM jobs")).isZero();
    // The worker learns at its next chunk that the job is gone, and stops: nothing it writes survives,
    // at any moment of the next 1.5 s.
    Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> count("SELECT count(*) FROM job_files") == 0);
    String next = api.accepted("depois.csv", contacts).getString("id");
    assertThat(api.awaitStatus(next, "done", CONVERSION).getJsonObject("summary").getLong("total_rows"))
        .isEqualTo(expected.totalRows);
    assertThat(count("SELECT count(*) FROM job_files WHERE job_id <> '" + next + "'")).isZero();
  }

  @Test
  void twoJobsConvertingAtOnceNeverMixTheirChunks() throws Exception {
    Api first = node.api();
    Api second = node.anonymous().signedUp();
    byte[] other = generate(3, 18_000, Layout.ENGLISH);
    Expected otherExpected = Expected.of(other);

    CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> accepted(first, "a.csv", contacts));
    CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> accepted(second, "b.csv", other));
    String idA = a.get();
    String idB = b.get();
    first.awaitStatus(idA, "done", CONVERSION);
    second.awaitStatus(idB, "done", CONVERSION);

    assertThat(first.get("/jobs/" + idA + "/download").body()).isEqualTo(expected.csv);
    assertThat(second.get("/jobs/" + idB + "/download").body()).isEqualTo(otherExpected.csv);
    assertThat(second.get("/jobs/" + idB + "/rejects?format=codes").body()).isEqualTo(otherExpected.rejects);
    // Neither user reaches the other's file.
    Api.assertProblem(second.get("/jobs/" + idA + "/download"), 404, "not_found");
  }

  @Test
  void aSmallJobIsDoneWhileBigOnesHoldEveryWorker() throws Exception {
    Api api = node.api();
    byte[] big = generate(5, 120_000, Layout.PORTUGUESE);
    List<String> bigIds = List.of(api.accepted("grande-1.csv", big).getString("id"),
        api.accepted("grande-2.csv", big).getString("id"));
    Awaitility.await().atMost(CONVERSION).pollInterval(Duration.ofMillis(5))
        .until(() -> TestServices.column("SELECT count(*) FROM jobs WHERE status = 'processing'").equals(List.of("2")));

    String small = api.accepted("pequeno.csv", "Nome,Celular\nAna,11987654321\n".getBytes(StandardCharsets.UTF_8))
        .getString("id");
    JsonObject done = api.awaitStatus(small, "done", CONVERSION);

    // The express worker took it: it did not wait for either big job to finish.
    for (String id : bigIds) {
      JsonObject bigDone = api.awaitStatus(id, "done", CONVERSION);
      assertThat(Instant.parse(done.getString("finished_at")))
          .as("the small job finished before big job %s", id)
          .isBefore(Instant.parse(bigDone.getString("finished_at")));
    }
  }

  private static String accepted(Api api, String name, byte[] content) {
    try {
      return api.accepted(name, content).getString("id");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the engine alone writes for a file, with the service's options. */
  private record Expected(byte[] csv, byte[] rejects, long totalRows) {
    static Expected of(byte[] content) throws Exception {
      Path file = Files.createTempFile("ghl-expected-", ".csv");
      try {
        Files.write(file, content);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ByteArrayOutputStream rejects = new ByteArrayOutputStream();
        ConversionResult result = new Converter(ConversionOptions.defaults()).convert(file, csv, rejects, null);
        return new Expected(csv.toByteArray(), rejects.toByteArray(), result.report().totalRows());
      } finally {
        Files.deleteIfExists(file);
      }
    }

    List<String> lines() {
      return List.of(new String(csv, StandardCharsets.UTF_8).split("\r\n"));
    }
  }

  private static byte[] generate(long seed, int rows, Layout layout) throws IOException {
    Path file = Files.createTempFile("ghl-contacts-", ".csv");
    try {
      new ContactFileGenerator(seed).writeCsv(file, rows, layout, ',', StandardCharsets.UTF_8);
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static long count(String sql) throws Exception {
    String v = TestServices.column(sql).get(0);
    return v == null ? 0 : Long.parseLong(v);
  }

  private static long uploadsOnDisk() throws IOException {
    Path uploads = DATA_DIR.resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(uploads)) {
      return files.count();
    }
  }

  private static Socket socket() throws IOException {
    Socket s = new Socket("127.0.0.1", node.app().httpPort());
    s.setSoTimeout(30_000);
    return s;
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
