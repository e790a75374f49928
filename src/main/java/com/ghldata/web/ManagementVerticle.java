package com.ghldata.web;

import com.ghldata.bus.ClusterView;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.config.Operations;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.util.Map;

/**
 * The management server on MANAGEMENT_PORT, on every node: {@code /health/live},
 * {@code /health/ready} and {@code /metrics}; the only HTTP a worker-only node serves. A node with the
 * HTTP role serves the same on its HTTP port as well, with the API's readiness checks.
 */
public final class ManagementVerticle extends VerticleBase {
  private final Operations operations;
  private final boolean usesStore;
  private final boolean storage;
  private final boolean exportChecks;
  private final ClusterView cluster;
  private final PrometheusMeterRegistry registry;
  private HttpServer server;

  /**
   * @param usesStore the node serves the API or is a store: readiness also checks the store and the queue
   * @param objectStorage files live in an S3 bucket: readiness also checks the bucket
   * @param exportChecks keep the checks' outcome in the ghl_check_* gauges (a node with the HTTP role
   *     exports its own, fuller checks instead)
   */
  public ManagementVerticle(Operations operations, boolean usesStore, boolean objectStorage, boolean exportChecks, ClusterView cluster,
      PrometheusMeterRegistry registry) {
    this.operations = operations;
    this.usesStore = usesStore;
    this.storage = objectStorage;
    this.exportChecks = exportChecks;
    this.cluster = cluster;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    HealthChecks readiness = Readiness.checks(vertx, usesStore, storage, null, cluster, operations.queueStallSeconds());
    router.get("/health/ready").handler(Readiness.handler(readiness));
    if (exportChecks) {
      Readiness.export(vertx, readiness, registry, Readiness.EXPORT_EVERY_MS);
    }
    router.get("/metrics").handler(MetricsRoute.handler(vertx, registry, operations.metricsToken()));
    router.route().handler(rc -> Problems.send(rc, Failure.with(ErrorCode.NOT_FOUND, "route", Map.of())));
    return vertx.createHttpServer().requestHandler(router)
        .listen(operations.managementPort(), operations.managementHost())
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (MANAGEMENT_PORT=0 picks a free one). */
  public int port() {
    return server.actualPort();
  }
}
