package com.ghldata.web;

import static com.ghldata.web.Api.PASSWORD;
import static com.ghldata.web.Api.assertProblem;
import static com.ghldata.web.Api.credentials;
import static com.ghldata.web.Api.header;
import static com.ghldata.web.JobApiTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.infra.EmbeddedServices;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis rate limits through the whole stack: brute force on sign-in, uploads and reads per user,
 * one budget across nodes, and failing open while Redis is down.
 */
@Tag("services")
class RateLimitTest {
  static final Map<String, String> LIMITS = Map.of(
      "RATE_LIMIT_AUTH", "5/1m", "RATE_LIMIT_UPLOADS", "3/1m", "RATE_LIMIT_READS", "20/1m", "TRUST_PROXY", "true");

  @RegisterExtension
  static final TestNode node = new TestNode(LIMITS);

  @Test
  void bruteForceOnSignInHits429AndEvenTheRightPasswordWaits() throws Exception {
    String email = "victim-" + UUID.randomUUID() + "@example.com";
    String ip = freshIp();
    // The account exists (registered from another address, which has its own budget).
    login(node.api(), freshIp(), "/auth/register", email, PASSWORD);

    for (int i = 0; i < 5; i++) {
      HttpResponse<byte[]> r = login(node.api(), ip, "/auth/login", email, "guess number " + i);
      assertProblem(r, 401, "invalid_credentials");
      assertThat(header(r, "RateLimit-Limit")).isEqualTo("5");
      assertThat(header(r, "RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
    }
    HttpResponse<byte[]> blocked = login(node.api(), ip, "/auth/login", email, "guess number 6");
    JsonObject p = assertProblem(blocked, 429, "rate_limited");
    assertThat(p.getString("detail")).contains("try again in");
    assertThat(Long.parseLong(header(blocked, "Retry-After"))).isBetween(1L, 60L);
    assertThat(header(blocked, "RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(header(blocked, "RateLimit-Reset"))).isBetween(1L, 60L);
    assertProblem(login(node.api(), ip, "/auth/login", email, PASSWORD), 429, "rate_limited");
    assertProblem(login(node.api(), ip, "/auth/register", "new-" + email, PASSWORD), 429, "rate_limited");

    assertThat(login(node.api(), freshIp(), "/auth/login", email, PASSWORD).statusCode())
        .as("another address is not held back").isEqualTo(200);
  }

  @Test
  void uploadsAreLimitedPerUser() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> r = node.api().upload("u" + i + ".csv", golden("generic-pt.csv"));
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(header(r, "RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
    }
    HttpResponse<byte[]> fourth = node.api().upload("u3.csv", golden("generic-pt.csv"));

    assertProblem(fourth, 429, "rate_limited");
    assertThat(header(fourth, "Retry-After")).isNotNull();
    assertThat(Api.json(node.api().get("/jobs")).getLong("total")).as("the refused upload was not stored").isEqualTo(3L);
    assertThat(node.anonymous().signedUp().upload("other.csv", golden("generic-pt.csv")).statusCode())
        .as("another user has a budget of its own").isEqualTo(202);
  }

  @Test
  void readsAreLimitedPerUser() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(node.api().get("/jobs").statusCode()).isEqualTo(200);
    }

    assertProblem(node.api().get("/jobs"), 429, "rate_limited");
    assertProblem(node.api().get("/me"), 429, "rate_limited");
    assertThat(node.anonymous().get("/health/live").statusCode()).as("probes are never limited").isEqualTo(200);
  }

  @Test
  void nodesSharingRedisShareOneBudget() throws Exception {
    Application second = TestServices.start(LIMITS);
    try {
      Api other = node.api().on(second.httpPort());
      String ip = freshIp();
      String email = "shared-" + UUID.randomUUID() + "@example.com";
      for (int i = 0; i < 5; i++) {
        assertProblem(login(i % 2 == 0 ? node.api() : other, ip, "/auth/login", email, "guess " + i), 401,
            "invalid_credentials");
      }

      assertProblem(login(other, ip, "/auth/login", email, "guess 5"), 429, "rate_limited");
      assertProblem(login(node.api(), ip, "/auth/login", email, "guess 6"), 429, "rate_limited");
    } finally {
      second.close();
    }
  }

  @Test
  void whileRedisIsDownUploadsGoThroughAndReadinessSaysDegradedThenLimitsResume() throws Exception {
    EmbeddedServices redis = new EmbeddedServices();
    Map<String, String> config = new HashMap<>(LIMITS);
    config.put("REDIS_URL", redis.startRedis());
    Application app = TestServices.start(config);
    try {
      Api api = new Api(app.httpPort()).signedUp();
      assertThat(api.upload("before.csv", golden("generic-pt.csv")).statusCode()).isEqualTo(202);

      redis.stopRedis();
      for (int i = 0; i < 5; i++) {
        HttpResponse<byte[]> r = api.upload("outage-" + i + ".csv", golden("generic-pt.csv"));
        assertThat(r.statusCode()).as("upload %d during the outage: %s", i, Api.text(r)).isEqualTo(202);
      }
      // The node still serves (limits fail open): a balancer must keep it, so readiness stays 200 and says why.
      HttpResponse<byte[]> ready = api.get("/health/ready");
      assertThat(ready.statusCode()).as(Api.text(ready)).isEqualTo(200);
      JsonObject check = redisCheck(ready);
      assertThat(check.getString("status")).isEqualTo("UP");
      assertThat(check.getJsonObject("data").getBoolean("degraded")).isTrue();
      assertThat(check.getJsonObject("data").getString("effect")).contains("rate limits");

      redis.restartRedis();
      awaitReady(api);
      HttpResponse<byte[]> r = null;
      int accepted = 0;
      for (int i = 0; i < 5 && (r == null || r.statusCode() == 202); i++) {
        r = api.upload("after-" + i + ".csv", golden("generic-pt.csv"));
        accepted += r.statusCode() == 202 ? 1 : 0;
      }
      assertProblem(r, 429, "rate_limited");
      assertThat(accepted).as("limiting resumed with the budget Redis keeps").isBetween(1, 3);
      assertThat(Api.json(api.get("/jobs")).getLong("total")).isEqualTo(1L + 5 + accepted);
    } finally {
      app.close();
      redis.close();
    }
  }

  private static void awaitReady(Api api) {
    Awaitility.await("readiness back after Redis restarted").atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          JsonObject check = redisCheck(api.get("/health/ready"));
          return check.getJsonObject("data") == null || !check.getJsonObject("data").containsKey("degraded");
        });
  }

  private static JsonObject redisCheck(HttpResponse<byte[]> ready) {
    return new JsonObject(Api.text(ready)).getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals("redis")).findFirst().orElseThrow();
  }

  /** A client address no other test uses, given as a trusted proxy would (TRUST_PROXY=true). */
  private static String freshIp() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  private static HttpResponse<byte[]> login(Api api, String ip, String path, String email, String password)
      throws Exception {
    return api.anonymous().client().send(api.anonymous().request(path)
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", "203.0.113.9, " + ip)
        .POST(HttpRequest.BodyPublishers.ofString(credentials(email, password).encode())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
