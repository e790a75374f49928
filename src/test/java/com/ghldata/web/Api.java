package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plain HTTP client for one running node, as a browser or curl would use the API: real sockets,
 * the real router, nothing mocked. Also the shared assertions on problem+json answers.
 */
public final class Api {
  /** Terminal states: a job in one of them never changes again. */
  private static final Set<String> FINAL = Set.of("done", "failed");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  /** Every test account's password: long enough for the server's rule. */
  public static final String PASSWORD = "correct horse battery staple";

  private final String base;
  private final String token;
  private final String userId;

  /** A client with no session: only public endpoints answer it. */
  public Api(int port) {
    this("http://127.0.0.1:" + port, null, null);
  }

  private Api(String base, String token, String userId) {
    this.base = base;
    this.token = token;
    this.userId = userId;
  }

  public String base() {
    return base;
  }

  /** Registers a fresh account (a random email) and answers a client signed in as it (Bearer token). */
  public Api signedUp() throws Exception {
    return signedUp("user-" + UUID.randomUUID() + "@example.com");
  }

  public Api signedUp(String email) throws Exception {
    // From an address of its own (honoured where TRUST_PROXY is on), so that the many sign-ups of a
    // test run never share one client's sign-in budget.
    HttpResponse<byte[]> r = send(request("/auth/register").header("Content-Type", "application/json")
        .header("X-Forwarded-For", "198.18." + (int) (Math.random() * 256) + "." + (int) (1 + Math.random() * 254))
        .POST(HttpRequest.BodyPublishers.ofString(credentials(email, PASSWORD).encode())).build());
    assertThat(r.statusCode()).as("register %s: %s", email, text(r)).isEqualTo(201);
    JsonObject session = json(r);
    return new Api(base, session.getString("token"), session.getJsonObject("user").getString("id"));
  }

  /** The same account on another node (tests share one JWT secret). */
  public Api on(int port) {
    return new Api("http://127.0.0.1:" + port, token, userId);
  }

  /** The same node with another token (or none): for expired, tampered or forged ones. */
  public Api withToken(String other) {
    return new Api(base, other, null);
  }

  public Api anonymous() {
    return new Api(base, null, null);
  }

  public String token() {
    return token;
  }

  public String userId() {
    return userId;
  }

  public static JsonObject credentials(String email, String password) {
    return new JsonObject().put("email", email).put("password", password);
  }

  public HttpResponse<byte[]> postJson(String path, JsonObject body) throws Exception {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  public HttpResponse<byte[]> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  public HttpResponse<byte[]> delete(String path) throws Exception {
    return send(request(path).DELETE().build());
  }

  public HttpResponse<byte[]> post(String path) throws Exception {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  public HttpResponse<byte[]> send(String method, String path) throws Exception {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  /** POST /jobs as multipart/form-data: the file in the field {@code file}, then the form fields. */
  public HttpResponse<byte[]> upload(String filename, byte[] content, Map<String, String> fields) throws Exception {
    Multipart form = new Multipart();
    fields.forEach(form::field);
    if (filename != null) {
      form.file("file", filename, content);
    }
    return postForm(form);
  }

  public HttpResponse<byte[]> upload(String filename, byte[] content) throws Exception {
    return upload(filename, content, Map.of());
  }

  public HttpResponse<byte[]> postForm(Multipart form) throws Exception {
    return postForm("/jobs", form);
  }

  /** A multipart/form-data POST to any upload route ({@code /jobs}, {@code /jobs/inspect}). */
  public HttpResponse<byte[]> postForm(String path, Multipart form) throws Exception {
    return send(request(path)
        .header("Content-Type", "multipart/form-data; boundary=" + form.boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
        .build());
  }

  /** Uploads and checks the 202: the accepted job. */
  public JsonObject accepted(String filename, byte[] content, Map<String, String> fields) throws Exception {
    HttpResponse<byte[]> r = upload(filename, content, fields);
    assertThat(r.statusCode()).as("upload of %s: %s", filename, text(r)).isEqualTo(202);
    return json(r);
  }

  public JsonObject accepted(String filename, byte[] content) throws Exception {
    return accepted(filename, content, Map.of());
  }

  public JsonObject job(String id) throws Exception {
    HttpResponse<byte[]> r = get("/jobs/" + id);
    assertThat(r.statusCode()).as("GET /jobs/%s: %s", id, text(r)).isEqualTo(200);
    return json(r);
  }

  /**
   * Follows the job's server-sent events until the stream ends, which it does once the job is done
   * or failed, and checks the last state is {@code status}. Fails the test at the deadline, or at
   * once when the job settles in the other final state.
   */
  public JsonObject awaitStatus(String id, String status, Duration timeout) throws Exception {
    if (!FINAL.contains(status)) {
      throw new IllegalArgumentException("the event stream ends only on a final status, not " + status);
    }
    HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "/events"))).GET().build();
    CompletableFuture<JsonObject> last = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenApply(r -> {
          JsonObject[] seen = {null};
          r.body().filter(line -> line.startsWith("data:"))
              .forEach(line -> seen[0] = new JsonObject(line.substring(5).trim()));
          return seen[0];
        });
    JsonObject job;
    try {
      job = last.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      last.cancel(true);
      throw new AssertionError("job " + id + " not " + status + " after " + timeout + ": " + job(id).encode());
    }
    if (job == null || !status.equals(job.getString("status"))) {
      throw new AssertionError("job " + id + " ended " + (job == null ? "with no event" : job.getString("status"))
          + " while waiting for " + status + ": " + (job == null ? "" : job.encode()));
    }
    return job;
  }

  /** Checks an RFC 9457 answer: status line, media type, and the members clients switch on. */
  public static JsonObject assertProblem(HttpResponse<byte[]> r, int status, String code) {
    String body = text(r);
    assertThat(r.statusCode()).as("HTTP status of %s %s, body %s", r.request().method(), r.uri(), body)
        .isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).as("Content-Type of %s", r.uri())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonObject p = new JsonObject(body);
    assertThat(p.getInteger("status")).as("problem status").isEqualTo(status);
    assertThat(p.getString("code")).as("problem code, body %s", body).isEqualTo(code);
    assertThat(p.getString("title")).as("problem title").isNotBlank();
    assertThat(p.getString("detail")).as("problem detail").isNotBlank();
    assertThat(p.getString("type")).as("problem type").endsWith("/" + code);
    return p;
  }

  public static JsonObject json(HttpResponse<byte[]> r) {
    assertThat(r.headers().firstValue("Content-Type")).as("Content-Type of %s", r.uri())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return new JsonObject(text(r));
  }

  public static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  public static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  /** A request to this node, carrying this client's token when it has one. */
  public HttpRequest.Builder request(String path) {
    return authorized(HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder b) {
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  public HttpClient client() {
    return http;
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A multipart/form-data body built by hand, so tests control every part (or leave one out). */
  public static final class Multipart {
    final String boundary = "----ghl-test-" + UUID.randomUUID();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final ByteArrayOutputStream files = new ByteArrayOutputStream();

    public Multipart field(String name, String value) {
      fields.put(name, value);
      return this;
    }

    public Multipart file(String field, String filename, byte[] content) {
      write(files, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
          + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      files.writeBytes(content);
      write(files, "\r\n");
      return this;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fields.forEach((name, value) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
          + name + "\"\r\n\r\n" + value + "\r\n"));
      out.writeBytes(files.toByteArray());
      write(out, "--" + boundary + "--\r\n");
      return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
      out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
  }
}
