package com.ghldata.web;

import org.junit.jupiter.api.Tag;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ghldata.TestServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** APP_ENV=production (with DATABASE_URL and REDIS_URL set, as production requires): no debug endpoints. */
@Tag("services")
class ProductionModeTest {
  @RegisterExtension
  static final TestNode node = new TestNode(Map.of("APP_ENV", "production"));

  @Test
  void debugDbIsANotFoundProblemInProduction() throws Exception {
    JsonObject p = assertProblem(node.api().get("/debug/db"), 404, "not_found");

    assertThat(p.getString("instance")).isEqualTo("/debug/db");
    assertThat(p.encode()).as("no diagnostics leak").doesNotContain("jobs_by_status").doesNotContainIgnoringCase("postgresql");
  }

  @Test
  void withoutSmtpAResetLinkIsNeitherMadeNorLogged() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      String email = json(node.api().get("/me")).getString("email");

      HttpResponse<byte[]> r = node.anonymous().postJson("/auth/password-reset", new JsonObject().put("email", email));

      assertThat(r.statusCode()).isEqualTo(202);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.list.stream()
          .anyMatch(e -> e.getFormattedMessage().contains("SMTP_URL is not set")));
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("#reset="));
    assertThat(TestServices.column("SELECT count(*) FROM password_resets")).containsExactly("0");
  }

  @Test
  void theRestOfTheServiceAnswersInProduction() throws Exception {
    assertThat(json(node.api().get("/health/live")).getString("status")).isEqualTo("UP");
    assertThat(node.api().get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(node.api().get("/jobs").statusCode()).isEqualTo(200);
  }
}
