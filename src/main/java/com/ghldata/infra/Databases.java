package com.ghldata.infra;

import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * The one way the app opens PostgreSQL: a pool that retries a dropped connection briefly and never
 * lets a request wait long for a connection, so that a database that is away answers every request
 * within seconds ({@link #unavailable} tells that failure from the others).
 */
public final class Databases {
  /** Connecting to a server that does not answer (not one that refuses: that fails at once). */
  static final int CONNECT_TIMEOUT_MS = 5_000;
  /** The longest a request waits for a connection of the pool before it is answered 503. */
  static final int POOL_WAIT_SECONDS = 10;
  /** Requests queued for a connection, per connection of the pool, beyond which they are refused at once. */
  static final int WAITERS_PER_CONNECTION = 32;
  /**
   * SQLSTATEs that say the server is away, not that the statement is wrong: class 08 (connection
   * exception), 57P01-57P03 (terminated by a shutdown, a crash, or "the database system is shutting
   * down" / "starting up"), 53300 (too many connections).
   */
  private static final Set<String> AWAY = Set.of("57P01", "57P02", "57P03", "53300");

  private Databases() {}

  /** @param name the pool's name in the metrics (each pool its own, or one hides the other's) */
  public static Pool pool(Vertx vertx, String databaseUrl, int maxSize, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName(name)
            .setConnectionTimeout(POOL_WAIT_SECONDS)
            .setMaxWaitQueueSize(maxSize * WAITERS_PER_CONNECTION))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .connectingTo(PgConnectOptions.fromUri(databaseUrl).setReconnectAttempts(2).setReconnectInterval(500)
            .setMetricsName(name))
        .using(vertx)
        .build();
  }

  /**
   * Whether a failure of the pool means the database cannot be reached now (refused, dropped, shut
   * down, the pool's wait passed or its queue is full), rather than a fault of the statement: the
   * first is worth trying again in a moment, the second never.
   */
  public static boolean unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseException db) {
        String state = db.getSqlState();
        return state != null && (state.startsWith("08") || AWAY.contains(state));
      }
      // ConnectException covers netty's own (refused, timed out).
      if (t instanceof ClosedConnectionException || t instanceof ConnectException
          || t instanceof NoRouteToHostException || t instanceof ClosedChannelException
          || t instanceof ConnectionPoolTooBusyException || t instanceof SocketException) {
        return true;
      }
      // The pool's own wait for a connection (PoolOptions.connectionTimeout) fails with a bare "Timeout".
      if ("Timeout".equals(t.getMessage()) && t.getClass().getName().startsWith("io.vertx.core")) {
        return true;
      }
    }
    return false;
  }
}
