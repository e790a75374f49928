package com.ghldata.web;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request limits that every node shares: one bucket per limit and client key in Redis, updated by
 * one atomic Lua script. When Redis cannot be asked the request passes (fails open), so an outage
 * of the limiter never becomes an outage of the API.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  /** How long a check waits for Redis before it lets the request through. */
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  static final String KEY_PREFIX = "ghl:rl:";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,50}");
  private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9:._-]{1,100}");
  /** Starts every hashed key, and no raw one: a client cannot pick a key that collides with a hash. */
  private static final String HASHED = "sha256-";

  /*
   * GCRA (generic cell rate algorithm). A bucket is one number, its theoretical arrival time (TAT):
   * each allowed request pushes it on by the emission interval T = period / requests. A request is
   * allowed while the pushed TAT stays within one period (requests x T, the burst) of now. So a full
   * bucket takes `requests` at once, then one more every T. Once the TAT falls behind now the bucket
   * is full again, which is when its key expires. The clock is Redis TIME, so all nodes agree.
   *
   * KEYS[1] the bucket, ARGV[1] T in microseconds, ARGV[2] requests.
   * Returns {allowed 1|0, remaining, ms until the bucket is full, ms until a request is allowed (0 if allowed)}.
   */
  static final String SCRIPT = """
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
      local interval = tonumber(ARGV[1])
      local burst = interval * tonumber(ARGV[2])
      local tat = math.max(tonumber(redis.call('GET', KEYS[1])) or now, now)
      local next_tat = tat + interval
      local allowed_at = next_tat - burst
      if now < allowed_at then
        return {0, 0, math.ceil((tat - now) / 1000), math.ceil((allowed_at - now) / 1000)}
      end
      local full_in = math.ceil((next_tat - now) / 1000)
      redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', full_in)
      return {1, math.floor((now - allowed_at) / interval), full_in, 0}
      """;
  /** What SCRIPT LOAD answers for the script, known without asking. */
  static final String SCRIPT_SHA = sha1(SCRIPT);

  /** A named limit: at most {@code requests} per {@code period}, bursts up to {@code requests}. */
  public record Limit(String name, int requests, Duration period) {
    public Limit {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("A limit name is 1 to 50 letters, digits, '.', '_' or '-' (it goes into a "
            + "Redis key), not: " + name);
      }
      if (requests < 1) {
        throw new IllegalArgumentException("A limit allows at least one request per period, not " + requests);
      }
      if (period == null || period.toNanos() / 1000 < requests) {
        throw new IllegalArgumentException("The period of a limit leaves at least a microsecond per request, not "
            + period + " for " + requests);
      }
    }

    /** What the limit guards, for the metrics: the name up to its first '-' (auth, uploads, reads). */
    String family() {
      int dash = name.indexOf('-');
      return dash > 0 ? name.substring(0, dash) : name;
    }

    long intervalMicros() {
      return period.toNanos() / 1000 / requests;
    }
  }

  /** Outcome of one check. failedOpen = Redis could not be asked and the request was let through. */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds,
      boolean failedOpen) {}

  private final Redis redis;
  private final AtomicBoolean enforcing = new AtomicBoolean(true);

  private final MeterRegistry registry;

  /** Uses an existing client and does not close it. */
  public RateLimiter(Redis redis) {
    this(redis, new SimpleMeterRegistry());
  }

  /** Also counts the requests refused, by limit, as {@code ghl_rate_limited_total{limit=...}}. */
  public RateLimiter(Redis redis, MeterRegistry registry) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** False while Redis is unavailable and requests pass unchecked. */
  public boolean enforcing() {
    return enforcing.get();
  }

  /** Never fails: when Redis errors or does not answer within {@link #TIMEOUT}, the request is allowed. */
  public Future<Decision> check(Limit limit, String key) {
    Objects.requireNonNull(limit, "limit");
    String bucket = bucket(limit, Objects.requireNonNull(key, "key"));
    return run(bucket, limit)
        .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(reply -> enforced(limit, reply))
        .otherwise(failure -> failedOpen(limit, failure));
  }

  /**
   * Adds RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (and Retry-After when denied), in
   * whole seconds. A failed-open decision adds none: nothing is known about the budget then.
   */
  public static void putHeaders(HttpServerResponse response, Decision d) {
    if (d.failedOpen()) {
      return;
    }
    response.putHeader("RateLimit-Limit", Integer.toString(d.limit()))
        .putHeader("RateLimit-Remaining", Integer.toString(d.remaining()))
        .putHeader("RateLimit-Reset", Long.toString(d.resetSeconds()));
    if (!d.allowed()) {
      response.putHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
    }
  }

  /**
   * Checks {@code limit} for the key of each request (a null key skips the check) and puts the
   * headers; a denied request fails with {@link ErrorCode#RATE_LIMITED} for the failure handler.
   */
  public Handler<RoutingContext> handler(Limit limit, Function<RoutingContext, String> key) {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(key, "key");
    return rc -> {
      String k = key.apply(rc);
      if (k == null) {
        rc.next();
        return;
      }
      // The check is asynchronous: hold the body back for a BodyHandler on a later route.
      HttpServerRequest request = rc.request();
      boolean paused = !request.isEnded();
      if (paused) {
        request.pause();
      }
      check(limit, k).onSuccess(d -> {
        if (paused) {
          request.resume();
        }
        putHeaders(rc.response(), d);
        if (d.allowed()) {
          rc.next();
        } else {
          Counter.builder("ghl.rate.limited").description("Requests refused by a rate limit")
              .tag("limit", limit.family()).register(registry).increment();
          rc.fail(Failure.with(ErrorCode.RATE_LIMITED, "retry_after", Map.of("seconds", d.retryAfterSeconds()))
              .exception());
        }
      });
    };
  }

  private Future<Response> run(String bucket, Limit limit) {
    return redis.send(script(Command.EVALSHA, SCRIPT_SHA, bucket, limit))
        // A new or restarted Redis has no scripts: EVAL runs it and caches it for the next EVALSHA.
        .recover(e -> isNoScript(e)
            ? redis.send(script(Command.EVAL, SCRIPT, bucket, limit))
            : Future.failedFuture(e));
  }

  private static Request script(Command command, String script, String bucket, Limit limit) {
    return Request.cmd(command).arg(script).arg(1).arg(bucket).arg(limit.intervalMicros()).arg(limit.requests());
  }

  private static boolean isNoScript(Throwable e) {
    return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
  }

  private Decision enforced(Limit limit, Response reply) {
    boolean allowed = reply.get(0).toInteger() == 1;
    long retryAfter = allowed ? 0 : Math.max(1, seconds(reply.get(3).toLong()));
    Decision d = new Decision(allowed, limit.requests(), reply.get(1).toInteger(), seconds(reply.get(2).toLong()),
        retryAfter, false);
    if (enforcing.compareAndSet(false, true)) {
      LOG.info("rate limits enforced again");
    }
    return d;
  }

  private Decision failedOpen(Limit limit, Throwable failure) {
    if (enforcing.compareAndSet(true, false)) {
      LOG.warn("rate limits are not enforced: Redis unavailable ({})", failure.toString());
    }
    return new Decision(true, limit.requests(), limit.requests(), 0, 0, true);
  }

  /**
   * The Redis key of a bucket. Keys come from clients (addresses, user ids): anything outside a
   * small safe alphabet, or long, is replaced by its SHA-256, so no key can reach beyond its limit.
   */
  static String bucket(Limit limit, String key) {
    boolean raw = SAFE_KEY.matcher(key).matches() && !key.startsWith(HASHED);
    return KEY_PREFIX + limit.name() + ":" + (raw ? key : HASHED + sha256(key));
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }

  private static String sha1(String text) {
    return hex("SHA-1", text);
  }

  private static String sha256(String text) {
    return hex("SHA-256", text);
  }

  private static String hex(String algorithm, String text) {
    try {
      byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }
}
