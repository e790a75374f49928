package com.ghldata.web;

import static com.ghldata.web.Api.PASSWORD;
import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.credentials;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.Api.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ghldata.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * "Esqueci minha senha" through the real router: the same answer for every address, single-use and
 * expiring links, only a hash stored, sessions signed out, rate limits, and the link delivered to
 * the log (test mode, no SMTP) or by mail to a real SMTP server (SMTP_URL).
 */
@Tag("services")
class PasswordResetTest {
  private static final Pattern LINK = Pattern.compile("(https?://[^\\s]+)/#reset=([A-Za-z0-9_-]+)");
  private static final String NEW_PASSWORD = "a brand new long password";
  private static final Duration DELIVERY = Duration.ofSeconds(15);
  static final SmtpReceiver smtp = SmtpReceiver.start();

  /** No SMTP_URL: links go to the log. A low sign-in budget, and client addresses from X-Forwarded-For. */
  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("RATE_LIMIT_AUTH", "6/1m", "TRUST_PROXY", "true"));

  /**
   * Links by mail, starting with PUBLIC_URL. Each node empties the database before each test, so
   * tests sign up their own accounts rather than use a node's api().
   */
  @RegisterExtension
  static final TestNode mailing = new TestNode(Map.of(
      "SMTP_URL", "smtp://mailer%40example.com:s3cret@127.0.0.1:" + smtp.port(),
      "MAIL_FROM", "GHL Data <no-reply@ghl.example.com>",
      "PUBLIC_URL", "https://ghl.example.com/"));

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger mailerLog = (Logger) LoggerFactory.getLogger(ResetMailer.class);

  @BeforeEach
  void captureTheLog() {
    log.start();
    mailerLog.addAppender(log);
    smtp.clear();
  }

  @AfterEach
  void releaseTheLog() {
    mailerLog.detachAppender(log);
  }

  @Test
  void theAnswerIsTheSameForAKnownAndAnUnknownAddress() throws Exception {
    String known = email();
    node.anonymous().signedUp(known);

    HttpResponse<byte[]> forKnown = ask(node, freshIp(), known);
    HttpResponse<byte[]> forUnknown = ask(node, freshIp(), "nobody-" + UUID.randomUUID() + "@example.com");

    for (HttpResponse<byte[]> r : List.of(forKnown, forUnknown)) {
      assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
      assertThat(r.body()).isEmpty();
      assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
    }
    assertThat(forUnknown.headers().map().keySet()).isEqualTo(forKnown.headers().map().keySet());
    linkFor(known);
    assertThat(TestServices.column("SELECT count(*) FROM password_resets")).as("one link, for the known address")
        .containsExactly("1");
  }

  @Test
  void theLoggedLinkSetsANewPasswordOnceAndOnlyItsHashIsStored() throws Exception {
    String email = email();
    node.anonymous().signedUp(email);
    ask(node, freshIp(), email);
    Matcher link = linkFor(email);
    String token = link.group(2);

    assertThat(link.group(1)).as("the link starts with the origin the request came to")
        .isEqualTo("http://127.0.0.1:" + node.app().httpPort());
    assertThat(TestServices.column("SELECT token_hash FROM password_resets")).containsExactly(sha256(token));
    assertThat(confirm(node, freshIp(), token, NEW_PASSWORD).statusCode()).isEqualTo(204);

    assertThat(login(node, email, NEW_PASSWORD).statusCode()).isEqualTo(200);
    assertProblem(login(node, email, PASSWORD), 401, "invalid_credentials");
    assertProblem(confirm(node, freshIp(), token, "yet another long password"), 400, "reset_token_invalid");
    assertThat(login(node, email, NEW_PASSWORD).statusCode()).as("the second use changed nothing").isEqualTo(200);
  }

  @Test
  void anExpiredLinkIsRefusedAndThePasswordStays() throws Exception {
    String email = email();
    node.anonymous().signedUp(email);
    ask(node, freshIp(), email);
    String token = linkFor(email).group(2);

    assertThat(TestServices.execute("UPDATE password_resets SET expires_at = now() - interval '1 second'")).isEqualTo(1);

    JsonObject p = assertProblem(confirm(node, freshIp(), token, NEW_PASSWORD), 400, "reset_token_invalid");
    assertThat(p.getString("detail")).contains("expired");
    assertThat(login(node, email, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void theLinkLastsThirtyMinutesByDefault() throws Exception {
    String email = email();
    node.anonymous().signedUp(email);
    ask(node, freshIp(), email);
    linkFor(email);

    assertThat(TestServices.column("SELECT round(extract(epoch FROM expires_at - created_at) / 60) FROM password_resets"))
        .containsExactly("30");
  }

  @Test
  void anUnknownOrMalformedTokenIsRefusedWithAStableCode() throws Exception {
    String unknown = "A".repeat(43);

    assertProblem(confirm(node, freshIp(), unknown, NEW_PASSWORD), 400, "reset_token_invalid");
    assertProblem(confirm(node, freshIp(), "short'; DROP TABLE users; --", NEW_PASSWORD), 400, "reset_token_invalid");
    assertProblem(post(node, freshIp(), "/auth/password-reset/confirm", "{\"token\": 12}"), 400, "bad_request");
    assertProblem(post(node, freshIp(), "/auth/password-reset", "{\"mail\": \"a@example.com\"}"), 400, "bad_request");
    assertProblem(post(node, freshIp(), "/auth/password-reset", "nope"), 400, "bad_request");
  }

  @Test
  void aWeakNewPasswordIsRefusedAndLeavesTheLinkUsable() throws Exception {
    String email = email();
    node.anonymous().signedUp(email);
    ask(node, freshIp(), email);
    String token = linkFor(email).group(2);

    assertProblem(confirm(node, freshIp(), token, "short"), 400, "weak_password");
    assertProblem(confirm(node, freshIp(), token, email), 400, "weak_password");

    assertThat(confirm(node, freshIp(), token, NEW_PASSWORD).statusCode()).isEqualTo(204);
  }

  @Test
  void aNewPasswordSignsOutEveryExistingSessionButNotTheNextSignIn() throws Exception {
    String email = email();
    Api before = node.anonymous().signedUp(email);
    Api someoneElse = node.anonymous().signedUp();
    assertThat(before.get("/me").statusCode()).isEqualTo(200);
    ask(node, freshIp(), email);
    HttpResponse<byte[]> done = confirm(node, freshIp(), linkFor(email).group(2), NEW_PASSWORD);

    assertThat(header(done, "Set-Cookie")).startsWith("ghl_session=;").contains("Max-Age=0");
    assertProblem(before.get("/me"), 401, "unauthorized");
    String fresh = Api.json(login(node, email, NEW_PASSWORD)).getString("token");
    assertThat(node.anonymous().withToken(fresh).get("/me").statusCode()).isEqualTo(200);
    assertThat(someoneElse.get("/me").statusCode()).as("other accounts keep their sessions").isEqualTo(200);
  }

  @Test
  void aNewLinkIsOnlyOneOfTheAccountsLinksUntilOneIsUsed() throws Exception {
    String email = email();
    node.anonymous().signedUp(email);
    ask(node, freshIp(), email);
    String first = linkFor(email).group(2);
    log.list.clear();
    ask(node, freshIp(), email);
    String second = linkFor(email).group(2);

    assertThat(second).isNotEqualTo(first);
    assertThat(confirm(node, freshIp(), second, NEW_PASSWORD).statusCode()).isEqualTo(204);
    assertProblem(confirm(node, freshIp(), first, "yet another long password"), 400, "reset_token_invalid");
  }

  @Test
  void resetRequestsAreRateLimitedPerClientAddressWithSignIn() throws Exception {
    String ip = freshIp();
    String email = email();
    for (int i = 0; i < 6; i++) {
      assertThat(ask(node, ip, email).statusCode()).isEqualTo(202);
    }

    HttpResponse<byte[]> blocked = ask(node, ip, email);
    assertProblem(blocked, 429, "rate_limited");
    assertThat(header(blocked, "Retry-After")).isNotNull();
    assertProblem(confirm(node, ip, "A".repeat(43), NEW_PASSWORD), 429, "rate_limited");
    assertProblem(login(node, ip, email, PASSWORD), 429, "rate_limited");
    assertThat(ask(node, freshIp(), email).statusCode()).as("another address is not held back").isEqualTo(202);
  }

  @Test
  void withSmtpTheLinkArrivesByMailStartsWithThePublicUrlAndWorks() throws Exception {
    String email = email();
    mailing.anonymous().signedUp(email);

    assertThat(ask(mailing, null, email).statusCode()).isEqualTo(202);

    Awaitility.await().atMost(DELIVERY).until(() -> !smtp.mails().isEmpty());
    SmtpReceiver.Mail mail = smtp.mails().get(0);
    assertThat(mail.to()).containsExactly(email);
    assertThat(mail.from()).contains("no-reply@ghl.example.com");
    assertThat(mail.login()).as("signed in with SMTP_URL's credentials").isEqualTo("mailer@example.com:s3cret");
    assertThat(mail.data()).contains("Subject: Redefinir a senha do GHL Data");
    String body = mail.body();
    Matcher link = LINK.matcher(body);
    assertThat(link.find()).as("a link in %s", body).isTrue();
    assertThat(link.group(1)).isEqualTo("https://ghl.example.com");
    assertThat(body).contains("30 minutos");
    assertThat(log.list).as("with SMTP the link is not logged")
        .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(link.group(2)));

    assertThat(confirm(mailing, null, link.group(2), NEW_PASSWORD).statusCode()).isEqualTo(204);
    assertThat(login(mailing, email, NEW_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void withSmtpAnUnknownAddressGetsNoMail() throws Exception {
    String known = email();
    mailing.anonymous().signedUp(known);

    ask(mailing, null, "nobody-" + UUID.randomUUID() + "@example.com");
    ask(mailing, null, known);

    Awaitility.await().atMost(DELIVERY).until(() -> !smtp.mails().isEmpty());
    assertThat(smtp.mails()).singleElement().satisfies(m -> assertThat(m.to()).containsExactly(known));
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Waits for the logged link to this address (test mode logs it; production never does). */
  private Matcher linkFor(String email) {
    String[] line = {null};
    Awaitility.await().atMost(DELIVERY).until(() -> log.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(email) && m.contains("#reset=")).peek(m -> line[0] = m).findFirst().isPresent());
    Matcher m = LINK.matcher(line[0]);
    assertThat(m.find()).as("a link in %s", line[0]).isTrue();
    return m;
  }

  private static HttpResponse<byte[]> ask(TestNode on, String ip, String email) throws Exception {
    return post(on, ip, "/auth/password-reset", new JsonObject().put("email", email).encode());
  }

  private static HttpResponse<byte[]> confirm(TestNode on, String ip, String token, String password) throws Exception {
    return post(on, ip, "/auth/password-reset/confirm",
        new JsonObject().put("token", token).put("password", password).encode());
  }

  private static HttpResponse<byte[]> login(TestNode on, String email, String password) throws Exception {
    return login(on, freshIp(), email, password);
  }

  private static HttpResponse<byte[]> login(TestNode on, String ip, String email, String password) throws Exception {
    return post(on, ip, "/auth/login", credentials(email, password).encode());
  }

  private static HttpResponse<byte[]> post(TestNode on, String ip, String path, String body) throws Exception {
    HttpRequest.Builder b = on.anonymous().request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (ip != null) {
      b.header("X-Forwarded-For", ip);
    }
    return on.anonymous().client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String email() {
    return "reset-" + UUID.randomUUID() + "@example.com";
  }

  private static String freshIp() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
  }
}
