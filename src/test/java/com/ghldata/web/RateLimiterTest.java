package com.ghldata.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ghldata.TestServices;
import com.ghldata.infra.EmbeddedServices;
import com.ghldata.web.RateLimiter.Decision;
import com.ghldata.web.RateLimiter.Limit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The limiter against a real Redis: budgets, sharing between nodes, hostile keys, outages, the HTTP handler. */
@Tag("services")
@ExtendWith(VertxExtension.class)
class RateLimiterTest {
  private Vertx vertx;
  private Redis redis;
  private RateLimiter limiter;

  @BeforeEach
  void connect(Vertx vertx) throws Exception {
    this.vertx = vertx;
    redis = Redis.createClient(vertx, TestServices.redisUrl());
    // Connected and warm before the first check, whose budget is the one-second timeout.
    redis(Command.PING);
    limiter = new RateLimiter(redis);
  }

  @Test
  void allowsTheBudgetCountingDownThenDeniesWithARetryAfter() throws Exception {
    Limit limit = limit(5, Duration.ofMinutes(1));

    for (int i = 0; i < 5; i++) {
      Decision d = await(limiter.check(limit, "client"));
      assertThat(d.allowed()).as("request %d", i + 1).isTrue();
      assertThat(d.failedOpen()).isFalse();
      assertThat(d.limit()).isEqualTo(5);
      assertThat(d.remaining()).isEqualTo(4 - i);
    }
    Decision denied = await(limiter.check(limit, "client"));

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.failedOpen()).isFalse();
    assertThat(denied.remaining()).isZero();
    // 5 a minute: one comes back every 12 s, the whole budget in 60 s.
    assertThat(denied.retryAfterSeconds()).isBetween(11L, 12L);
    assertThat(denied.resetSeconds()).isBetween(59L, 60L);
    assertThat(limiter.enforcing()).isTrue();
  }

  @Test
  void twoNodesWithTheirOwnClientsShareOneBudget() throws Exception {
    RateLimiter nodeA = limiter;
    RateLimiter nodeB = new RateLimiter(Redis.createClient(vertx, TestServices.redisUrl()));
    Limit limit = limit(4, Duration.ofMinutes(1));

    List<Integer> remaining = new ArrayList<>();
    for (RateLimiter node : List.of(nodeA, nodeB, nodeA, nodeB)) {
      Decision d = await(node.check(limit, "client"));
      assertThat(d.allowed()).isTrue();
      remaining.add(d.remaining());
    }

    assertThat(remaining).containsExactly(3, 2, 1, 0);
    assertThat(await(nodeA.check(limit, "client")).allowed()).isFalse();
    assertThat(await(nodeB.check(limit, "client")).allowed()).isFalse();
  }

  @Test
  void theBudgetComesBackAfterThePeriodAndTheIdleKeyExpires() throws Exception {
    Limit limit = limit(2, Duration.ofSeconds(1));
    assertThat(await(limiter.check(limit, "client")).allowed()).isTrue();
    assertThat(await(limiter.check(limit, "client")).allowed()).isTrue();
    assertThat(await(limiter.check(limit, "client")).allowed()).isFalse();

    await(vertx.timer(1_050));

    assertThat(redis(Command.EXISTS, bucketOf(limit, "client")).toInteger()).as("the full bucket's key expired")
        .isZero();
    Decision again = await(limiter.check(limit, "client"));
    assertThat(again.allowed()).isTrue();
    assertThat(again.remaining()).isEqualTo(1);
    assertThat(await(limiter.check(limit, "client")).allowed()).isTrue();
  }

  @Test
  void eachKeyHasItsOwnBudgetAndHostileKeysStayInTheirOwnBucket() throws Exception {
    Limit limit = limit(1, Duration.ofMinutes(1));
    String injection = "../../*\r\nFLUSHALL";
    String huge = "a".repeat(10 * 1024);

    for (String key : List.of("alice", "bob", injection, huge)) {
      assertThat(await(limiter.check(limit, key)).allowed()).as("first request of %.20s", key).isTrue();
    }
    for (String key : List.of("alice", "bob", injection, huge)) {
      assertThat(await(limiter.check(limit, key)).allowed()).as("second request of %.20s", key).isFalse();
    }

    List<String> stored = new ArrayList<>();
    redis(Command.KEYS, RateLimiter.KEY_PREFIX + limit.name() + ":*").forEach(r -> stored.add(r.toString()));
    assertThat(stored).hasSize(4)
        .allSatisfy(k -> assertThat(k).matches("ghl:rl:" + limit.name() + ":[A-Za-z0-9:._-]{1,100}"))
        .contains(bucketOf(limit, "alice"), bucketOf(limit, "bob"));
  }

  @Test
  void anUnreachableRedisLetsRequestsThroughAndWarnsOnce() throws Exception {
    RateLimiter cut = new RateLimiter(Redis.createClient(vertx, "redis://127.0.0.1:1"));
    Limit limit = limit(1, Duration.ofMinutes(1));
    ListAppender<ILoggingEvent> log = captureLog();
    try {
      long start = System.nanoTime();
      Decision first = await(cut.check(limit, "client"));
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Decision second = await(cut.check(limit, "client"));
      Decision third = await(cut.check(limit, "client"));

      assertThat(tookMs).isLessThan(1_500);
      assertThat(List.of(first, second, third)).allSatisfy(d -> {
        assertThat(d.allowed()).isTrue();
        assertThat(d.failedOpen()).isTrue();
      });
      assertThat(cut.enforcing()).isFalse();
      assertThat(events(log, Level.WARN)).containsExactly("rate limits are not enforced: Redis unavailable");
    } finally {
      releaseLog(log);
    }
  }

  @Test
  void aRedisThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
    // Accepts connections and never says a word: the check must not hang the request.
    NetServer silent = await(vertx.createNetServer().connectHandler(socket -> {}).listen(0, "127.0.0.1"));
    RateLimiter stuck = new RateLimiter(Redis.createClient(vertx, "redis://127.0.0.1:" + silent.actualPort()));

    long start = System.nanoTime();
    Decision d = await(stuck.check(limit(1, Duration.ofMinutes(1)), "client"));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(d.allowed()).isTrue();
    assertThat(d.failedOpen()).isTrue();
    assertThat(tookMs).isBetween(RateLimiter.TIMEOUT.toMillis() - 50, 1_500L);
    assertThat(stuck.enforcing()).isFalse();
  }

  @Test
  void limitsAreEnforcedAgainByThemselvesWhenRedisComesBack() throws Exception {
    ListAppender<ILoggingEvent> log = captureLog();
    try (EmbeddedServices own = new EmbeddedServices()) {
      RateLimiter ownLimiter = new RateLimiter(Redis.createClient(vertx, own.startRedis()));
      Limit limit = limit(2, Duration.ofMinutes(1));
      assertThat(await(ownLimiter.check(limit, "client")).allowed()).isTrue();
      assertThat(await(ownLimiter.check(limit, "client")).allowed()).isTrue();
      assertThat(await(ownLimiter.check(limit, "client")).allowed()).isFalse();

      own.stopRedis();
      Decision during = await(ownLimiter.check(limit, "client"));
      assertThat(during.allowed()).isTrue();
      assertThat(during.failedOpen()).isTrue();
      assertThat(ownLimiter.enforcing()).isFalse();

      // The Redis that comes back is empty, its script cache too: the limiter must get by with EVAL.
      own.restartRedis();
      Decision after = await(ownLimiter.check(limit, "client"));
      assertThat(after.failedOpen()).isFalse();
      assertThat(after.allowed()).isTrue();
      assertThat(after.remaining()).isEqualTo(1);
      assertThat(ownLimiter.enforcing()).isTrue();
      assertThat(await(ownLimiter.check(limit, "client")).allowed()).isTrue();
      assertThat(await(ownLimiter.check(limit, "client")).allowed()).isFalse();

      assertThat(events(log, Level.WARN)).containsExactly("rate limits are not enforced: Redis unavailable");
      assertThat(events(log, Level.INFO)).containsExactly("rate limits enforced again");
    } finally {
      releaseLog(log);
    }
  }

  @Test
  void theHandlerPutsTheHeadersAndDeniesWithAProblem() throws Exception {
    Router router = Router.router(vertx);
    router.get("/limited").handler(limiter.handler(limit(2, Duration.ofMinutes(1)), rc -> "client"))
        .handler(rc -> rc.end("ok"));
    router.route().failureHandler(Problems::handle);
    WebClient client = client(router);

    HttpResponse<Buffer> first = await(client.get("/limited").send());
    HttpResponse<Buffer> second = await(client.get("/limited").send());
    HttpResponse<Buffer> third = await(client.get("/limited").send());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.bodyAsString()).isEqualTo("ok");
    assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("2");
    assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo("1");
    assertThat(Long.parseLong(first.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
    assertThat(first.getHeader("Retry-After")).isNull();
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.getHeader("RateLimit-Remaining")).isEqualTo("0");

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.getHeader("RateLimit-Remaining")).isEqualTo("0");
    assertThat(third.getHeader("RateLimit-Limit")).isEqualTo("2");
    long retryAfter = Long.parseLong(third.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 30L);
    assertThat(third.getHeader("Content-Type")).startsWith(Problems.CONTENT_TYPE);
    JsonObject problem = third.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(429);
    assertThat(problem.getString("code")).isEqualTo("rate_limited");
    assertThat(problem.getString("detail")).isEqualTo("Too many requests; try again in " + retryAfter + " s.");
    assertThat(problem.getLong("seconds")).as("the wait, as a member").isEqualTo(retryAfter);
  }

  @Test
  void theHandlerSkipsRequestsWithoutAKey() throws Exception {
    Router router = Router.router(vertx);
    router.get("/open").handler(limiter.handler(limit(1, Duration.ofMinutes(1)), rc -> null))
        .handler(rc -> rc.end("ok"));
    WebClient client = client(router);

    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> r = await(client.get("/open").send());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("RateLimit-Limit")).isNull();
    }
  }

  @Test
  void anAllowedRequestKeepsItsBodyForABodyHandlerAfterTheLimiter() throws Exception {
    // vertx-web orders a BodyHandler before user handlers on one route; on a route of its own the
    // limiter runs first, so that a refused upload is never read.
    Router router = Router.router(vertx);
    router.route("/echo").handler(limiter.handler(limit(5, Duration.ofMinutes(1)), rc -> "client"));
    router.post("/echo").handler(BodyHandler.create()).handler(rc -> rc.end(rc.body().asString()));
    router.route().failureHandler(Problems::handle);

    HttpResponse<Buffer> r = await(client(router).post("/echo").sendBuffer(Buffer.buffer("hello contacts")));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("hello contacts");
  }

  @Test
  void theScriptShaIsTheOneRedisGivesIt() throws Exception {
    assertThat(redis(Command.SCRIPT, "LOAD", RateLimiter.SCRIPT).toString()).isEqualTo(RateLimiter.SCRIPT_SHA);
  }

  /** A limit of its own for each test, so that tests never share a bucket. */
  private static Limit limit(int requests, Duration period) {
    return new Limit("test-" + UUID.randomUUID(), requests, period);
  }

  private static String bucketOf(Limit limit, String key) {
    return "ghl:rl:" + limit.name() + ":" + key;
  }

  private Response redis(Command command, String... args) throws Exception {
    Request request = Request.cmd(command);
    for (String arg : args) {
      request.arg(arg);
    }
    return await(redis.send(request));
  }

  /** A client whose requests go to {@code router} on a free port. */
  private WebClient client(Router router) throws Exception {
    int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    return WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private static ListAppender<ILoggingEvent> captureLog() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger().addAppender(appender);
    return appender;
  }

  private static void releaseLog(ListAppender<ILoggingEvent> appender) {
    logger().detachAppender(appender);
  }

  private static ch.qos.logback.classic.Logger logger() {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RateLimiter.class);
  }

  /** The messages logged at {@code level}, up to their parenthesised detail. */
  private static List<String> events(ListAppender<ILoggingEvent> log, Level level) {
    return log.list.stream().filter(e -> e.getLevel() == level)
        .map(e -> e.getFormattedMessage().replaceFirst("(?s) \\(.*$", "")).toList();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(5, TimeUnit.SECONDS);
  }
}
