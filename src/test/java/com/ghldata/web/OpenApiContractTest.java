package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.bus.ErrorCode;
import com.ghldata.engine.ConversionError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the parts of openapi.yaml that code relies on: the router is generated from the operationIds,
 * the UI and clients read the status codes and problem types. The test classpath has no YAML parser,
 * so the contract is read through a small index of its mapping keys (block style, two-space indent,
 * which is how the file is written); full OpenAPI validation is the router's job at start-up.
 */
class OpenApiContractTest {
  private static final Pattern KEY_LINE = Pattern.compile("^( *)('[^']+'|[A-Za-z0-9_.{}/+-]+):(?: (.*))?$");
  private static final Pattern LOCAL_REF = Pattern.compile("\\$ref: '#/([A-Za-z0-9_/]+)'");
  private static final Pattern OPERATION_ID = Pattern.compile("^ +operationId: (\\w+)$", Pattern.MULTILINE);

  private static String text;
  private static Set<String> keys;

  @BeforeAll
  static void readContract() throws IOException {
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    keys = keyPaths(text);
  }

  @Test
  void isAnOpenApi31DocumentNamedGhlDataApi() {
    assertThat(text).startsWith("openapi: 3.1.0\n");
    assertThat(keys).contains("info/title", "info/version", "info/description", "paths", "components/schemas");
    assertThat(text).contains("\n  title: GHL Data API\n");
  }

  @Test
  void declaresExactlyTheOperationIdsTheRouterWires() {
    List<String> ids = new ArrayList<>();
    Matcher m = OPERATION_ID.matcher(text);
    while (m.find()) {
      ids.add(m.group(1));
    }

    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrder(
        "liveness", "readiness", "metrics", "listJobs", "createJob", "getJob", "jobEvents", "getJobPreview",
        "getJobReport", "downloadJob", "downloadRejects", "listIssues", "downloadIssues", "retryJob", "deleteJob",
        "debugDb", "register", "login", "logout", "getMe", "requestPasswordReset", "confirmPasswordReset",
        "inspectUpload", "getConfig");
  }

  @ParameterizedTest
  @CsvSource({
      "/health/live, get",
      "/health/ready, get",
      "/metrics, get",
      "/jobs, get",
      "/jobs, post",
      "/jobs/inspect, post",
      "/config, get",
      "/jobs/{id}, get",
      "/jobs/{id}, delete",
      "/jobs/{id}/events, get",
      "/jobs/{id}/preview, get",
      "/jobs/{id}/report, get",
      "/jobs/{id}/download, get",
      "/jobs/{id}/rejects, get",
      "/jobs/{id}/issues, get",
      "/jobs/{id}/issues/download, get",
      "/jobs/{id}/retry, post",
      "/debug/db, get",
      "/auth/register, post",
      "/auth/login, post",
      "/auth/logout, post",
      "/me, get"})
  void servesEveryEndpointOfTheDesign(String path, String method) {
    assertThat(keys).contains("paths/" + path + "/" + method + "/responses");
  }

  @Test
  void declaresABearerTokenAndTheSessionCookieAsTheDefaultSecurity() {
    assertThat(block("security")).contains("- bearerAuth: []", "- cookieAuth: []");
    assertThat(block("components/securitySchemes/bearerAuth")).contains("type: http", "scheme: bearer");
    assertThat(block("components/securitySchemes/cookieAuth")).contains("type: apiKey", "in: cookie",
        "name: ghl_session");
  }

  @Test
  void everyJobOperationAndTheDebugEndpointNeedASessionAndDocument401() {
    List<String> operations = keys.stream().filter(k -> k.matches("paths//jobs[^/]*(/.*)?/(get|post|delete)")
        || k.matches("paths//(me|debug/db)/get")).toList();

    assertThat(operations).hasSize(15).allSatisfy(op -> {
      assertThat(keys).as("%s inherits the default security", op).doesNotContain(op + "/security");
      assertThat(block(op + "/responses")).contains("'401':\n" + " ".repeat(10)
          + "$ref: '#/components/responses/Unauthorized'");
    });
  }

  @ParameterizedTest
  @CsvSource({"/health/live, get", "/health/ready, get", "/metrics, get", "/auth/register, post",
      "/auth/login, post", "/auth/logout, post", "/auth/password-reset, post", "/auth/password-reset/confirm, post",
      "/config, get"})
  void publicOperationsOptOutOfSecurity(String path, String method) {
    assertThat(block("paths/" + path + "/" + method)).contains("      security: []\n");
  }

  @Test
  void everyLocalReferencePointsAtADefinedComponent() {
    Set<String> targets = new LinkedHashSet<>();
    Matcher m = LOCAL_REF.matcher(text);
    while (m.find()) {
      targets.add(m.group(1));
    }

    assertThat(targets).isNotEmpty().allSatisfy(t -> assertThat(keys).as("target of $ref '#/%s'", t).contains(t));
  }

  @Test
  void everyReusableErrorResponseIsAProblemDocument() {
    Set<String> errorResponses = keys.stream()
        .filter(k -> k.matches("components/responses/\\w+"))
        .collect(Collectors.toSet());

    assertThat(errorResponses).hasSizeGreaterThanOrEqualTo(10).allSatisfy(r -> assertThat(keys)
        .contains(r + "/content/application/problem+json/schema"));
    assertThat(block("components/responses")).doesNotContain("application/json:");
  }

  @ParameterizedTest
  @CsvSource({
      "/jobs/{id}/preview, get, 409, JobNotReady",
      "/jobs/{id}/report, get, 409, JobNotReady",
      "/jobs/{id}/download, get, 409, JobNotReady",
      "/jobs/{id}/rejects, get, 409, JobNotReady",
      "/jobs/{id}/retry, post, 409, JobNotFailed",
      "/jobs, post, 413, PayloadTooLarge",
      "/jobs, post, 415, UnsupportedMediaType",
      "/jobs, post, 422, UnprocessableEntity",
      "/jobs, post, 429, TooManyRequests",
      "/jobs/inspect, post, 413, PayloadTooLarge",
      "/jobs/inspect, post, 415, UnsupportedMediaType",
      "/jobs/inspect, post, 422, UnprocessableEntity",
      "/jobs/inspect, post, 429, TooManyRequests",
      "/jobs, get, 400, BadRequest",
      "/jobs/{id}, get, 404, NotFound",
      "/jobs/{id}, delete, 404, NotFound",
      "/jobs/{id}/events, get, 404, NotFound",
      "/jobs/{id}/download, get, 400, BadRequest",
      "/debug/db, get, 404, NotFound"})
  void documentsTheErrorStatusesClientsHandle(String path, String method, String status, String response) {
    String responses = block("paths/" + path + "/" + method + "/responses");

    assertThat(responses).contains("'" + status + "':\n" + " ".repeat(10)
        + "$ref: '#/components/responses/" + response + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "delete"})
  void everyJobOperationAnswers400ForAnInvalidIdAnd404ForAnUnknownOne(String method) {
    List<String> operations = keys.stream()
        .filter(k -> k.matches("paths/\\Q/jobs/{id}\\E[a-z/]*/" + method))
        .toList();

    assertThat(operations).isNotEmpty().allSatisfy(op -> assertThat(keys)
        .contains(op + "/responses/400", op + "/responses/404"));
  }

  @Test
  void jobIdIsAUuidPathParameter() {
    assertThat(block("components/parameters/JobId"))
        .contains("name: id", "in: path", "required: true", "type: string", "format: uuid");
  }

  @Test
  void uploadIsMultipartWithARequiredFileAndTheOptionFields() {
    String upload = block("components/schemas/JobUpload");

    assertThat(keys).contains("paths//jobs/post/requestBody/content/multipart/form-data/schema");
    assertThat(upload).contains("required: [file]", "format: binary");
    assertThat(keys).contains(
        "components/schemas/JobUpload/properties/country/default",
        "components/schemas/JobUpload/properties/tag/maxLength",
        "components/schemas/JobUpload/properties/source/maxLength",
        "components/schemas/JobUpload/properties/sheet/maxLength");
    assertThat(block("paths//jobs/post/responses/202")).contains("Location:", "$ref: '#/components/schemas/Job'");
  }

  @Test
  void downloadIsCsvOrAZipOfPartsWhenSplit() {
    String download = block("paths//jobs/{id}/download/get");

    assertThat(download).contains("name: split", "minimum: 1", "maximum: 100000", "text/csv:", "application/zip:");
    assertThat(block("paths//jobs/{id}/rejects/get/responses/200")).contains("text/csv:");
    assertThat(block("paths//jobs/{id}/events/get/responses/200")).contains("text/event-stream:");
  }

  @Test
  void listJobsPagesWithLimitOffsetAndAStatusFilter() {
    String list = block("paths//jobs/get");

    assertThat(list).contains("name: limit", "maximum: 100", "default: 20", "name: offset", "name: status",
        "enum: [queued, processing, done, failed]");
    assertThat(block("components/schemas/JobPage")).contains("required: [items, total, limit, offset]");
  }

  @Test
  void jobCarriesEveryFieldTheUiReads() {
    assertThat(block("components/schemas/Job")).contains(
        "required: [id, status, filename, size_bytes, options, attempts, progress, created_at, updated_at,"
            + " started_at, finished_at, error, summary]");
    assertThat(keys).contains(
        "components/schemas/JobOptions/properties/country",
        "components/schemas/JobError/properties/code",
        "components/schemas/JobSummary/properties/rows_written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"total_rows", "rows_written", "pct_with_email", "pct_with_phone", "invalid_emails",
      "invalid_phones", "ninth_digit_fixed", "invalid_dates", "duplicates_merged", "rejected_rows",
      "reject_reasons", "empty_rows_skipped", "format", "encoding", "delimiter", "sheet", "sheets", "header_row",
      "default_country", "columns", "mapping", "unmapped_columns", "fill_rates", "phones_by_country", "seconds"})
  void reportDescribesEveryKeyTheEngineWrites(String key) {
    assertThat(keys).contains("components/schemas/Report/properties/" + key);
  }

  /** Every code a client can meet: all of ErrorCode but the bus's own, and all of the engine's. */
  static Stream<String> clientFacingCodes() {
    Set<ErrorCode> busOnly = EnumSet.of(ErrorCode.JOB_LOST, ErrorCode.DOWNLOAD_CANCELLED);
    return Stream.concat(Arrays.stream(ErrorCode.values()).filter(c -> !busOnly.contains(c)).map(ErrorCode::code),
        Arrays.stream(ConversionError.values()).map(ConversionError::code)).distinct();
  }

  @ParameterizedTest
  @MethodSource("clientFacingCodes")
  void documentsEveryErrorCode(String code) {
    assertThat(block("components/schemas/ErrorCode")).contains("`" + code + "`");
  }

  @Test
  void problemHasTheRfc9457MembersAndTheStableCode() {
    assertThat(keys).contains(
        "components/schemas/Problem/properties/type",
        "components/schemas/Problem/properties/title",
        "components/schemas/Problem/properties/status",
        "components/schemas/Problem/properties/detail",
        "components/schemas/Problem/properties/code",
        "components/schemas/Problem/properties/variant",
        "components/schemas/Problem/properties/instance",
        "components/schemas/JobError/properties/variant");
    assertThat(keys).contains("components/responses/TooManyRequests/headers/Retry-After");
  }

  @Test
  void usesOnlySpacesForIndentation() {
    assertThat(text).doesNotContain("\t");
  }

  /** The text of the mapping at a key path: its key line and every deeper-indented line after it. */
  private static String block(String path) {
    String[] lines = text.split("\n", -1);
    List<String> stack = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher m = KEY_LINE.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      int depth = m.group(1).length() / 2;
      push(stack, depth, unquote(m.group(2)));
      if (String.join("/", stack).equals(path)) {
        StringBuilder out = new StringBuilder(lines[i]).append('\n');
        int indent = m.group(1).length();
        for (int j = i + 1; j < lines.length && (lines[j].isBlank() || indentOf(lines[j]) > indent); j++) {
          out.append(lines[j]).append('\n');
        }
        return out.toString();
      }
    }
    throw new AssertionError("no key path " + path + " in openapi.yaml");
  }

  /**
   * Every mapping key as a slash-joined path ("components/schemas/Job"), skipping the bodies of block
   * scalars (descriptions, examples) so that their text is never mistaken for keys. Keys inside
   * sequence items are indexed under the nearest shallower key, which is enough for what is checked.
   */
  private static Set<String> keyPaths(String yaml) {
    Set<String> out = new LinkedHashSet<>();
    List<String> stack = new ArrayList<>();
    int scalarIndent = -1;
    for (String line : yaml.split("\n", -1)) {
      if (scalarIndent >= 0) {
        if (line.isBlank() || indentOf(line) > scalarIndent) {
          continue;
        }
        scalarIndent = -1;
      }
      Matcher m = KEY_LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      int indent = m.group(1).length();
      push(stack, indent / 2, unquote(m.group(2)));
      out.add(String.join("/", stack));
      String value = m.group(3) == null ? "" : m.group(3).trim();
      if (value.equals("|") || value.equals(">") || value.equals("|-") || value.equals(">-")) {
        scalarIndent = indent;
      }
    }
    return out;
  }

  private static void push(List<String> stack, int depth, String key) {
    while (stack.size() > depth) {
      stack.remove(stack.size() - 1);
    }
    while (stack.size() < depth) {
      stack.add("-");
    }
    stack.add(key);
  }

  private static String unquote(String key) {
    return key.startsWith("'") ? key.substring(1, key.length() - 1) : key;
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
