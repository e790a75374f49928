package com.ghldata.web;

import org.junit.jupiter.api.Tag;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
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
  void theRestOfTheServiceAnswersInProduction() throws Exception {
    assertThat(json(node.api().get("/health/live")).getString("status")).isEqualTo("UP");
    assertThat(node.api().get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(node.api().get("/jobs").statusCode()).isEqualTo(200);
  }
}
