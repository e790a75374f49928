package com.ghldata.web;

import static com.ghldata.web.Api.PASSWORD;
import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.credentials;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.json;
import static com.ghldata.web.Api.text;
import static com.ghldata.web.JobApiTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ghldata.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Accounts end to end: registration, sign-in, the session cookie, tokens, and one user's jobs hidden from another. */
@Tag("services")
class AccountsApiTest {
  private static final Duration CONVERSION = Duration.ofSeconds(60);

  @RegisterExtension
  static final TestNode node = new TestNode(Map.of());

  @Test
  void registerSignsInWithATokenAndAnHttpOnlySecureStrictCookie() throws Exception {
    HttpResponse<byte[]> r = node.anonymous().postJson("/auth/register", credentials(" Ana.Souza@Example.COM ", PASSWORD));

    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    JsonObject session = json(r);
    assertThat(session.getString("token_type")).isEqualTo("Bearer");
    assertThat(session.getInteger("expires_in")).isEqualTo(30 * 60);
    assertThat(session.getJsonObject("user").getString("email")).isEqualTo("ana.souza@example.com");
    assertThat(session.getJsonObject("user").fieldNames()).containsExactlyInAnyOrder("id", "email", "created_at");
    String cookie = header(r, "Set-Cookie");
    // Cookie attribute names are case-insensitive (Netty writes HTTPOnly).
    assertThat(cookie).startsWith("ghl_session=" + session.getString("token") + ";")
        .containsIgnoringCase("HttpOnly").contains("Secure", "SameSite=Strict", "Path=/", "Max-Age=1800");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");

    JsonObject me = json(node.anonymous().withToken(session.getString("token")).get("/me"));
    assertThat(me).isEqualTo(session.getJsonObject("user"));
  }

  @Test
  void theSessionCookieAloneIsEnoughForEveryJobEndpoint() throws Exception {
    String token = node.api().token();
    HttpResponse<byte[]> upload = node.api().anonymous().client().send(node.api().anonymous().request("/jobs")
        .header("Cookie", "ghl_session=" + token)
        .header("Content-Type", "multipart/form-data; boundary=b")
        .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"c.csv\"\r\n\r\n" + new String(golden("generic-pt.csv"), StandardCharsets.UTF_8) + "\r\n--b--\r\n"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(upload.statusCode()).as(text(upload)).isEqualTo(202);

    HttpResponse<byte[]> me = node.api().anonymous().client().send(node.api().anonymous().request("/me")
        .header("Cookie", "ghl_session=" + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(json(me).getString("id")).isEqualTo(node.api().userId());
    assertThat(json(node.api().get("/jobs")).getLong("total")).isEqualTo(1L);
  }

  @Test
  void thePasswordIsStoredOnlyAsAnArgon2idHash() throws Exception {
    List<String> hashes = TestServices.column("SELECT password_hash FROM users WHERE id = '" + node.api().userId() + "'");

    assertThat(hashes).singleElement().satisfies(h -> assertThat(h)
        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD));
  }

  @Test
  void passwordsNeverReachTheLog() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    Level level = root.getLevel();
    root.setLevel(Level.DEBUG);
    String secret = "my-unique-password-" + UUID.randomUUID();
    try {
      String email = "logged-" + UUID.randomUUID() + "@example.com";
      node.anonymous().postJson("/auth/register", credentials(email, secret));
      node.anonymous().postJson("/auth/login", credentials(email, secret + "x"));
      node.anonymous().postJson("/auth/login", credentials(email, secret));
      node.anonymous().postJson("/auth/register", credentials(email, secret));
    } finally {
      root.detachAppender(log);
      root.setLevel(level);
    }

    assertThat(log.list).as("something was logged at all").isNotEmpty();
    assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).contains(secret));
  }

  @Test
  void anEmailCanOnlyRegisterOnceWhateverItsCase() throws Exception {
    String email = "dup-" + UUID.randomUUID() + "@example.com";
    node.anonymous().signedUp(email);

    assertProblem(node.anonymous().postJson("/auth/register", credentials(email.toUpperCase(), PASSWORD)), 409,
        "email_taken");
    assertThat(TestServices.column("SELECT email FROM users WHERE lower(email) = '" + email + "'")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not-an-email      | correct horse battery | invalid_email",
      "a@b               | correct horse battery | invalid_email",
      "ana@example.com   | short                 | weak_password",
      "ana@example.com   | ana@example.com       | weak_password"})
  void registrationRefusesBadEmailsAndWeakPasswords(String email, String password, String code) throws Exception {
    assertProblem(node.anonymous().postJson("/auth/register", credentials(email, password)), 400, code);
  }

  @Test
  void registrationRefusesAPasswordLongerThan256Characters() throws Exception {
    assertProblem(node.anonymous().postJson("/auth/register", credentials("long@example.com", "x".repeat(257))),
        400, "weak_password");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"email\":\"a@example.com\"}", "{\"email\":1,\"password\":2}", "[]", "nope"})
  void malformedCredentialsAreABadRequestThatSaysWhatToSend(String body) throws Exception {
    for (String path : List.of("/auth/login", "/auth/register")) {
      HttpResponse<byte[]> r = node.anonymous().client().send(node.anonymous().request(path)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      assertThat(assertProblem(r, 400, "bad_request").getString("detail")).contains("\"email\"", "\"password\"");
    }
  }

  @Test
  void loginAnswersAFreshTokenForTheRightPasswordOnly() throws Exception {
    String email = "login-" + UUID.randomUUID() + "@example.com";
    Api registered = node.anonymous().signedUp(email);

    HttpResponse<byte[]> ok = node.anonymous().postJson("/auth/login", credentials(email.toUpperCase(), PASSWORD));
    assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
    JsonObject session = json(ok);
    assertThat(session.getJsonObject("user").getString("id")).isEqualTo(registered.userId());
    assertThat(header(ok, "Set-Cookie")).startsWith("ghl_session=").containsIgnoringCase("HttpOnly");
    assertThat(json(node.anonymous().withToken(session.getString("token")).get("/me")).getString("email"))
        .isEqualTo(email);

    JsonObject wrong = assertProblem(node.anonymous().postJson("/auth/login", credentials(email, PASSWORD + "!")),
        401, "invalid_credentials");
    JsonObject unknown = assertProblem(node.anonymous().postJson("/auth/login",
        credentials("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD)), 401, "invalid_credentials");
    assertThat(unknown.getString("detail")).as("an unknown email reads like a wrong password")
        .isEqualTo(wrong.getString("detail"));
    assertThat(header(node.anonymous().postJson("/auth/login", credentials(email, "wrong password")), "Set-Cookie"))
        .isNull();
  }

  @Test
  void anOverLongSignInIsJustWrongCredentials() throws Exception {
    assertProblem(node.anonymous().postJson("/auth/login", credentials("a".repeat(250) + "@example.com", PASSWORD)),
        401, "invalid_credentials");
    assertProblem(node.anonymous().postJson("/auth/login", credentials("a@example.com", "p".repeat(600))), 401,
        "invalid_credentials");
  }

  @Test
  void logoutClearsTheCookie() throws Exception {
    HttpResponse<byte[]> r = node.api().post("/auth/logout");

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(header(r, "Set-Cookie")).startsWith("ghl_session=;").contains("Max-Age=0", "Secure")
        .containsIgnoringCase("HttpOnly");
  }

  @Test
  void aSignedOutTokenNoLongerWorksWhileTheAccountsOtherSessionsDo() throws Exception {
    String email = "out-" + UUID.randomUUID() + "@example.com";
    Api first = node.anonymous().signedUp(email);
    String second = json(node.anonymous().postJson("/auth/login", credentials(email, PASSWORD))).getString("token");

    assertThat(first.post("/auth/logout").statusCode()).isEqualTo(204);

    JsonObject p = assertProblem(first.get("/me"), 401, "unauthorized");
    assertThat(p.getString("detail")).contains("signed out");
    assertProblem(first.get("/jobs"), 401, "unauthorized");
    assertThat(node.anonymous().withToken(second).get("/me").statusCode()).isEqualTo(200);
  }

  @Test
  void signingOutWithTheCookieEndsThatCookiesSession() throws Exception {
    String token = node.api().token();
    HttpRequest.Builder logout = node.anonymous().request("/auth/logout").header("Cookie", "ghl_session=" + token)
        .POST(HttpRequest.BodyPublishers.noBody());

    assertThat(node.anonymous().client().send(logout.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
        .isEqualTo(204);
    HttpResponse<byte[]> after = node.anonymous().client().send(node.anonymous().request("/jobs")
        .header("Cookie", "ghl_session=" + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertProblem(after, 401, "unauthorized");
  }

  @Test
  void signingOutWithoutOrWithABadTokenIsStillA204() throws Exception {
    assertThat(node.anonymous().post("/auth/logout").statusCode()).isEqualTo(204);
    assertThat(node.anonymous().withToken("garbage").post("/auth/logout").statusCode()).isEqualTo(204);
    assertThat(node.api().get("/me").statusCode()).as("nobody else was signed out").isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /me", "GET, /jobs", "POST, /jobs", "GET, /jobs/00000000-0000-0000-0000-000000000000",
      "GET, /jobs/00000000-0000-0000-0000-000000000000/events",
      "GET, /jobs/00000000-0000-0000-0000-000000000000/preview",
      "GET, /jobs/00000000-0000-0000-0000-000000000000/report",
      "GET, /jobs/00000000-0000-0000-0000-000000000000/download",
      "GET, /jobs/00000000-0000-0000-0000-000000000000/rejects",
      "POST, /jobs/00000000-0000-0000-0000-000000000000/retry",
      "DELETE, /jobs/00000000-0000-0000-0000-000000000000"})
  void everyJobEndpointNeedsASession(String method, String path) throws Exception {
    assertProblem(node.anonymous().send(method, path), 401, "unauthorized");
  }

  @Test
  void expiredTamperedUnsignedAndForeignTokensAreRefused() throws Exception {
    String sub = node.api().userId();
    long now = Instant.now().getEpochSecond();
    JsonObject valid = claims(sub, now - 10, now + 600);
    String secret = TestServices.JWT_SECRET;

    assertThat(node.anonymous().withToken(hs256(valid, secret)).get("/me").statusCode())
        .as("the forging helper makes tokens the server accepts").isEqualTo(200);

    String expired = hs256(claims(sub, now - 3600, now - 60), secret);
    String real = node.api().token();
    String[] parts = real.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    String tampered = parts[0] + "." + b64(payload.put("sub", UUID.randomUUID().toString()).encode()) + "." + parts[2];
    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(valid.encode()) + ".";
    String wrongKey = hs256(valid, "another-secret-of-at-least-thirty-two-bytes!!");
    String wrongIssuer = hs256(valid.copy().put("iss", "someone-else"), secret);
    String wrongAudience = hs256(valid.copy().put("aud", "someone-else"), secret);

    for (String token : List.of(expired, tampered, unsigned, wrongKey, wrongIssuer, wrongAudience, "garbage")) {
      assertProblem(node.anonymous().withToken(token).get("/jobs"), 401, "unauthorized");
      HttpResponse<byte[]> byCookie = node.anonymous().client().send(node.anonymous().request("/jobs")
          .header("Cookie", "ghl_session=" + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertProblem(byCookie, 401, "unauthorized");
    }
  }

  @Test
  void aTokenForADeletedAccountEndsTheSession() throws Exception {
    TestServices.column("DELETE FROM users WHERE id = '" + node.api().userId() + "' RETURNING id");

    assertProblem(node.api().get("/me"), 401, "unauthorized");
  }

  @Test
  void anotherUsersJobIsNotFoundOnEveryEndpointAndStaysIntact() throws Exception {
    Api alice = node.api();
    Api bob = node.anonymous().signedUp();
    String id = alice.accepted("alice.csv", golden("generic-pt.csv")).getString("id");
    alice.awaitStatus(id, "done", CONVERSION);
    byte[] before = alice.get("/jobs/" + id + "/download").body();

    for (String path : List.of("", "/events", "/preview", "/report", "/download", "/download?split=2", "/rejects",
        "/issues", "/issues/download")) {
      assertProblem(bob.get("/jobs/" + id + path), 404, "not_found");
    }
    assertProblem(bob.post("/jobs/" + id + "/retry"), 404, "not_found");
    assertProblem(bob.delete("/jobs/" + id), 404, "not_found");
    assertThat(json(bob.get("/jobs")).getLong("total")).isZero();
    JsonObject unknown = assertProblem(bob.get("/jobs/" + UUID.randomUUID()), 404, "not_found");
    assertThat(unknown.getString("title")).as("another's job reads exactly like a missing one")
        .isEqualTo(assertProblem(bob.get("/jobs/" + id), 404, "not_found").getString("title"));

    assertThat(alice.job(id).getString("status")).isEqualTo("done");
    assertThat(alice.get("/jobs/" + id + "/download").body()).isEqualTo(before);
    assertThat(json(alice.get("/jobs")).getLong("total")).isEqualTo(1L);
  }

  @Test
  void debugDbNeedsASession() throws Exception {
    JsonObject p = assertProblem(node.anonymous().get("/debug/db"), 401, "unauthorized");

    assertThat(p.encode()).as("no diagnostics leak").doesNotContain("jobs_by_status").doesNotContainIgnoringCase("postgresql");
  }

  @Test
  void debugDbCountsOnlyTheCallersOwnJobs() throws Exception {
    Api alice = node.api();
    Api bob = node.anonymous().signedUp();
    String id = alice.accepted("alice.csv", golden("generic-pt.csv")).getString("id");
    alice.awaitStatus(id, "done", CONVERSION);

    JsonObject hers = json(alice.get("/debug/db"));
    JsonObject his = json(bob.get("/debug/db"));

    assertThat(hers.getJsonObject("jobs_by_status").fieldNames()).containsExactly("done");
    assertThat(hers.getJsonObject("jobs_by_status").getLong("done")).isEqualTo(1L);
    assertThat(his.getJsonObject("jobs_by_status").isEmpty()).as("bob sees nothing of alice's: %s", his).isTrue();
  }

  @Test
  void aSessionCookieHalfwayThroughItsLifeIsRenewed() throws Exception {
    long now = Instant.now().getEpochSecond();
    String old = hs256(claims(node.api().userId(), now - 20 * 60, now + 10 * 60), TestServices.JWT_SECRET);
    String fresh = hs256(claims(node.api().userId(), now, now + 30 * 60), TestServices.JWT_SECRET);

    HttpResponse<byte[]> renewed = node.anonymous().client().send(node.anonymous().request("/jobs")
        .header("Cookie", "ghl_session=" + old).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> kept = node.anonymous().client().send(node.anonymous().request("/jobs")
        .header("Cookie", "ghl_session=" + fresh).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> bearer = node.anonymous().withToken(old).get("/jobs");

    assertThat(header(renewed, "Set-Cookie")).startsWith("ghl_session=").doesNotContain(old).contains("Max-Age=1800");
    assertThat(header(kept, "Set-Cookie")).isNull();
    assertThat(header(bearer, "Set-Cookie")).as("API clients manage their own tokens").isNull();
  }

  static JsonObject claims(String sub, long iat, long exp) {
    return new JsonObject().put("sub", sub).put("iat", iat).put("exp", exp).put("iss", "ghl-data")
        .put("aud", "ghl-data").put("jti", UUID.randomUUID().toString());
  }

  /** A JWT signed by hand with HMAC-SHA256, to forge every kind of token the server must judge. */
  static String hs256(JsonObject claims, String secret) throws Exception {
    String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims.encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
