package com.ghldata.web;

import org.junit.jupiter.api.Tag;

import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** APP_ENV=production (with DATABASE_URL and REDIS_URL set, as production requires): no debug endpoints. */
@Tag("services")
class ProductionModeTest {
  private static Application app;
  private static Api api;

  @BeforeAll
  static void startNode() throws Exception {
    app = TestServices.start(Map.of("APP_ENV", "production"));
    api = new Api(app.httpPort());
  }

  @AfterAll
  static void stopNode() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void debugDbIsANotFoundProblemInProduction() throws Exception {
    JsonObject p = assertProblem(api.get("/debug/db"), 404, "not_found");

    assertThat(p.getString("instance")).isEqualTo("/debug/db");
    assertThat(p.encode()).as("no diagnostics leak").doesNotContain("jobs_by_status").doesNotContainIgnoringCase("postgresql");
  }

  @Test
  void theRestOfTheServiceAnswersInProduction() throws Exception {
    assertThat(json(api.get("/health/live")).getString("status")).isEqualTo("UP");
    assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
    assertThat(api.get("/jobs").statusCode()).isEqualTo(200);
  }
}
