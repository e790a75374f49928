package com.ghldata.web;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.ghldata.accounts.JwtKeys;
import com.ghldata.engine.read.ReadFixtures;
import com.ghldata.web.UploadLimitTest.RawResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over real HTTP against one whole node. The attacker is this test's own account
 * ({@code node.api()}) or nobody; the victim is another account with a finished job. Every hostile
 * request gets the right problem+json with a stable code (or, when the hostile part is only data,
 * is accepted and kept as data), every answer carries the security headers, and after each test the
 * node is alive and the victim's job is exactly as it was.
 */
@Tag("services")
class HostileInputTest {
  private static final Duration CONVERSION = Duration.ofSeconds(20);
  /** How long a raw-socket request may wait for its answer: far less than sending 100 MB would take. */
  private static final Duration ANSWER = Duration.ofSeconds(10);
  private static final long MB = 1024 * 1024;
  private static final int UPLOAD_LIMIT_MB = 10;
  /** The node's DATA_DIR, known here so that the suite can look for files written where they must not be. */
  private static final Path DATA_DIR = tempDir();
  private static final List<String> SQL_INJECTIONS = List.of(
      "' OR '1'='1", "1; DROP TABLE jobs; --", "'); DELETE FROM users; --",
      "\\' UNION SELECT password_hash FROM users --");
  /** Every job sub-resource, with the method that reaches it. */
  private static final List<List<String>> JOB_ENDPOINTS = List.of(List.of("GET", ""), List.of("GET", "/events"),
      List.of("GET", "/preview"), List.of("GET", "/report"), List.of("GET", "/download"), List.of("GET", "/rejects"),
      List.of("GET", "/issues"), List.of("GET", "/issues/download"), List.of("POST", "/retry"), List.of("DELETE", ""));

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("DATA_DIR", DATA_DIR.toString(),
      "MAX_UPLOAD_MB", String.valueOf(UPLOAD_LIMIT_MB)));

  private String victimEmail;
  private Api victim;
  private String victimJob;
  private byte[] victimDownload;
  private JsonObject victimReport;

  @BeforeEach
  void aVictimHasAFinishedJob() throws Exception {
    victimEmail = "victim-" + UUID.randomUUID() + "@example.com";
    victim = node.anonymous().signedUp(victimEmail);
    victimJob = victim.accepted("victim.csv", JobApiTest.golden("generic-pt.csv")).getString("id");
    victim.awaitStatus(victimJob, "done", CONVERSION);
    HttpResponse<byte[]> download = victim.get("/jobs/" + victimJob + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    victimDownload = download.body();
    victimReport = json(victim.get("/jobs/" + victimJob + "/report"));
  }

  @AfterEach
  void theNodeIsUpAndTheVictimsJobIsUntouched() throws Exception {
    HttpResponse<byte[]> live = secured(node.anonymous().get("/health/live"));
    assertThat(live.statusCode()).as("liveness after the attack").isEqualTo(200);
    assertThat(victim.job(victimJob).getString("status")).isEqualTo("done");
    assertThat(victim.get("/jobs/" + victimJob + "/download").body()).as("the victim's download")
        .isEqualTo(victimDownload);
    assertThat(json(victim.get("/jobs/" + victimJob + "/report"))).as("the victim's report").isEqualTo(victimReport);
    problem(node.api().get("/jobs/" + victimJob), 404, "not_found");
    assertNoUploadLeftOnDisk();
  }

  // --- 1. file names ----------------------------------------------------------------------------

  /**
   * The name as the attacker sends it and as it is stored: FileNames keeps what follows the last / or
   * \, drops control, line-separator and bidi characters and leading dots, and cuts at 200 chars
   * (never inside a surrogate pair). Netty's multipart decoder has already dropped {@code "} and turned
   * {@code : = ; ,} into spaces.
   */
  static Stream<Arguments> hostileFileNames() {
    return Stream.of(
        arguments("../../etc/passwd.csv", "passwd.csv"),
        arguments("..\\..\\windows\\win.ini.csv", "win.ini.csv"),
        arguments("/etc/passwd.csv", "passwd.csv"),
        arguments("<script>alert(1)</script>.csv", "script>.csv"),
        arguments("\"><img src=x onerror=alert(1)>.csv", "><img src x onerror alert(1)>.csv"),
        arguments("a\r\nSet-Cookie: x=1.csv", "aSet-Cookie  x 1.csv"),
        arguments("contacts\u0000.csv", "contacts.csv"),
        arguments("contacts\u202Evsc.exe", "contactsvsc.exe"),
        arguments("contacts\u2028.csv", "contacts.csv"),
        arguments("a".repeat(4996) + ".csv", "a".repeat(200)),
        arguments("a" + "\uD83D\uDE00".repeat(150), "a" + "\uD83D\uDE00".repeat(99)));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("hostileFileNames")
  void aHostileFileNameIsStoredCleanAndDownloadedUnderASafeHeader(String sent, String stored) throws Exception {
    Set<Path> before = filesNamedLike(sent, stored);
    String boundary = boundary();

    // Raw in the quoted filename, as curl sends it; what a quoted string cannot hold goes as RFC 5987 filename*.
    String parameter = sent.matches("(?s).*[\"\r\n].*") ? "filename*=UTF-8''" + percent(sent)
        : "filename=\"" + sent + "\"";

    HttpResponse<byte[]> created = postJobs("multipart/form-data; boundary=" + boundary, multipart(boundary,
        filePart(parameter, JobApiTest.golden("generic-pt.csv"))));

    assertThat(secured(created).statusCode()).as(text(created)).isEqualTo(202);
    JsonObject job = json(created);
    assertThat(job.getString("filename")).isEqualTo(stored);
    assertCleanName(job.getString("filename"));
    String id = job.getString("id");
    node.api().awaitStatus(id, "done", CONVERSION);
    assertThat(json(node.api().get("/jobs")).getJsonArray("items").getJsonObject(0).getString("filename"))
        .as("the name in the job list, as a JSON string").isEqualTo(stored);

    HttpResponse<byte[]> download = secured(node.api().get("/jobs/" + id + "/download"));

    assertThat(download.statusCode()).isEqualTo(200);
    List<String> disposition = download.headers().allValues("Content-Disposition");
    assertThat(disposition).as("Content-Disposition headers").hasSize(1);
    assertThat(disposition.get(0))
        .matches("attachment; filename=\"[A-Za-z0-9._-]+\"; filename\\*=UTF-8''[A-Za-z0-9%._*-]+");
    String utf8Name = disposition.get(0).substring(disposition.get(0).indexOf("UTF-8''") + "UTF-8''".length());
    assertThat(URLDecoder.decode(utf8Name, StandardCharsets.UTF_8)).isEqualTo(withoutExtension(stored) + "-ghl.csv");
    assertThat(download.headers().allValues("Set-Cookie")).as("cookies set by a download").isEmpty();
    assertThat(filesNamedLike(sent, stored)).as("files named after the upload").isEqualTo(before);
  }

  // --- 2. executables -------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} named {1}")
  @CsvSource({"ELF, contacts.csv", "ELF, contacts.xlsx", "PE, contacts.csv", "PE, contacts.xlsx"})
  void aRenamedExecutableIsNotASpreadsheet(String format, String name) throws Exception {
    byte[] program = "ELF".equals(format) ? elf() : pe();

    problem(node.api().upload(name, program), 415, "not_a_spreadsheet");

    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  // --- 3. hostile workbooks -------------------------------------------------------------------

  @Test
  void aZipBombIsRefusedAsAZipBomb() throws Exception {
    Path bomb = Files.createTempFile(DATA_DIR.getParent(), "bomb", ".xlsx");
    ReadFixtures.writeZipBomb(bomb, 500);
    byte[] bytes = Files.readAllBytes(bomb);
    Files.delete(bomb);

    JsonObject p = problem(node.api().upload("contatos.xlsx", bytes), 422, "zip_bomb");

    assertNoLeak(p);
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void anXxeWorkbookIsRefusedAndIncludesNothing() throws Exception {
    byte[] xxe = ReadFixtures.xlsxWithExternalEntity("file:///etc/passwd");

    HttpResponse<byte[]> r = node.api().upload("contatos.xlsx", xxe);

    assertNoLeak(problem(r, 422, "unsafe_xml"));
    String passwd = Files.readString(Path.of("/etc/passwd"));
    assertThat(text(r)).doesNotContain("root:").doesNotContain(passwd.lines().findFirst().orElseThrow());
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  // --- 4. malformed multipart -----------------------------------------------------------------

  static Stream<Arguments> malformedUploads() throws IOException {
    byte[] csv = JobApiTest.golden("generic-pt.csv");
    String b = "ghl-hostile-boundary";
    String type = "multipart/form-data; boundary=" + b;
    byte[] file = filePart("filename=\"contacts.csv\"", csv);
    return Stream.of(
        arguments("no boundary parameter", "multipart/form-data", multipart(b, file)),
        arguments("a boundary the body does not use", "multipart/form-data; boundary=other", multipart(b, file)),
        arguments("a body cut off before its closing boundary", type, concat(dash(b), file)),
        arguments("a body cut off inside a part's headers", type, utf8("--" + b + "\r\nContent-Disposition: form-da")),
        arguments("an empty body", type, new byte[0]),
        arguments("a part header over 16 KiB (a 20,000-char file name)", type,
            multipart(b, filePart("filename=\"" + "a".repeat(20_000) + ".csv\"", csv))),
        arguments("a part with no name", type, multipart(b, part("form-data; filename=\"contacts.csv\"", csv))),
        arguments("two file parts", type, multipart(b, file, filePart("filename=\"more.csv\"", csv))),
        arguments("a text field where the file should be", type, multipart(b, part("form-data; name=\"file\"", csv))),
        arguments("JSON instead of multipart", "application/json",
            utf8(new JsonObject().put("file", "Nome,E-mail\nAna,ana@example.com").encode())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedUploads")
  void aMalformedUploadIsABadRequest(String what, String contentType, byte[] body) throws Exception {
    HttpResponse<byte[]> r = postJobs(contentType, body);

    assertNoLeak(problem(r, 400, "bad_request"));
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  // --- 5. sizes ---------------------------------------------------------------------------------

  @Test
  void a100MegabyteUploadIsRefusedBeforeItsBodyIsSent() throws Exception {
    String b = boundary();

    RawResponse r = answerBeforeTheBody("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + node.api().token() + "\r\nContent-Type: multipart/form-data; boundary=" + b
        + "\r\nContent-Length: " + 100 * MB + "\r\n\r\n", partHead(b));

    rawProblem(r, 413, "payload_too_large");
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void a100MegabyteUploadWithoutATokenIsUnauthorizedBeforeItsBodyIsSent() throws Exception {
    String b = boundary();

    RawResponse r = answerBeforeTheBody("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data;"
        + " boundary=" + b + "\r\nContent-Length: " + 100 * MB + "\r\n\r\n", partHead(b));

    rawProblem(r, 401, "unauthorized");
  }

  @Test
  void aChunkedUploadIsRefusedOnceItPassesTheLimit() throws Exception {
    long limit = UPLOAD_LIMIT_MB * MB;
    String b = boundary();
    byte[] rows = contactRows(64 * 1024);
    long sent = 0;
    RawResponse r;
    try (Socket socket = new Socket("127.0.0.1", node.app().httpPort())) {
      socket.setSoTimeout((int) ANSWER.toMillis());
      InputStream in = socket.getInputStream();
      CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> UploadLimitTest.readResponse(in));
      OutputStream out = socket.getOutputStream();
      try {
        out.write(utf8("POST /jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + node.api().token()
            + "\r\nContent-Type: multipart/form-data; boundary=" + b + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
        out.write(chunk(partHead(b)));
        // Never the last chunk: the server must stop this upload on its own.
        while (!answer.isDone() && sent < 3 * limit) {
          out.write(chunk(rows));
          sent += rows.length;
        }
      } catch (IOException closedByTheServer) {
        // Expected once the server has answered and closed the connection.
      }
      r = RawResponse.parse(answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS));
    }

    rawProblem(r, 413, "payload_too_large");
    assertThat(sent).as("bytes sent before the server answered").isLessThan(3 * limit);
    assertThat(json(node.api().get("/jobs")).getLong("total")).isZero();
  }

  @Test
  void aSignInBodyOver64KibIsRefusedBeforeItIsSent() throws Exception {
    RawResponse r = answerBeforeTheBody("POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + (64 * 1024 + 1) + "\r\n\r\n", utf8("{\"email\": \""));

    rawProblem(r, 413, "payload_too_large");
  }

  // --- 6. SQL injection -------------------------------------------------------------------------

  static Stream<String> sqlInjections() {
    return SQL_INJECTIONS.stream();
  }

  @ParameterizedTest
  @MethodSource("sqlInjections")
  void anInjectedJobIdIsAnInvalidIdOnEveryEndpoint(String injection) throws Exception {
    for (String id : List.of(injection, victimJob + injection)) {
      for (List<String> endpoint : JOB_ENDPOINTS) {
        assertNoLeak(problem(node.api().send(endpoint.get(0), "/jobs/" + percent(id) + endpoint.get(1)), 400,
            "invalid_id"));
      }
    }
    assertTheVictimCanStillSignIn();
  }

  @ParameterizedTest
  @MethodSource("sqlInjections")
  void anInjectedQueryParameterIsABadRequest(String injection) throws Exception {
    String value = percent(injection);
    for (String path : List.of("/jobs?limit=" + value, "/jobs?offset=" + value, "/jobs?status=" + value,
        "/jobs/" + victimJob + "/download?split=" + value)) {
      assertNoLeak(problem(node.api().get(path), 400, "bad_request"));
    }
    assertTheVictimCanStillSignIn();
  }

  @ParameterizedTest
  @MethodSource("sqlInjections")
  void anInjectedUploadFieldIsRefusedOrKeptAsText(String injection) throws Exception {
    byte[] csv = JobApiTest.golden("generic-pt.csv");
    JsonObject p = problem(node.api().upload("contacts.csv", csv, Map.of("country", injection)), 400, "bad_request");
    assertThat(p.getString("detail")).contains("country");

    // Tag, source and sheet are free text up to 100, 100 and 200 characters: data, never SQL.
    JsonObject job = json(secured(node.api().upload("contacts.csv", csv,
        Map.of("tag", injection, "source", injection, "sheet", injection))));

    assertThat(job.getJsonObject("options").getMap()).containsEntry("tag", injection)
        .containsEntry("source", injection).containsEntry("sheet", injection);
    JsonObject done = node.api().awaitStatus(job.getString("id"), "done", CONVERSION);
    assertThat(done.getJsonObject("options").getString("tag")).isEqualTo(injection);
    assertThat(json(node.api().get("/jobs")).getLong("total")).isEqualTo(1L);
    assertTheVictimCanStillSignIn();
  }

  @ParameterizedTest
  @MethodSource("sqlInjections")
  void anInjectedCredentialIsJustAWrongOne(String injection) throws Exception {
    Api anonymous = node.anonymous();
    problem(anonymous.postJson("/auth/login", Api.credentials(injection, Api.PASSWORD)), 401, "invalid_credentials");
    problem(anonymous.postJson("/auth/login", Api.credentials(victimEmail, injection)), 401, "invalid_credentials");
    problem(anonymous.postJson("/auth/login", Api.credentials(victimEmail + injection, Api.PASSWORD)), 401,
        "invalid_credentials");
    problem(anonymous.postJson("/auth/register", Api.credentials(injection, Api.PASSWORD)), 400, "invalid_email");

    // As a password it is only a password: it signs up and signs in, and nothing else.
    String email = "sqli-" + UUID.randomUUID() + "@example.com";
    assertThat(secured(anonymous.postJson("/auth/register", Api.credentials(email, injection))).statusCode())
        .isEqualTo(201);
    assertThat(secured(anonymous.postJson("/auth/login", Api.credentials(email, injection))).statusCode())
        .isEqualTo(200);
    assertTheVictimCanStillSignIn();
  }

  // --- 7. hostile JSON --------------------------------------------------------------------------

  static Stream<Arguments> hostileJson() {
    return Stream.of(
        arguments("not JSON", "{\"email\": \"a@example.com\", \"password\": ", 400, "bad_request"),
        arguments("a JSON array", "[\"a@example.com\", \"correct horse battery\"]", 400, "bad_request"),
        arguments("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), 400, "bad_request"),
        arguments("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), 400, "bad_request"),
        arguments("numbers instead of strings", "{\"email\": 1, \"password\": 2}", 400, "bad_request"),
        arguments("an extra property", new JsonObject().put("email", "a@example.com").put("password", Api.PASSWORD)
            .put("admin", true).encode(), 400, "bad_request"),
        arguments("null", "null", 400, "bad_request"),
        arguments("an empty body", "", 400, "bad_request"),
        arguments("a 1 MB string", new JsonObject().put("email", "a@example.com")
            .put("password", "x".repeat(1 << 20)).encode(), 413, "payload_too_large"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileJson")
  void hostileJsonToSignInOrSignUpIsAClientError(String what, String body, int status, String code) throws Exception {
    for (String path : List.of("/auth/login", "/auth/register")) {
      HttpResponse<byte[]> r = node.anonymous().client().send(node.anonymous().request(path)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertNoLeak(problem(r, status, code));
    }
  }

  // --- 8. hostile headers -----------------------------------------------------------------------

  static Stream<Arguments> hostileCredentialsHeaders() {
    String junk = new Random(3).ints(33, 127).filter(c -> c != ';' && c != ',' && c != '"' && c != '\\').limit(4096)
        .mapToObj(Character::toString).collect(Collectors.joining());
    return Stream.of(
        arguments("Bearer with no token", "Authorization", "Bearer"),
        arguments("Bearer garbage", "Authorization", "Bearer garbage"),
        arguments("Basic credentials", "Authorization", "Basic abc"),
        arguments("an unsigned (alg none) token for the victim", "Authorization", "Bearer {unsigned}"),
        arguments("an empty session cookie", "Cookie", "ghl_session="),
        arguments("4 KB of junk as the session cookie", "Cookie", "ghl_session=" + junk));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCredentialsHeaders")
  void hostileCredentialsAreUnauthorized(String what, String name, String value) throws Exception {
    HttpRequest request = node.anonymous().request("/jobs")
        .header(name, value.replace("{unsigned}", unsignedToken(victim.userId()))).GET().build();

    HttpResponse<byte[]> r = node.anonymous().client().send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertNoLeak(problem(r, 401, "unauthorized"));
  }

  @Test
  void aHeaderOver8KibIsRefusedByTheHttpCodec() throws Exception {
    HttpRequest request = node.anonymous().request("/jobs").header("Authorization", "Bearer " + "A".repeat(20 * 1024))
        .GET().build();

    HttpResponse<byte[]> r = node.anonymous().client().send(request, HttpResponse.BodyHandlers.ofByteArray());

    // The codec refuses it before any route; the answer is still a problem document.
    assertNoLeak(problem(secured(r), 431, "headers_too_large"));
  }

  @Test
  void aRequestLineOver4KibIsRefusedByTheHttpCodec() throws Exception {
    HttpResponse<byte[]> r = node.anonymous().get("/jobs?status=" + "x".repeat(10 * 1024));

    assertNoLeak(problem(secured(r), 414, "uri_too_long"));
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** The users table is there and the victim's row in it: a fresh sign-in works and names the victim. */
  private void assertTheVictimCanStillSignIn() throws Exception {
    HttpResponse<byte[]> r = secured(node.anonymous().postJson("/auth/login",
        Api.credentials(victimEmail, Api.PASSWORD)));
    assertThat(r.statusCode()).as("the victim signs in afterwards: %s", text(r)).isEqualTo(200);
    assertThat(json(r).getJsonObject("user").getString("id")).isEqualTo(victim.userId());
  }

  /** assertProblem, and the security headers every answer carries. */
  private static JsonObject problem(HttpResponse<byte[]> r, int status, String code) {
    return assertProblem(secured(r), status, code);
  }

  /** Checks the security headers of an answer and hands it back. */
  private static <T extends HttpResponse<?>> T secured(T r) {
    assertSecurityHeaders(name -> r.headers().allValues(name), r.request().method() + " " + r.uri());
    return r;
  }

  /**
   * A CSP that forbids framing and inline script, nosniff, a referrer policy that sends no path to
   * other sites: each exactly once.
   */
  private static void assertSecurityHeaders(Function<String, List<String>> headers, String what) {
    List<String> csp = headers.apply("Content-Security-Policy");
    assertThat(csp).as("Content-Security-Policy of %s", what).hasSize(1);
    Map<String, String> directives = Arrays.stream(csp.get(0).split(";")).map(String::strip)
        .filter(d -> !d.isEmpty())
        .collect(Collectors.toMap(d -> d.split("\\s+", 2)[0], d -> d.contains(" ") ? d.split("\\s+", 2)[1] : ""));
    assertThat(directives).as("CSP of %s", what).containsEntry("frame-ancestors", "'none'");
    assertThat(directives.getOrDefault("script-src", directives.get("default-src"))).as("script-src of %s", what)
        .isNotNull().doesNotContain("'unsafe-inline'").doesNotContain("'unsafe-eval'");
    assertThat(headers.apply("X-Content-Type-Options")).as("X-Content-Type-Options of %s", what)
        .containsExactly("nosniff");
    assertThat(headers.apply("Referrer-Policy")).as("Referrer-Policy of %s", what).singleElement()
        .isIn("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin");
  }

  private static void rawProblem(RawResponse r, int status, String code) {
    assertThat(r.status()).as("answer %s", r.head()).isEqualTo(status);
    assertSecurityHeaders(name -> Arrays.stream(r.head().split("\r\n")).skip(1)
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
        .map(l -> l.substring(name.length() + 1).strip()).toList(), "raw answer " + r.head().lines().findFirst());
    assertThat(r.header("content-type")).startsWith(Problems.CONTENT_TYPE);
    JsonObject p = new JsonObject(r.body());
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("code")).isEqualTo(code);
    assertNoLeak(p);
  }

  /** A problem's detail is written for users: no exception, class or library name. */
  private static void assertNoLeak(JsonObject problem) {
    assertThat(problem.getString("detail")).as("detail of %s", problem.encode())
        .doesNotContainIgnoringCase("exception").doesNotContain("because \"").doesNotContain("io.netty")
        .doesNotContain("io.vertx").doesNotContain("java.").doesNotContain("jackson");
  }

  /** No path, no control, line-break or bidi character, no leading dot, at most 200 chars, whole code points. */
  private static void assertCleanName(String name) {
    assertThat(name).doesNotContain("/").doesNotContain("\\").doesNotStartWith(".").isNotBlank();
    assertThat(name.length()).isLessThanOrEqualTo(200);
    assertThat(name.codePoints().filter(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
        || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.SURROGATE))
        .as("control, format, line-break or unpaired surrogate characters in %s", name).isEmpty();
  }

  /**
   * Sends a request head and the first bytes of its body over a plain socket, and reads the answer
   * without ever sending the rest: a server that waited for the whole body would never answer.
   */
  private static RawResponse answerBeforeTheBody(String head, byte[] bodyStart) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.app().httpPort())) {
      socket.setSoTimeout((int) ANSWER.toMillis());
      InputStream in = socket.getInputStream();
      CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> UploadLimitTest.readResponse(in));
      OutputStream out = socket.getOutputStream();
      out.write(utf8(head));
      out.write(bodyStart);
      out.flush();
      return RawResponse.parse(answer.get(ANSWER.toSeconds() + 5, TimeUnit.SECONDS));
    }
  }

  private static HttpResponse<byte[]> postJobs(String contentType, byte[] body) throws Exception {
    return node.api().client().send(node.api().request("/jobs").header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Uploads are deleted once their request is answered, whatever the answer. */
  private static void assertNoUploadLeftOnDisk() throws Exception {
    Path uploads = DATA_DIR.resolve("uploads");
    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(listFiles(uploads)).as("uploads left in %s", uploads).isEmpty());
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  /**
   * Files whose name contains the sent name's last segment or the stored name, wherever a name that
   * escaped the uploads dir could land: the data dir's tree, the temp dir around it, the working
   * dir, and the directories the traversals aim at.
   */
  private static Set<Path> filesNamedLike(String sent, String stored) throws IOException {
    String last = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1).toLowerCase(Locale.ROOT);
    Function<Path, Boolean> suspect = p -> {
      String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
      return n.contains(last) || n.contains(stored.toLowerCase(Locale.ROOT));
    };
    Set<Path> found = new TreeSet<>();
    try (Stream<Path> tree = Files.walk(DATA_DIR)) {
      tree.filter(suspect::apply).forEach(found::add);
    }
    Path tmp = DATA_DIR.getParent();
    for (Path dir : List.of(tmp, tmp.resolve("etc"), tmp.resolve("windows"), Path.of("").toAbsolutePath(),
        Path.of("/etc"), Path.of("/windows"))) {
      found.addAll(listFiles(dir).stream().filter(suspect::apply).toList());
    }
    return found;
  }

  private static String withoutExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** A JWT for {@code userId} with {@code alg: none} and no signature. */
  private static String unsignedToken(String userId) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    long exp = System.currentTimeMillis() / 1000 + 3600;
    return b64.encodeToString(utf8("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "."
        + b64.encodeToString(utf8(new JsonObject().put("sub", userId).put("iss", JwtKeys.ISSUER)
            .put("aud", JwtKeys.ISSUER).put("exp", exp).encode())) + ".";
  }

  private static String percent(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String boundary() {
    return "----ghl-hostile-" + UUID.randomUUID();
  }

  private static byte[] dash(String boundary) {
    return utf8("--" + boundary + "\r\n");
  }

  /** A part (what follows its boundary line): its Content-Disposition, its content. */
  private static byte[] part(String disposition, byte[] content) {
    return concat(utf8("Content-Disposition: " + disposition + "\r\nContent-Type: text/csv\r\n\r\n"), content,
        utf8("\r\n"));
  }

  private static byte[] filePart(String filenameParameter, byte[] content) {
    return part("form-data; name=\"file\"; " + filenameParameter, content);
  }

  /** Each part after its boundary line, then the closing boundary. */
  private static byte[] multipart(String boundary, byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(dash(boundary));
      out.writeBytes(part);
    }
    out.writeBytes(utf8("--" + boundary + "--\r\n"));
    return out.toByteArray();
  }

  private static byte[] partHead(String boundary) {
    return utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\nNome,E-mail,Telefone\r\n");
  }

  private static byte[] chunk(byte[] data) {
    return concat(utf8(Integer.toHexString(data.length) + "\r\n"), data, utf8("\r\n"));
  }

  /** Valid contact rows, about {@code bytes} long. */
  private static byte[] contactRows(int bytes) {
    StringBuilder sb = new StringBuilder(bytes + 100);
    for (int i = 0; sb.length() < bytes - 80; i++) {
      sb.append("Pessoa ").append(i).append(",pessoa").append(i).append("@example.com,+55 11 9")
          .append(String.format(Locale.ROOT, "%08d", i)).append("\r\n");
    }
    return utf8(sb.toString());
  }

  /** An ELF header (x86-64 executable) and then what a program looks like to a reader: noise. */
  private static byte[] elf() {
    byte[] program = noise(8192, 11);
    byte[] head = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1, 0, 0, 0};
    System.arraycopy(head, 0, program, 0, head.length);
    return program;
  }

  /** A DOS/PE header, with its famous stub message, and then noise. */
  private static byte[] pe() {
    byte[] program = noise(8192, 13);
    byte[] head = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};
    System.arraycopy(head, 0, program, 0, head.length);
    byte[] stub = utf8("This program cannot be run in DOS mode.\r\r\n$");
    System.arraycopy(stub, 0, program, 0x4E, stub.length);
    return program;
  }

  private static byte[] noise(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ghl-hostile-data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
