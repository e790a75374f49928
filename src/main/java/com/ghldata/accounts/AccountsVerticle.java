package com.ghldata.accounts;

import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import com.ghldata.bus.Replies;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import com.ghldata.infra.Databases;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users: registration, password checks, lookups, on the accounts.* addresses. Runs beside the job
 * store (it owns the users table); argon2id runs on a small worker pool of its own so that a burst
 * of sign-ins neither blocks an event loop nor takes every worker thread.
 */
public final class AccountsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AccountsVerticle.class);
  private static final String UNAVAILABLE = "Accounts are unavailable; try again shortly.";
  private static final String USER_COLUMNS = "id, email, created_at";
  static final String INSERT = "INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3) "
      + "ON CONFLICT DO NOTHING RETURNING " + USER_COLUMNS;
  static final String BY_EMAIL = "SELECT " + USER_COLUMNS + ", password_hash FROM users WHERE lower(email) = $1";
  static final String BY_ID = "SELECT " + USER_COLUMNS + " FROM users WHERE id = $1";

  private final String databaseUrl;
  private final int poolSize;
  private Pool pool;
  private WorkerExecutor hashing;

  public AccountsVerticle(String databaseUrl, int poolSize) {
    this.databaseUrl = databaseUrl;
    this.poolSize = poolSize;
  }

  @Override
  public Future<?> start() {
    pool = Databases.pool(vertx, databaseUrl, poolSize);
    hashing = vertx.createSharedWorkerExecutor("ghl-password-hashing", Math.max(2, Runtime.getRuntime().availableProcessors()));
    EventBus bus = vertx.eventBus();
    return Future.all(
        bus.consumer(Addresses.ACCOUNTS_REGISTER, handler(this::register)).completion(),
        bus.consumer(Addresses.ACCOUNTS_LOGIN, handler(this::login)).completion(),
        bus.consumer(Addresses.ACCOUNTS_GET, handler(this::get)).completion());
  }

  @Override
  public Future<?> stop() {
    hashing.close();
    return pool.close();
  }

  private Future<JsonObject> register(JsonObject body) {
    Credentials c = Credentials.forRegistration(body);
    return hashing.executeBlocking(() -> PasswordHasher.hash(c.password()), false)
        .compose(hash -> pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), c.email(), hash)))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw Failure.of(ErrorCode.EMAIL_TAKEN, null).exception();
          }
          JsonObject user = user(rows.iterator().next());
          LOG.info("account {} registered", user.getString("id"));
          return user;
        });
  }

  private Future<JsonObject> login(JsonObject body) {
    Credentials c = Credentials.forLogin(body);
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(c.email()))
        .compose(rows -> {
          Row row = rows.rowCount() == 0 ? null : rows.iterator().next();
          String stored = row == null ? null : row.getString("password_hash");
          return hashing.executeBlocking(() -> PasswordHasher.check(c.password(), stored), false)
              .map(ok -> {
                if (!ok) {
                  throw Credentials.INVALID.exception();
                }
                return user(row);
              });
        });
  }

  private Future<JsonObject> get(JsonObject body) {
    UUID id;
    try {
      id = UUID.fromString(body.getString("id", ""));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(Failure.with(ErrorCode.NOT_FOUND, "user", Map.of()).exception());
    }
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
      if (rows.rowCount() == 0) {
        throw Failure.with(ErrorCode.NOT_FOUND, "user", Map.of()).exception();
      }
      return user(rows.iterator().next());
    });
  }

  private static JsonObject user(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("email", row.getString("email"))
        .put("created_at", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static io.vertx.core.Handler<io.vertx.core.eventbus.Message<JsonObject>> handler(
      Function<JsonObject, Future<JsonObject>> f) {
    return Replies.json(f, LOG, UNAVAILABLE);
  }
}
