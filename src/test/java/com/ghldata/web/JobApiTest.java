package com.ghldata.web;

import org.junit.jupiter.api.Tag;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.engine.ConversionOptions;
import com.ghldata.engine.Converter;
import com.ghldata.engine.GhlColumn;
import com.ghldata.engine.read.ReadLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job API end to end on one whole node (HTTP + store + workers) over real HTTP, against real
 * PostgreSQL and Redis: upload, follow, results, listing, deletion, and every error a client sees.
 */
@Tag("services")
class JobApiTest {
  private static final Duration CONVERSION = Duration.ofSeconds(20);
  private static final String TAG = "feira-2025";
  private static final List<String> CORE_HEADERS = GhlColumn.ALL.stream().filter(GhlColumn::core)
      .map(GhlColumn::header).toList();

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of());

  // --- the happy path -------------------------------------------------------------------------

  @Test
  void aCsvGoesFromUploadToEveryResultAndIsDeleted() throws Exception {
    byte[] csv = golden("generic-pt.csv");

    HttpResponse<byte[]> created = node.api().upload("generic-pt.csv", csv, Map.of("tag", TAG, "country", "BR"));

    assertThat(created.statusCode()).as(text(created)).isEqualTo(202);
    JsonObject job = json(created);
    String id = job.getString("id");
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(header(created, "Location")).isEqualTo("/jobs/" + id);
    assertThat(job.fieldNames()).contains("id", "status", "filename", "created_at", "progress", "error");
    assertThat(job.getString("status")).isIn("queued", "processing", "done");
    assertThat(job.getString("filename")).isEqualTo("generic-pt.csv");
    assertThat(job.getString("created_at")).isNotBlank();
    assertThat(job.getLong("progress")).isNotNull();
    assertThat(job.getValue("error")).isNull();
    assertThat(job.getLong("size_bytes")).isEqualTo(csv.length);
    assertThat(job.getJsonObject("options").getString("tag")).isEqualTo(TAG);
    assertThat(job.getJsonObject("options").getString("country")).isEqualTo("BR");

    JsonObject done = node.api().awaitStatus(id, "done", CONVERSION);
    JsonObject summary = done.getJsonObject("summary");
    assertThat(summary).isNotNull();
    assertThat(summary.getLong("total_rows")).isEqualTo(12L);
    assertThat(summary.getLong("rows_written")).isPositive();
    assertThat(done.getValue("error")).isNull();
    assertThat(done.getInteger("attempts")).isEqualTo(1);
    assertThat(done.getString("finished_at")).isNotBlank();

    HttpResponse<byte[]> previewRes = node.api().get("/jobs/" + id + "/preview");
    assertThat(previewRes.statusCode()).isEqualTo(200);
    JsonObject preview = json(previewRes);
    assertThat(preview.getJsonArray("columns").getList()).startsWith("First Name", "Last Name", "Email", "Phone");
    assertThat(preview.getJsonArray("rows")).isNotEmpty();
    assertThat(preview.getJsonArray("rows").getJsonArray(0)).hasSize(preview.getJsonArray("columns").size());

    HttpResponse<byte[]> reportRes = node.api().get("/jobs/" + id + "/report");
    assertThat(reportRes.statusCode()).isEqualTo(200);
    JsonObject report = json(reportRes);
    assertThat(report.getLong("total_rows")).isEqualTo(summary.getLong("total_rows"));
    assertThat(report.getLong("rows_written")).isEqualTo(summary.getLong("rows_written"));
    assertThat(report.getValue("mapping")).isNotNull();
    assertThat(report.getValue("mapping").toString()).contains("Nome", "Telefone", "E-mail");

    HttpResponse<byte[]> download = node.api().get("/jobs/" + id + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(header(download, "Content-Type")).startsWith("text/csv");
    assertThat(header(download, "Content-Disposition")).startsWith("attachment;").contains("generic-pt-ghl.csv");
    String firstLine = text(download).lines().findFirst().orElseThrow();
    assertThat(firstLine).startsWith(String.join(",", CORE_HEADERS));
    // The worker must hand out exactly what the engine writes for these options: same bytes.
    assertThat(download.body()).isEqualTo(engineOutput("generic-pt.csv", csv, TAG));
    assertThat(text(download)).contains(TAG);

    HttpResponse<byte[]> zip = node.api().get("/jobs/" + id + "/download?split=5");
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(header(zip, "Content-Type")).startsWith("application/zip");
    assertThat(header(zip, "Content-Disposition")).startsWith("attachment;").contains(".zip");
    Map<String, String> parts = unzip(zip.body());
    long written = summary.getLong("rows_written");
    assertThat(parts).hasSize((int) ((written + 4) / 5));
    long partRows = 0;
    for (String part : parts.values()) {
      List<String> lines = part.lines().toList();
      assertThat(lines.get(0)).isEqualTo(firstLine);
      assertThat(lines.size() - 1).isBetween(1, 5);
      partRows += lines.size() - 1;
    }
    assertThat(partRows).isEqualTo(written);

    HttpResponse<byte[]> rejects = node.api().get("/jobs/" + id + "/rejects?format=codes");
    assertThat(rejects.statusCode()).isEqualTo(200);
    assertThat(header(rejects, "Content-Type")).startsWith("text/csv");
    assertThat(header(rejects, "Content-Disposition")).startsWith("attachment;").contains("generic-pt-rejects.csv");
    assertThat(text(rejects).lines().findFirst().orElseThrow()).startsWith("Row,").endsWith("Reasons");

    JsonObject list = json(node.api().get("/jobs"));
    assertThat(list.getLong("total")).isEqualTo(1L);
    assertThat(ids(list)).containsExactly(id);

    HttpResponse<byte[]> deleted = node.api().delete("/jobs/" + id);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertProblem(node.api().get("/jobs/" + id), 404, "not_found");
    assertProblem(node.api().get("/jobs/" + id + "/download"), 404, "not_found");
    assertProblem(node.api().delete("/jobs/" + id), 404, "not_found");
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void theJobListPagesNewestFirstAndFiltersByStatus() throws Exception {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(node.api().accepted("list-" + i + ".csv", golden("generic-pt.csv")).getString("id"));
    }
    for (String id : created) {
      node.api().awaitStatus(id, "done", CONVERSION);
    }
    List<String> newestFirst = List.of(created.get(2), created.get(1), created.get(0));

    JsonObject all = json(node.api().get("/jobs"));
    assertThat(all.getLong("total")).isEqualTo(3L);
    assertThat(all.getInteger("limit")).isEqualTo(20);
    assertThat(all.getInteger("offset")).isZero();
    assertThat(ids(all)).containsExactlyElementsOf(newestFirst);

    JsonObject first = json(node.api().get("/jobs?limit=2"));
    assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(first.getLong("total")).isEqualTo(3L);
    JsonObject second = json(node.api().get("/jobs?limit=2&offset=2"));
    assertThat(ids(second)).containsExactly(newestFirst.get(2));
    assertThat(second.getLong("total")).isEqualTo(3L);
    assertThat(ids(json(node.api().get("/jobs?offset=3")))).isEmpty();

    assertThat(ids(json(node.api().get("/jobs?status=done")))).containsExactlyElementsOf(newestFirst);
    JsonObject failed = json(node.api().get("/jobs?status=failed"));
    assertThat(ids(failed)).isEmpty();
    assertThat(failed.getLong("total")).isZero();
    assertThat(ids(json(node.api().get("/jobs?status=queued")))).isEmpty();
  }

  // --- server-sent events ---------------------------------------------------------------------

  @Test
  void theEventStreamOfAFreshJobSendsJobEventsAndEndsAfterDone() throws Exception {
    String id = node.api().accepted("events.csv", golden("generic-pt.csv")).getString("id");

    HttpResponse<String> stream = readStream("/jobs/" + id + "/events");

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(header(stream, "Content-Type")).startsWith("text/event-stream");
    assertThat(header(stream, "Cache-Control")).isEqualTo("no-cache");
    List<JsonObject> events = events(stream.body());
    assertThat(events).isNotEmpty();
    assertThat(events).allSatisfy(e -> assertThat(e.getString("id")).isEqualTo(id));
    List<String> statuses = events.stream().map(e -> e.getString("status")).toList();
    assertThat(statuses.get(statuses.size() - 1)).isEqualTo("done");
    assertThat(statuses.subList(0, statuses.size() - 1)).allSatisfy(s -> assertThat(s).isIn("queued", "processing"));
    assertThat(events.get(events.size() - 1).getJsonObject("summary").getLong("total_rows")).isEqualTo(12L);
  }

  @Test
  void theEventStreamOfAFinishedJobSendsItOnceAndEnds() throws Exception {
    String id = node.api().accepted("finished.csv", golden("generic-pt.csv")).getString("id");
    node.api().awaitStatus(id, "done", CONVERSION);

    HttpResponse<String> stream = readStream("/jobs/" + id + "/events");

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).startsWith("event: job\ndata: {");
    List<JsonObject> events = events(stream.body());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getString("status")).isEqualTo("done");
  }

  // --- errors ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /jobs/not-a-uuid",
      "GET, /jobs/not-a-uuid/events",
      "GET, /jobs/not-a-uuid/preview",
      "GET, /jobs/not-a-uuid/report",
      "GET, /jobs/not-a-uuid/download",
      "GET, /jobs/not-a-uuid/download?split=5",
      "GET, /jobs/not-a-uuid/rejects",
      "POST, /jobs/not-a-uuid/retry",
      "DELETE, /jobs/not-a-uuid",
      "GET, /jobs/123",
      "DELETE, /jobs/3f0c9a5e-7d1b-4c5e-9a57",
  })
  void aMalformedJobIdIsInvalidId(String method, String path) throws Exception {
    assertProblem(node.api().send(method, path), 400, "invalid_id");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, ''",
      "GET, /events",
      "GET, /preview",
      "GET, /report",
      "GET, /download",
      "GET, /download?split=5",
      "GET, /rejects",
      "POST, /retry",
      "DELETE, ''",
  })
  void anUnknownJobIsNotFoundOnEveryEndpoint(String method, String suffix) throws Exception {
    String path = "/jobs/" + UUID.randomUUID() + suffix;

    JsonObject p = assertProblem(node.api().send(method, path), 404, "not_found");

    assertThat(p.getString("instance")).isEqualTo(path.replace("?split=5", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=500", "limit=-1", "limit=abc", "offset=-1", "status=bogus", "status=DONE"})
  void aBadListQueryIsBadRequest(String query) throws Exception {
    assertProblem(node.api().get("/jobs?" + query), 400, "bad_request");
  }

  @Test
  void aDownloadSplitOutOfRangeIsBadRequestBeforeAnyLookup() throws Exception {
    assertProblem(node.api().get("/jobs/" + UUID.randomUUID() + "/download?split=0"), 400, "bad_request");
  }

  @Test
  void anUploadWithoutTheFileFieldIsBadRequest() throws Exception {
    HttpResponse<byte[]> noFile = node.api().postForm(new Api.Multipart().field("tag", TAG).field("country", "BR"));
    assertProblem(noFile, 400, "bad_request");

    HttpResponse<byte[]> otherField = node.api().postForm(new Api.Multipart().file("upload", "contacts.csv",
        golden("generic-pt.csv")));
    assertProblem(otherField, 400, "bad_request");

    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Brasil", "B", "B1", "BRA"})
  void aCountryThatIsNotTwoLettersIsBadRequest(String country) throws Exception {
    HttpResponse<byte[]> r = node.api().upload("generic-pt.csv", golden("generic-pt.csv"), Map.of("country", country));

    JsonObject p = assertProblem(r, 400, "bad_request");

    assertThat(p.getString("detail")).contains("country");
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void aLowerCaseCountryIsAccepted() throws Exception {
    JsonObject job = node.api().accepted("generic-pt.csv", golden("generic-pt.csv"), Map.of("country", "us"));

    assertThat(job.getJsonObject("options").getString("country")).isEqualTo("US");
  }

  @Test
  void randomBytesNamedCsvAreNotASpreadsheet() throws Exception {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);

    assertProblem(node.api().upload("contacts.csv", noise), 415, "not_a_spreadsheet");
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void aPngNamedXlsxIsNotASpreadsheet() throws Exception {
    assertProblem(node.api().upload("contacts.xlsx", png()), 415, "not_a_spreadsheet");
  }

  @Test
  void aCsvWithNoContactColumnIsUnusable() throws Exception {
    HttpResponse<byte[]> r = node.api().upload("foo.csv", "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8));

    JsonObject p = assertProblem(r, 422, "no_recognisable_column");

    assertThat(p.getString("title")).as("the specific code's own title").isEqualTo("No contact columns");
    assertThat(p.getString("variant")).as("no header row was recognised").isEqualTo("no_header");
    assertThat(p.getInteger("rows")).as("the rows searched for one").isEqualTo(2);
    assertThat(p.getString("detail")).contains("first 2 rows");
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void aHeaderOnlyCsvHasNoDataRows() throws Exception {
    HttpResponse<byte[]> r = node.api().upload("empty.csv", "Nome,E-mail,Telefone\n".getBytes(StandardCharsets.UTF_8));

    assertProblem(r, 422, "no_data_rows");
  }

  @Test
  void anUnknownRouteIsANotFoundProblem() throws Exception {
    JsonObject p = assertProblem(node.api().get("/no/such/route"), 404, "not_found");

    assertThat(p.getString("instance")).isEqualTo("/no/such/route");
  }

  @Test
  void retryingAJobThatIsDoneIsAConflict() throws Exception {
    String id = node.api().accepted("generic-pt.csv", golden("generic-pt.csv")).getString("id");
    node.api().awaitStatus(id, "done", CONVERSION);

    JsonObject p = assertProblem(node.api().post("/jobs/" + id + "/retry"), 409, "job_not_failed");

    assertThat(p.getString("detail")).contains("done");
    assertThat(node.api().job(id).getString("status")).isEqualTo("done");
  }

  // --- a job that fails while converting ------------------------------------------------------

  @Test
  void aCellOverTheLimitBeyondTheInspectedRowsIsCutAndListedAndTheJobIsDone() throws Exception {
    byte[] csv = csvWithHugeCellAtRow(200, 100_000);

    String id = node.api().accepted("huge-cell.csv", csv).getString("id");

    JsonObject done = node.api().awaitStatus(id, "done", CONVERSION);
    assertThat(done.getValue("error")).isNull();
    JsonObject report = json(node.api().get("/jobs/" + id + "/report"));
    assertThat(report.getLong("rows_written")).isEqualTo(200L);
    assertThat(report.getJsonObject("cell_issues").getMap()).containsEntry("cell_too_long", 1);
    JsonArray cut = json(node.api().get("/jobs/" + id + "/issues?reason=cell_too_long")).getJsonArray("items");
    assertThat(cut).hasSize(1);
    assertThat(cut.getJsonObject(0).getInteger("row")).isEqualTo(200);
    assertThat(cut.getJsonObject(0).getString("column")).isEqualTo("Observações");
    assertThat(cut.getJsonObject(0).getString("action")).isEqualTo("cut");
    assertThat(cut.getJsonObject(0).getString("value")).startsWith("xxxxx").endsWith("…");
    assertThat(text(node.api().get("/jobs/" + id + "/download"))).contains("grande@example.com")
        .contains("depois@example.com");
  }

  /**
   * Row 200 has more columns than the limit, far below the rows the upload's inspection reads: the
   * upload is accepted, the conversion fails, and retrying would fail the same way.
   */
  @Test
  void tooManyColumnsBeyondTheInspectedRowsFailTheJobAndRetryIsNotOffered() throws Exception {
    byte[] csv = csvWithWideRowAt(200, ReadLimits.DEFAULT.maxColumns() + 1);

    JsonObject job = node.api().accepted("wide-row.csv", csv);
    String id = job.getString("id");

    JsonObject failed = node.api().awaitStatus(id, "failed", CONVERSION);
    assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("too_many_columns");
    assertThat(failed.getJsonObject("error").getString("message")).contains("Row 200");
    assertThat(failed.getInteger("attempts")).isEqualTo(1);
    assertThat(failed.getValue("summary")).isNull();
    assertProblem(node.api().get("/jobs/" + id + "/download"), 409, "job_not_ready");
    assertProblem(node.api().get("/jobs/" + id + "/preview"), 409, "job_not_ready");
    assertThat(ids(json(node.api().get("/jobs?status=failed")))).containsExactly(id);
    assertThat(failed.getJsonObject("error").getBoolean("retryable")).isFalse();

    JsonObject p = assertProblem(node.api().post("/jobs/" + id + "/retry"), 409, "retry_wont_help");

    assertThat(p.getString("detail")).contains("too_many_columns");
    assertThat(node.api().job(id).getString("status")).isEqualTo("failed");
  }

  @Test
  void aJobWhoseWorkersKeptStoppingCanBeRetried() throws Exception {
    String id = node.api().accepted("generic-pt.csv", golden("generic-pt.csv")).getString("id");
    node.api().awaitStatus(id, "done", CONVERSION);
    // As the sweeper leaves a job whose workers stopped every time.
    com.ghldata.TestServices.execute("UPDATE jobs SET status = 'failed', error_code = 'worker_lost', "
        + "error_message = 'interrupted', retry_helps = true WHERE id = '" + id + "'");
    assertThat(node.api().job(id).getJsonObject("error").getBoolean("retryable")).isTrue();

    HttpResponse<byte[]> retried = node.api().post("/jobs/" + id + "/retry");

    assertThat(retried.statusCode()).as(text(retried)).isEqualTo(202);
    assertThat(header(retried, "Location")).isEqualTo("/jobs/" + id);
    JsonObject requeued = json(retried);
    assertThat(requeued.getString("status")).isEqualTo("queued");
    assertThat(requeued.getInteger("attempts")).isZero();
    assertThat(requeued.getValue("error")).isNull();
    assertThat(node.api().awaitStatus(id, "done", CONVERSION).getJsonObject("summary").getLong("total_rows"))
        .isPositive();
  }

  // --- health, debug, UI ----------------------------------------------------------------------

  @Test
  void livenessAndReadinessAreUp() throws Exception {
    HttpResponse<byte[]> live = node.api().get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(json(live).getString("status")).isEqualTo("UP");

    HttpResponse<byte[]> ready = node.api().get("/health/ready");
    assertThat(ready.statusCode()).as(text(ready)).isEqualTo(200);
    JsonObject health = json(ready);
    assertThat(health.getString("status")).isEqualTo("UP");
    JsonArray checks = health.getJsonArray("checks");
    Map<String, String> byId = checks.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(c -> c.getString("id"), c -> c.getString("status")));
    assertThat(byId).containsEntry("database", "UP").containsEntry("redis", "UP").containsEntry("queue", "UP");
  }

  @Test
  void debugDbAnswersOutsideProduction() throws Exception {
    String id = node.api().accepted("generic-pt.csv", golden("generic-pt.csv")).getString("id");
    node.api().awaitStatus(id, "done", CONVERSION);

    HttpResponse<byte[]> r = node.api().get("/debug/db");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject db = json(r);
    assertThat(db.getJsonObject("jobs_by_status").getLong("done")).isEqualTo(1L);
    assertThat(db.getString("postgres")).startsWith("PostgreSQL");
  }

  @Test
  void theRootServesTheWebUi() throws Exception {
    HttpResponse<byte[]> r = node.api().get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).startsWith("text/html");
    assertThat(text(r)).containsIgnoringCase("<!doctype html").contains("</html>");
  }

  @Test
  void docsWithoutTheSlashRedirectsToSwaggerUi() throws Exception {
    HttpResponse<byte[]> redirect = node.api().get("/docs");

    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(header(redirect, "Location")).isEqualTo("/docs/");
  }

  @Test
  void docsServesSwaggerUi() throws Exception {
    HttpResponse<byte[]> docs = node.api().get("/docs/");

    assertThat(docs.statusCode()).as("GET /docs/ (Location: %s)", header(docs, "Location")).isEqualTo(200);
    assertThat(header(docs, "Content-Type")).startsWith("text/html");
    assertThat(text(docs)).containsIgnoringCase("swagger");
  }

  @Test
  void docsIsTitledForTheProductAndLinksBackToTheApp() throws Exception {
    for (String path : List.of("/docs/", "/docs/index.html")) {
      String page = text(node.anonymous().get(path));

      assertThat(page).as(path).contains("<title>GHL Data — API</title>").contains("href=\"/\"");
    }
    HttpResponse<byte[]> css = node.anonymous().get("/docs/docs.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(header(css, "Content-Type")).startsWith("text/css");
    assertThat(RouterContract.parse(text(node.anonymous().get("/openapi.yaml"))).getJsonObject("info")
        .getString("description")).as("Swagger UI shows the way back too").startsWith("[← Back to the GHL Data app](/)");
  }

  @Test
  void swaggerUiIsPointedAtTheServedContract() throws Exception {
    HttpResponse<byte[]> init = node.api().get("/docs/swagger-initializer.js");
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(header(init, "Content-Type")).startsWith("text/javascript");
    assertThat(text(init)).contains("openapi.yaml");

    HttpResponse<byte[]> bundle = node.api().get("/docs/swagger-ui-bundle.js");
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body().length).isGreaterThan(100_000);
  }

  @Test
  void theContractIsServedAsYaml() throws Exception {
    HttpResponse<byte[]> yaml = node.api().get("/openapi.yaml");

    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(header(yaml, "Content-Type")).startsWith("application/yaml");
    assertThat(text(yaml)).startsWith("openapi: 3.1.0").contains("operationId: createJob");
  }

  // --- helpers --------------------------------------------------------------------------------

  static byte[] golden(String name) throws IOException {
    try (InputStream in = JobApiTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("fixture golden/%s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** What the engine writes for this upload with the options the worker uses for a job. */
  private static byte[] engineOutput(String name, byte[] content, String tag) throws Exception {
    Path dir = Files.createTempDirectory("ghl-engine");
    Path file = Files.write(dir.resolve(name), content);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Converter(new ConversionOptions("BR", null, tag, null, false, true, 1, ReadLimits.DEFAULT))
        .convert(file, out, new ByteArrayOutputStream(), rows -> { });
    Files.delete(file);
    Files.delete(dir);
    return out.toByteArray();
  }

  /** Contacts whose row {@code row} has {@code columns} cells (the others have four). */
  static byte[] csvWithWideRowAt(int row, int columns) {
    String csv = new String(csvWithHugeCellAtRow(row, 1), StandardCharsets.UTF_8);
    return csv.replace("Grande,grande@example.com,(11) 98888-7777,x\n",
        "Grande,grande@example.com,(11) 98888-7777" + ",x".repeat(columns - 3) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Contacts with a note of {@code chars} characters on row {@code row} (the header is row 1), and one more row. */
  static byte[] csvWithHugeCellAtRow(int row, int chars) {
    StringBuilder sb = new StringBuilder("Nome,E-mail,Telefone,Observações\n");
    for (int i = 2; i < row; i++) {
      sb.append("Pessoa ").append(i).append(",pessoa").append(i).append("@example.com,(11) 9")
          .append(String.format("%04d", 1000 + i)).append("-").append(String.format("%04d", i)).append(",ok\n");
    }
    sb.append("Grande,grande@example.com,(11) 98888-7777,").append("x".repeat(chars)).append('\n');
    sb.append("Depois,depois@example.com,(11) 97777-6666,ok\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The first bytes of a real PNG: signature and IHDR chunk, then some pixels' worth of noise. */
  private static byte[] png() {
    byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0, 0x1F, (byte) 0xF3, (byte) 0xFF, 0x61};
    byte[] png = new byte[2048];
    new Random(7).nextBytes(png);
    System.arraycopy(head, 0, png, 0, head.length);
    return png;
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  /** Reads a whole SSE response; the server must end it, so a stream that stays open fails here. */
  private static HttpResponse<String> readStream(String path) throws Exception {
    CompletableFuture<HttpResponse<String>> f = node.api().client().sendAsync(
        node.api().request(path).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
    return f.get(CONVERSION.toSeconds(), TimeUnit.SECONDS);
  }

  /** The data of every {@code event: job} in an SSE body (comment lines skipped). */
  static List<JsonObject> events(String body) {
    List<JsonObject> out = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      List<String> lines = block.lines().filter(l -> !l.startsWith(":") && !l.isEmpty()).toList();
      if (lines.isEmpty()) {
        continue;
      }
      assertThat(lines).as("SSE event block").hasSize(2);
      assertThat(lines.get(0)).isEqualTo("event: job");
      assertThat(lines.get(1)).startsWith("data: ");
      out.add(new JsonObject(lines.get(1).substring("data: ".length())));
    }
    return out;
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> parts = new java.util.TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return parts;
  }
}
