package com.ghldata.web;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code GET /metrics} in Prometheus text format. With METRICS_TOKEN set it needs
 * {@code Authorization: Bearer <token>}; without, it answers clients on the loopback only (a
 * Prometheus beside the node, or an operator on it), everyone else 403. The text is made on a worker
 * thread: a scrape never holds an event loop.
 */
final class MetricsRoute {
  private MetricsRoute() {}

  static Handler<RoutingContext> handler(Vertx vertx, PrometheusMeterRegistry registry, String token) {
    byte[] expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return rc -> {
      if (expected != null) {
        String auth = rc.request().getHeader("Authorization");
        if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
          Problems.send(rc, Failure.with(ErrorCode.UNAUTHORIZED, "metrics_token", Map.of()));
          return;
        }
      } else if (!isLoopback(rc.request().remoteAddress())) {
        Problems.send(rc, Failure.with(ErrorCode.FORBIDDEN, "metrics_loopback", Map.of()));
        return;
      }
      vertx.executeBlocking(registry::scrape, false)
          .onSuccess(text -> rc.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
          .onFailure(rc::fail);
    };
  }

  private static boolean isLoopback(SocketAddress remote) {
    if (remote == null || remote.hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress();
    } catch (Exception e) {
      return false;
    }
  }
}
