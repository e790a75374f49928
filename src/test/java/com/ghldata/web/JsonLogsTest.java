package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.config.AppConfig.LogFormat;
import com.ghldata.infra.Logging;
import com.ghldata.infra.Migrations;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * LOG_FORMAT=json as serve sets it up, read from stderr as a log collector would: every line one
 * JSON object with the node's name, the lines about a job naming it and its user, and no password,
 * token or secret anywhere. The com.ghldata loggers run at DEBUG, so the lines that are off by
 * default are checked too.
 */
@Tag("services")
class JsonLogsTest {
  private static final Pattern LINK = Pattern.compile("/#reset=([A-Za-z0-9_-]+)");
  private static final String NEW_PASSWORD = "an entirely new long password";
  private static final String SMTP_PASSWORD = "smtp-p4ss-" + UUID.randomUUID();
  private static final String CSV = "nome,email,telefone\n"
      + "Ana Souza,ana.souza@example.com,(11) 98765-4321\n"
      + "Bruno Lima,bruno@example.com,+55 21 99876-5432\n";

  private static final String NODE = Application.nodeName();
  private static final SmtpReceiver smtp = SmtpReceiver.start();
  private static final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private static PrintStream stderr;
  private static String databasePassword;
  private static Application app;
  private int from;

  @BeforeAll
  static void startANodeThatLogsJson() throws Exception {
    stderr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Logging.configure(LogFormat.JSON, NODE);
    ((Logger) LoggerFactory.getLogger("com.ghldata")).setLevel(Level.DEBUG);
    // Jobs other classes left queued would be claimed, and logged, before the first test empties the database.
    TestServices.resetDatabase();
    app = Application.start(TestServices.config(Map.of(
        "LOG_FORMAT", "json",
        "DATABASE_URL", databaseUrlWithPassword(),
        "SMTP_URL", "smtp://mailer%40example.com:" + SMTP_PASSWORD + "@127.0.0.1:" + smtp.port(),
        "PUBLIC_URL", "https://ghl.example.com")));
  }

  @AfterAll
  static void backToText() throws Exception {
    try {
      if (app != null) {
        app.close();
      }
      smtp.close();
    } finally {
      Logging.configure(LogFormat.TEXT, NODE);
      System.setErr(stderr);
    }
  }

  @BeforeEach
  void emptyDatabase() throws Exception {
    TestServices.resetDatabase();
    smtp.clear();
    from = captured.size();
  }

  @Test
  void aWholeVisitLogsJsonLinesWithTheNodeTheJobAndItsUserAndNoSecret() throws Exception {
    Api anonymous = new Api(app.httpPort());
    String email = "json-logs-" + UUID.randomUUID() + "@example.com";
    Api api = anonymous.signedUp(email);
    HttpResponse<byte[]> login = anonymous.postJson("/auth/login", Api.credentials(email, Api.PASSWORD));
    assertThat(login.statusCode()).as("sign-in: %s", Api.text(login)).isEqualTo(200);
    String loginToken = Api.json(login).getString("token");

    String jobId = api.accepted("contatos.csv", CSV.getBytes(StandardCharsets.UTF_8)).getString("id");
    api.awaitStatus(jobId, "done", Duration.ofSeconds(60));
    HttpResponse<byte[]> download = api.get("/jobs/" + jobId + "/download");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(Api.text(download)).contains("ana.souza@example.com");

    String resetToken = resetByMail(anonymous, email);
    HttpResponse<byte[]> confirm = anonymous.postJson("/auth/password-reset/confirm",
        new JsonObject().put("token", resetToken).put("password", NEW_PASSWORD));
    assertThat(confirm.statusCode()).as("confirm: %s", Api.text(confirm)).isEqualTo(204);

    // A library that logs through java.util.logging (the PostgreSQL driver does) is bridged too.
    java.util.logging.Logger.getLogger("org.postgresql.Driver").warning("a java.util.logging line");

    // From the node's start on: its first lines (the embedded services, the mailer's settings) too.
    List<JsonObject> lines = lines(0);
    assertThat(lines).as("the java.util.logging line, as JSON").anySatisfy(l -> {
      assertThat(l.getString("message")).isEqualTo("a java.util.logging line");
      assertThat(l.getString("logger_name")).isEqualTo("org.postgresql.Driver");
      assertThat(l.getString("level")).isEqualTo("WARN");
    });
    for (JsonObject line : lines) {
      assertThat(line.fieldNames()).as("%s", line).contains("@timestamp", "level", "logger_name", "message");
      assertThat(line.getString("node")).as("node of %s", line).isEqualTo(NODE);
    }
    List<JsonObject> aboutTheJob = lines.stream().filter(l -> l.getString("message").contains(jobId)).toList();
    assertThat(aboutTheJob).extracting(l -> l.getString("message")).as("the job's lines")
        .anySatisfy(m -> assertThat(m).contains("queued as job " + jobId))
        .anySatisfy(m -> assertThat(m).contains("job " + jobId + " claimed by"))
        .anySatisfy(m -> assertThat(m).contains("job " + jobId + " converted on"));
    assertThat(aboutTheJob).allSatisfy(l -> {
      assertThat(l.getString("job_id")).as("job_id of %s", l).isEqualTo(jobId);
      assertThat(l.getString("user_id")).as("user_id of %s", l).isEqualTo(api.userId());
    });
    assertThat(lines).filteredOn(l -> l.containsKey("job_id")).as("lines naming a job")
        .allSatisfy(l -> assertThat(l.getString("job_id")).isEqualTo(jobId));
    assertThat(lines).filteredOn(l -> l.getString("message").contains("account " + api.userId()))
        .as("the account's own lines").hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(l -> assertThat(l.getString("user_id")).isEqualTo(api.userId()));
    assertThat(lines).extracting(l -> l.getString("message")).as("the reset link went by mail")
        .anySatisfy(m -> assertThat(m).contains("mailed through smtp://mailer%40example.com@127.0.0.1"));

    List<String> secrets = new ArrayList<>(List.of(Api.PASSWORD, NEW_PASSWORD, api.token(), loginToken,
        TestServices.JWT_SECRET, resetToken, SMTP_PASSWORD, databasePassword));
    String raw = capturedText(0);
    for (String secret : secrets) {
      assertThat(raw).as("the log holds a secret").doesNotContain(secret);
    }
  }

  @Test
  void withJsonLogsAResetLinkIsNeverLoggedNotEvenOutsideProduction() throws Exception {
    try (Application noMail = Application.start(TestServices.config(Map.of("LOG_FORMAT", "json")))) {
      Api anonymous = new Api(noMail.httpPort());
      String email = "json-reset-" + UUID.randomUUID() + "@example.com";
      anonymous.signedUp(email);

      HttpResponse<byte[]> ask = anonymous.postJson("/auth/password-reset", new JsonObject().put("email", email));

      assertThat(ask.statusCode()).isEqualTo(202);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> capturedText(from).contains("no link was sent"));
      assertThat(TestServices.column("SELECT count(*) FROM password_resets")).as("no link made").containsExactly("0");
    }
    assertThat(capturedText(from)).doesNotContain("#reset=");
    assertThat(lines(from)).extracting(l -> l.getString("message"))
        .anySatisfy(m -> assertThat(m).contains("password reset links: off"));
  }

  private String resetByMail(Api anonymous, String email) throws Exception {
    HttpResponse<byte[]> ask = anonymous.postJson("/auth/password-reset", new JsonObject().put("email", email));
    assertThat(ask.statusCode()).isEqualTo(202);
    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !smtp.mails().isEmpty());
    Matcher link = LINK.matcher(smtp.mails().get(0).body());
    assertThat(link.find()).as("a link in the mail").isTrue();
    return link.group(1);
  }

  /** What stderr got from byte {@code from} on, line by line, each of which must be a JSON object. */
  private static List<JsonObject> lines(int from) {
    List<JsonObject> out = new ArrayList<>();
    for (String line : capturedText(from).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        out.add(new JsonObject(line));
      } catch (DecodeException e) {
        throw new AssertionError("not one JSON object: " + line, e);
      }
    }
    assertThat(out).as("lines logged").isNotEmpty();
    return out;
  }

  private static String capturedText(int from) {
    synchronized (captured) {
      byte[] all = captured.toByteArray();
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
  }

  /**
   * The test database's URL with a password in it, so that the check can fail: the embedded
   * PostgreSQL trusts local connections and ignores it; the machine's comes with its own.
   */
  private static String databaseUrlWithPassword() throws Exception {
    String url = TestServices.databaseUrl();
    String password = Migrations.DbUrl.parse(url).password();
    if (password != null) {
      databasePassword = password;
      return url;
    }
    databasePassword = "db-p4ss-" + UUID.randomUUID();
    URI u = URI.create(url);
    return u.getScheme() + "://" + (u.getUserInfo() == null ? "postgres" : u.getUserInfo()) + ":" + databasePassword
        + "@" + u.getHost() + ":" + u.getPort() + u.getRawPath();
  }
}
