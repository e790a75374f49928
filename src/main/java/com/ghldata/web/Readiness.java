package com.ghldata.web;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ClusterView;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * What a load balancer needs to know: 200 while the node can serve, with what is degraded in the
 * body; 503 (with Retry-After) only for what stops it: the job store unreachable for a node that
 * serves the API, the cluster lost for a clustered node, a queue no worker has taken from for
 * QUEUE_STALL_SECONDS. Redis down is degraded, not down: rate limits then fail open.
 */
final class Readiness {
  static final int RETRY_AFTER_SECONDS = 5;
  /** How often the checks run for the ghl_check_* gauges. */
  static final long EXPORT_EVERY_MS = 10_000;
  private static final long TIMEOUT_MS = 3_000;

  private Readiness() {}

  /**
   * @param usesStore the node serves the API or is a store: it needs the job store (its database,
   *     over the bus) and watches the queue
   * @param objectStorage files live in an S3 bucket (STORAGE=s3): the store node checks it can reach it
   * @param redis the rate limits' Redis, or null where none is used
   */
  static HealthChecks checks(Vertx vertx, boolean usesStore, boolean objectStorage, Redis redis, ClusterView cluster,
      int stallSeconds) {
    HealthChecks checks = HealthChecks.create(vertx);
    if (usesStore) {
      checks.register("database", TIMEOUT_MS, p -> vertx.eventBus().<JsonObject>request(Addresses.JOBS_PING, new JsonObject())
          .onSuccess(m -> p.complete(Status.OK()))
          .onFailure(e -> p.complete(Status.KO(new JsonObject().put("error", e.getMessage())))));
      checks.register("queue", TIMEOUT_MS, p -> vertx.eventBus().<JsonObject>request(Addresses.JOBS_PING, new JsonObject())
          .onSuccess(m -> {
            double oldest = m.body().getDouble("oldest_queued_seconds", 0.0);
            JsonObject data = new JsonObject().put("oldest_queued_seconds", oldest).put("stall_seconds", stallSeconds);
            p.complete(oldest > stallSeconds ? Status.KO(data.put("reason", "the oldest queued job has waited "
                + Math.round(oldest) + " s, more than QUEUE_STALL_SECONDS: no worker is taking jobs")) : Status.OK(data));
          })
          .onFailure(e -> p.complete(Status.KO(new JsonObject().put("error", e.getMessage())))));
    }
    if (usesStore && objectStorage) {
      // Answered by a store node (it holds the S3 client): uploads and downloads need the bucket.
      checks.register("storage", TIMEOUT_MS, p -> vertx.eventBus().<JsonObject>request(Addresses.JOBS_PING,
              new JsonObject().put("storage", true))
          .onSuccess(m -> p.complete(Status.OK(m.body())))
          .onFailure(e -> p.complete(Status.KO(new JsonObject().put("error", e.getMessage())
              .put("effect", "uploads and downloads fail until the bucket is reachable")))));
    }
    if (redis != null) {
      checks.register("redis", TIMEOUT_MS, p -> redis.send(Request.cmd(Command.PING))
          .onSuccess(r -> p.complete(Status.OK()))
          .onFailure(e -> p.complete(Status.OK(new JsonObject().put("degraded", true)
              .put("error", String.valueOf(e.getMessage()))
              .put("effect", "rate limits are not enforced until Redis is back")))));
    }
    checks.register("cluster", TIMEOUT_MS, p -> {
      JsonObject data = new JsonObject().put("clustered", cluster.clustered()).put("member", cluster.member())
          .put("members", cluster.members()).put("workers", cluster.workers());
      if (cluster.workers() == 0) {
        data.put("degraded", true).put("effect", "no worker node is in the cluster: jobs wait in the queue");
      }
      p.complete(cluster.member() ? Status.OK(data) : Status.KO(data.put("reason", "this node is not in its cluster")));
    });
    return checks;
  }

  /**
   * Runs the checks every {@code periodMs} and keeps their outcome in the gauges
   * {@code ghl_check_up{check}} (1 up, 0 down) and {@code ghl_check_degraded{check}}, for alerts
   * on a database or Redis that is away; the answer is the timer.
   */
  static long export(Vertx vertx, HealthChecks checks, MeterRegistry registry, long periodMs) {
    Map<String, AtomicInteger> up = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> degraded = new ConcurrentHashMap<>();
    return vertx.setPeriodic(0, periodMs, id -> checks.invoke(result -> {
      JsonArray list = result.getJsonArray("checks", new JsonArray());
      for (Object o : list) {
        JsonObject check = (JsonObject) o;
        String name = check.getString("id");
        JsonObject data = check.getJsonObject("data", new JsonObject());
        gauge(registry, up, "ghl.check.up", "1 when the readiness check passes", name)
            .set("UP".equals(check.getString("status")) ? 1 : 0);
        gauge(registry, degraded, "ghl.check.degraded", "1 when the check passes but the node runs degraded", name)
            .set(data.getBoolean("degraded", false) ? 1 : 0);
      }
    }));
  }

  private static AtomicInteger gauge(MeterRegistry registry, Map<String, AtomicInteger> values, String name,
      String description, String check) {
    return values.computeIfAbsent(check, k -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(name, value, AtomicInteger::get).description(description).tag("check", k).register(registry);
      return value;
    });
  }

  /** The health-check handler, with Retry-After on a 503. */
  static Handler<RoutingContext> handler(HealthChecks checks) {
    HealthCheckHandler handler = HealthCheckHandler.createWithHealthChecks(checks);
    return rc -> {
      rc.addHeadersEndHandler(v -> {
        if (rc.response().getStatusCode() == 503) {
          rc.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
      });
      handler.handle(rc);
    };
  }
}
