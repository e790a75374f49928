package com.ghldata.infra;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The one way the app opens PostgreSQL: a pool that retries a dropped connection briefly. */
public final class Databases {
  private Databases() {}

  public static Pool pool(Vertx vertx, String databaseUrl, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize))
        .connectingTo(PgConnectOptions.fromUri(databaseUrl).setReconnectAttempts(2).setReconnectInterval(500))
        .using(vertx)
        .build();
  }
}
