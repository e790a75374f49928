package com.ghldata.web;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed-out tokens. A token is stateless, so signing out records its id (jti) in Redis until the
 * token would have expired anyway; every signed-in request checks that list. Like the rate limits,
 * this fails open: while Redis is down a signed-out token keeps working until it expires.
 */
final class Revocations {
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
  static final String KEY_PREFIX = "ghl:revoked:";
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
      redis.send(Request.cmd(Command.EXISTS).arg(KEY_PREFIX + jti))
          .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .onComplete(ar -> {
            if (paused) {
              rc.request().resume();
            }
            if (ar.succeeded() && ar.result() != null && ar.result().toInteger() > 0) {
              rc.fail(Failure.with(ErrorCode.UNAUTHORIZED, "signed_out", Map.of()).exception());
            } else {
              rc.next();
            }
          });
    };
  }
}
