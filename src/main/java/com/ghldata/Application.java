package com.ghldata;

import com.ghldata.accounts.AccountsVerticle;
import com.ghldata.accounts.JwtKeys;
import com.ghldata.config.AppConfig;
import com.ghldata.config.AppConfig.Role;
import com.ghldata.infra.ClusteredVertx;
import com.ghldata.infra.EmbeddedServices;
import com.ghldata.infra.Migrations;
import com.ghldata.jobs.JobStoreVerticle;
import com.ghldata.web.HttpVerticle;
import com.ghldata.worker.ConversionToolsVerticle;
import com.ghldata.worker.ConversionVerticle;
import com.ghldata.worker.WorkerSlots;
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

  private final AppConfig config;
  private final EmbeddedServices embedded = new EmbeddedServices();
  private Vertx vertx;
  private HttpVerticle http;
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
    vertx = await(ClusteredVertx.start(config.cluster()));
    if (config.cluster().enabled()) {
      LOG.info("joined cluster {} as {}:{}", config.cluster().name(), config.cluster().host(), config.cluster().port());
    }
    if (config.roles().contains(Role.STORE)) {
      await(vertx.deployVerticle(new JobStoreVerticle(config, databaseUrl)));
      await(vertx.deployVerticle(new AccountsVerticle(databaseUrl, 4, config.passwordReset().minutes())));
    }
    if (config.roles().contains(Role.WORKER)) {
      String node = nodeName();
      int workers = config.workerInstances();
      WorkerSlots slots = new WorkerSlots(Runtime.getRuntime().availableProcessors());
      // The configured workers take any job; one more, the express worker, only files of one chunk.
      int pool = workers + 1;
      await(vertx.deployVerticle(() -> new ConversionVerticle(node, config.jobPollSeconds(), slots, pool),
          new DeploymentOptions().setInstances(workers)));
      await(vertx.deployVerticle(ConversionVerticle.express(node, config.jobPollSeconds(), slots, pool)));
    }
    if (config.roles().contains(Role.HTTP)) {
      await(vertx.deployVerticle(new ConversionToolsVerticle()));
      http = new HttpVerticle(config, redisUrl, JwtKeys.resolve(config.security(), config.dataDir()));
      await(vertx.deployVerticle(http));
      LOG.info("GHL Data is ready on {}://localhost:{} ({} env, roles {}, {} ms)",
          config.security().tls() ? "https" : "http", http.port(),
          config.env().name().toLowerCase(), config.roles(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  public int httpPort() {
    return http.port();
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

  @Override
  public void close() {
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
