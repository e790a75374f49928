package com.ghldata;

import com.ghldata.accounts.AccountsVerticle;
import com.ghldata.accounts.JwtKeys;
import com.ghldata.bus.ClusterView;
import com.ghldata.bus.WorkerPresence;
import com.ghldata.config.AppConfig;
import com.ghldata.config.AppConfig.Role;
import com.ghldata.infra.ClusteredVertx;
import com.ghldata.infra.EmbeddedServices;
import com.ghldata.infra.Migrations;
import com.ghldata.jobs.JobStoreVerticle;
import com.ghldata.web.HttpVerticle;
import com.ghldata.web.ManagementVerticle;
import com.ghldata.worker.ConversionToolsVerticle;
import com.ghldata.worker.ConversionVerticle;
import com.ghldata.worker.WorkerSlots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: embedded services when no URLs are configured, migrations, then the verticles
 * of its roles, deployed store → workers → HTTP so that nothing answers before it can serve.
 */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private static final long DEPLOY_TIMEOUT_S = 120;
  /** After the grace, how long running jobs may take to reach a progress report and hand themselves back. */
  private static final long HAND_BACK_MS = 15_000;

  private final AppConfig config;
  private final EmbeddedServices embedded = new EmbeddedServices();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String node = nodeName();
  private Vertx vertx;
  private ClusteredVertx clustered;
  private WorkerPresence presence;
  private long heartbeat = -1;
  private WorkerSlots slots;
  private HttpVerticle http;
  private ManagementVerticle management;
  private String databaseUrl;
  private String redisUrl;

  private Application(AppConfig config) {
    this.config = config;
  }

  public static Application start(AppConfig config) throws Exception {
    Application app = new Application(config);
    try {
      app.boot();
      return app;
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
  }

  private void boot() throws Exception {
    long t0 = System.nanoTime();
    if (config.roles().contains(Role.STORE)) {
      databaseUrl = config.embeddedDatabase() ? embedded.startPostgres(config.dataDir()) : config.databaseUrl();
      int applied = Migrations.migrate(databaseUrl);
      LOG.info("database ready ({} migrations applied now)", applied);
    }
    if (config.roles().contains(Role.HTTP)) {
      redisUrl = config.embeddedRedis() ? embedded.startRedis() : config.redisUrl();
    }
    registry.config().commonTags("node", node);
    clustered = await(ClusteredVertx.start(config.cluster(), registry));
    vertx = clustered.vertx();
    presence = await(WorkerPresence.listen(vertx));
    ClusterView cluster = clusterView();
    Gauge.builder("ghl.cluster.members", cluster, ClusterView::members).description("Cluster members this node sees")
        .register(registry);
    Gauge.builder("ghl.workers", cluster, ClusterView::workers).description("Worker nodes in the cluster")
        .register(registry);
    if (config.cluster().enabled()) {
      LOG.info("joined cluster {} as {}:{}", config.cluster().name(), config.cluster().host(), config.cluster().port());
    }
    if (config.roles().contains(Role.STORE)) {
      await(vertx.deployVerticle(new JobStoreVerticle(config, databaseUrl, registry)));
      await(vertx.deployVerticle(new AccountsVerticle(databaseUrl, 4, config.passwordReset().minutes())));
    }
    if (config.roles().contains(Role.WORKER)) {
      int workers = config.workerInstances();
      slots = new WorkerSlots(Runtime.getRuntime().availableProcessors());
      // The configured workers take any job; one more, the express worker, only files of one chunk.
      int pool = workers + 1;
      await(vertx.deployVerticle(() -> new ConversionVerticle(node, config.jobPollSeconds(), slots, pool, registry),
          new DeploymentOptions().setInstances(workers)));
      await(vertx.deployVerticle(ConversionVerticle.express(node, config.jobPollSeconds(), slots, pool, registry)));
      heartbeat = WorkerPresence.beat(vertx, node);
    }
    if (config.roles().contains(Role.HTTP)) {
      await(vertx.deployVerticle(new ConversionToolsVerticle()));
      http = new HttpVerticle(config, redisUrl, JwtKeys.resolve(config.security(), config.dataDir()), cluster,
          registry);
      await(vertx.deployVerticle(http));
    }
    if (config.operations().managementServer()) {
      boolean usesStore = config.roles().contains(Role.HTTP) || config.roles().contains(Role.STORE);
      management = new ManagementVerticle(config.operations(), usesStore, config.storage().s3(), http == null, cluster, registry);
      await(vertx.deployVerticle(management));
      LOG.info("health and metrics on http://{}:{}/health/ready and /metrics", config.operations().managementHost(),
          management.port());
    }
    if (http != null) {
      LOG.info("GHL Data is ready on {}://localhost:{} ({} env, roles {}, {} ms)",
          config.security().tls() ? "https" : "http", http.port(),
          config.env().name().toLowerCase(), config.roles(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  public int httpPort() {
    return http.port();
  }

  /** The management server's port (health and metrics), or -1 when MANAGEMENT_PORT=-1 turned it off. */
  public int managementPort() {
    return management == null ? -1 : management.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The cluster as readiness and the gauges see it. */
  private ClusterView clusterView() {
    return new ClusterView() {
      @Override
      public boolean clustered() {
        return config.cluster().enabled();
      }

      @Override
      public boolean member() {
        return clustered.member();
      }

      @Override
      public int members() {
        return clustered.members();
      }

      @Override
      public int workers() {
        return presence.workers();
      }
    };
  }

  public Vertx vertx() {
    return vertx;
  }

  public String databaseUrl() {
    return databaseUrl;
  }

  public String redisUrl() {
    return redisUrl;
  }

  /** Stops the embedded Redis only, to let tests play an outage. */
  public EmbeddedServices embedded() {
    return embedded;
  }

  /**
   * Stops the node as SIGTERM asks: its workers claim nothing more and finish their jobs, storing
   * the results, within SHUTDOWN_GRACE_SECONDS; a job still running then goes back to the queue
   * (its attempt not counted) for another node; then the node leaves the cluster and exits.
   */
  @Override
  public void close() {
    if (vertx != null && slots != null) {
      drainWorkers();
    }
    if (vertx != null) {
      try {
        await(vertx.close());
      } catch (Exception e) {
        LOG.warn("Vert.x did not close cleanly", e);
      }
      vertx = null;
    }
    embedded.close();
    LOG.info("GHL Data stopped");
  }

  private void drainWorkers() {
    slots.drain();
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
      WorkerPresence.leaving(vertx, node);
    }
    long graceMs = config.operations().shutdownGraceSeconds() * 1000L;
    if (slots.running() > 0) {
      LOG.info("stopping: {} job(s) running, finishing them within {} s", slots.running(), graceMs / 1000);
    }
    if (!waitForWorkers(graceMs)) {
      LOG.info("stopping: grace over, handing {} job(s) back to the queue", slots.running());
      slots.handBack();
      if (!waitForWorkers(HAND_BACK_MS)) {
        LOG.warn("stopping: {} job(s) did not hand back in time; their lease will bring them back", slots.running());
      }
    }
  }

  /** True once no job runs on this node, false when {@code ms} passed first. */
  private boolean waitForWorkers(long ms) {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (slots.running() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return slots.running() == 0;
  }

  /** This process's name: host and pid. Workers sign their claims with it; JSON log lines carry it. */
  public static String nodeName() {
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
    } catch (Exception e) {
      return "node:" + ProcessHandle.current().pid();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }
}
