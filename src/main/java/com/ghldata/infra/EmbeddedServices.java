package com.ghldata.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The zero-install default: a PostgreSQL (zonky) whose data lives under DATA_DIR/postgres and is kept
 * across restarts, and a Redis, both on free loopback ports. Blocking: call from a worker thread or
 * before Vert.x starts.
 */
public final class EmbeddedServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

  private EmbeddedPostgres postgres;
  private Path pgData;
  private int pgPort;
  private RedisServer redis;
  private int redisPort;

  /** Starts PostgreSQL with its data under {@code dataDir/postgres}; returns its postgresql:// URL. */
  public String startPostgres(Path dataDir) throws IOException {
    pgData = dataDir.toAbsolutePath().resolve("postgres");
    Files.createDirectories(pgData.getParent());
    postgres = postgres(pgData, 0);
    pgPort = postgres.getPort();
    LOG.info("embedded PostgreSQL on 127.0.0.1:{} with data in {}", pgPort, pgData);
    return "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres";
  }

  /** Stops the embedded PostgreSQL (pg_ctl stop, fast: open sessions are ended), keeping its data; tests play an outage with it. */
  public void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
      LOG.info("embedded PostgreSQL on 127.0.0.1:{} stopped", pgPort);
    }
  }

  /** Starts the stopped PostgreSQL again on its port and data directory: the same URL, the data as it was. */
  public void restartPostgres() throws IOException {
    if (pgData == null) {
      throw new IllegalStateException("restartPostgres() starts again a PostgreSQL that startPostgres() started first");
    }
    if (postgres == null) {
      postgres = postgres(pgData, pgPort);
      LOG.info("embedded PostgreSQL on 127.0.0.1:{} started again", pgPort);
    }
  }

  private static EmbeddedPostgres postgres(Path pgData, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  /** Starts a Redis bound to loopback, keeping nothing on disk; returns its redis:// URL. */
  public String startRedis() throws IOException {
    redisPort = freePort();
    redis = RedisServer.newRedisServer()
        .port(redisPort)
        .bind("127.0.0.1")
        .setting("save \"\"")
        .setting("appendonly no")
        .onShutdownForceStop(true)
        .build();
    redis.start();
    LOG.info("embedded Redis on 127.0.0.1:{}", redisPort);
    return "redis://127.0.0.1:" + redisPort;
  }

  /** Stops the embedded Redis (tests use it to play an outage). */
  public void stopRedis() throws IOException {
    if (redis != null && redis.isActive()) {
      redis.stop();
    }
  }

  /** Starts the stopped Redis again on the same port (tests use it to end an outage); it comes back empty. */
  public void restartRedis() throws IOException {
    if (redis == null) {
      throw new IllegalStateException("restartRedis() starts again a Redis that startRedis() started first");
    }
    redis.start();
    LOG.info("embedded Redis on 127.0.0.1:{} started again", redisPort);
  }

  @Override
  public void close() {
    try {
      stopRedis();
    } catch (IOException e) {
      LOG.warn("embedded Redis did not stop cleanly", e);
    }
    try {
      stopPostgres();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
      postgres = null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
