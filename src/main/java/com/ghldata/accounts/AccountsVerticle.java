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
import com.ghldata.infra.Logging;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
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
  // Password resets: a link's token is known only by its hash; a link works once, until it expires.
  static final String PRUNE_RESETS = "DELETE FROM password_resets WHERE user_id = $1 "
      + "AND (used_at IS NOT NULL OR expires_at <= now())";
  static final String INSERT_RESET = "INSERT INTO password_resets (token_hash, user_id, expires_at) "
      + "VALUES ($1, $2, now() + make_interval(mins => $3))";
  static final String RESET_USER = "SELECT u.id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id "
      + "WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()";
  /** Burns the link, unless a concurrent use (or the clock) got there first: then no row. */
  static final String BURN_RESET = "UPDATE password_resets SET used_at = now() "
      + "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id";
  static final String SET_PASSWORD = "UPDATE users SET password_hash = $2 WHERE id = $1";
  /** A new password makes every other link of the account useless. */
  static final String BURN_OTHER_RESETS = "UPDATE password_resets SET used_at = now() "
      + "WHERE user_id = $1 AND used_at IS NULL";
  private static final Failure RESET_INVALID = Failure.of(ErrorCode.RESET_TOKEN_INVALID,
      "This link to set a new password is invalid, already used or expired; ask for a new one.");

  private final String databaseUrl;
  private final int poolSize;
  private final int resetMinutes;
  private Pool pool;
  private WorkerExecutor hashing;

  public AccountsVerticle(String databaseUrl, int poolSize, int resetMinutes) {
    this.databaseUrl = databaseUrl;
    this.poolSize = poolSize;
    this.resetMinutes = resetMinutes;
  }

  @Override
  public Future<?> start() {
    pool = Databases.pool(vertx, databaseUrl, poolSize, "accounts");
    hashing = vertx.createSharedWorkerExecutor("ghl-password-hashing", Math.max(2, Runtime.getRuntime().availableProcessors()));
    EventBus bus = vertx.eventBus();
    return Future.all(
        bus.consumer(Addresses.ACCOUNTS_REGISTER, handler(this::register)).completion(),
        bus.consumer(Addresses.ACCOUNTS_LOGIN, handler(this::login)).completion(),
        bus.consumer(Addresses.ACCOUNTS_GET, handler(this::get)).completion(),
        bus.consumer(Addresses.ACCOUNTS_RESET_REQUEST, handler(this::requestReset)).completion(),
        bus.consumer(Addresses.ACCOUNTS_RESET_CONFIRM, handler(this::confirmReset)).completion());
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
          Logging.withUser(user.getString("id"), () -> LOG.info("account {} registered", user.getString("id")));
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

  /** A fresh link for the account of this email, if there is one: {email, token}; else {}. */
  private Future<JsonObject> requestReset(JsonObject body) {
    String email = body.getString("email", "").strip().toLowerCase(Locale.ROOT);
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(email)).compose(rows -> {
      if (rows.rowCount() == 0) {
        return Future.succeededFuture(new JsonObject());
      }
      Row row = rows.iterator().next();
      UUID id = row.getUUID("id");
      String token = ResetTokens.fresh();
      return pool.preparedQuery(PRUNE_RESETS).execute(Tuple.of(id))
          .compose(v -> pool.preparedQuery(INSERT_RESET).execute(Tuple.of(ResetTokens.hash(token), id, resetMinutes)))
          .map(v -> {
            Logging.withUser(id.toString(), () -> LOG.info("account {} asked for a password reset link", id));
            return new JsonObject().put("email", row.getString("email")).put("token", token)
                .put("minutes", resetMinutes);
          });
    });
  }

  /** Sets the password of a reset link's account and burns the link: {id}. */
  private Future<JsonObject> confirmReset(JsonObject body) {
    Object token = body.getValue("token");
    Object password = body.getValue("password");
    if (!(token instanceof String t) || !(password instanceof String p) || body.size() != 2) {
      throw Failure.of(ErrorCode.BAD_REQUEST, "Send a JSON object: {\"token\": \"...\", \"password\": \"...\"}.")
          .exception();
    }
    if (!ResetTokens.wellFormed(t)) {
      throw RESET_INVALID.exception();
    }
    String hash = ResetTokens.hash(t);
    return pool.preparedQuery(RESET_USER).execute(Tuple.of(hash)).compose(rows -> {
      if (rows.rowCount() == 0) {
        throw RESET_INVALID.exception();
      }
      Row row = rows.iterator().next();
      UUID id = row.getUUID("id");
      // Checked before the link is burnt: a too-short password must not cost the user the link.
      Credentials.checkNewPassword(row.getString("email"), p);
      return hashing.executeBlocking(() -> PasswordHasher.hash(p), false)
          .compose(newHash -> pool.withTransaction(conn -> conn.preparedQuery(BURN_RESET).execute(Tuple.of(hash))
              .compose(burnt -> {
                if (burnt.rowCount() == 0) {
                  throw RESET_INVALID.exception();
                }
                return conn.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, newHash));
              })
              .compose(v -> conn.preparedQuery(BURN_OTHER_RESETS).execute(Tuple.of(id)))))
          .map(v -> {
            Logging.withUser(id.toString(), () -> LOG.info("account {} set a new password through a reset link", id));
            return new JsonObject().put("id", id.toString());
          });
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
    return Replies.json(f, (msg, e) -> {
      if (Databases.unavailable(e)) {
        // Sign-in needs the database too: the client is told to come back, no stack trace logged.
        LOG.warn("{}: the database is unavailable: {}", msg.address(), e.getMessage());
        Replies.fail(msg, Failure.of(ErrorCode.STORE_UNAVAILABLE, UNAVAILABLE).exception(), LOG, UNAVAILABLE);
      } else {
        Replies.fail(msg, e, LOG, UNAVAILABLE);
      }
    });
  }
}
