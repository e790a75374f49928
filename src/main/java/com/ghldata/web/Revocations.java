package com.ghldata.web;

import com.ghldata.accounts.Tokens;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed-out tokens. A token is stateless, so signing out records its id (jti) in Redis until the
 * token would have expired anyway; every signed-in request checks that list. A new password signs
 * out every session of the account at once: Redis keeps the moment, and tokens issued before it are
 * refused. Like the rate limits, this fails open: while Redis is down a signed-out token keeps
 * working until it expires.
 */
final class Revocations {
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
  static final String KEY_PREFIX = "ghl:revoked:";
  /** Per user: the epoch millisecond before which the user's tokens are signed out. */
  static final String USER_KEY_PREFIX = "ghl:revoked-before:";
  private static final long TIMEOUT_MS = 1000;

  private final Redis redis;

  Revocations(Redis redis) {
    this.redis = redis;
  }

  /** Remembers the token as signed out until its expiry; never fails. */
  Future<Void> revoke(User user) {
    String jti = user.principal().getString("jti");
    Long exp = user.attributes().getLong("exp");
    long ttlMs = exp == null ? 0 : exp * 1000 - System.currentTimeMillis();
    if (jti == null || ttlMs <= 0) {
      return Future.succeededFuture();
    }
    return redis.send(Request.cmd(Command.SET).arg(KEY_PREFIX + jti).arg("1").arg("PX").arg(ttlMs))
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("could not record a sign-out (Redis unavailable: {}); the token lapses at its expiry", e.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Signs out every token of the user issued until now (they all expire within ttlSeconds); never fails. */
  Future<Void> revokeAll(String userId, int ttlSeconds) {
    return redis.send(Request.cmd(Command.SET).arg(USER_KEY_PREFIX + userId).arg(Long.toString(System.currentTimeMillis()))
            .arg("EX").arg(ttlSeconds + 60L))
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("could not sign out the sessions of account {} (Redis unavailable: {}); they lapse at their expiry",
              userId, e.getMessage());
          return Future.succeededFuture();
        });
  }

  /** After authentication: a signed-out token is a 401 like any other invalid one. */
  Handler<RoutingContext> check() {
    return rc -> {
      String jti = rc.user() == null ? null : rc.user().principal().getString("jti");
      if (jti == null) {
        rc.next();
        return;
      }
      // Asynchronous: hold an upload's body back for the body handler further on.
      boolean paused = !rc.request().isEnded();
      if (paused) {
        rc.request().pause();
      }
      User user = rc.user();
      // Two single-key reads side by side (not one MGET: the keys may live on different cluster slots).
      Future<Response> token = redis.send(Request.cmd(Command.EXISTS).arg(KEY_PREFIX + jti))
          .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Future<Response> account = redis.send(Request.cmd(Command.GET).arg(USER_KEY_PREFIX + user.subject()))
          .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Future.join(token, account).onComplete(ar -> {
        if (paused) {
          rc.request().resume();
        }
        if (signedOut(token) || signedOutBefore(user, account)) {
          rc.fail(Failure.with(ErrorCode.UNAUTHORIZED, "signed_out", Map.of()).exception());
        } else {
          rc.next();
        }
      });
    };
  }

  private static boolean signedOut(Future<Response> exists) {
    return exists.succeeded() && exists.result() != null && exists.result().toInteger() > 0;
  }

  /** The account set a new password after this token was issued. */
  private static boolean signedOutBefore(User user, Future<Response> marker) {
    return marker.succeeded() && marker.result() != null && issuedMs(user) < Long.parseLong(marker.result().toString());
  }

  /** When the token was issued: our millisecond claim, else the start of its iat second. */
  private static long issuedMs(User user) {
    Long ms = user.principal().getLong(Tokens.ISSUED_MS);
    if (ms != null) {
      return ms;
    }
    Long iat = user.principal().getLong("iat");
    return iat == null ? 0 : iat * 1000;
  }
}
