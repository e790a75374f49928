package com.ghldata.web;

import com.ghldata.config.Security;
import com.ghldata.config.Security.Rate;
import com.ghldata.web.RateLimiter.Limit;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The rate limits of the API, from config: sign-in and sign-up per client address, uploads (and
 * retries) and everything else per user. Each limit's Redis key names its rate, so nodes started
 * with different limits never share a budget.
 */
final class Limits {
  private final RateLimiter limiter;
  private final boolean trustProxy;
  private final Limit auth;
  private final Limit uploads;
  private final Limit reads;

  Limits(RateLimiter limiter, Security security) {
    this.limiter = limiter;
    this.trustProxy = security.trustProxy();
    this.auth = limit("auth", security.authRate());
    this.uploads = limit("uploads", security.uploadRate());
    this.reads = limit("reads", security.readRate());
  }

  Handler<RoutingContext> perClient() {
    return limiter.handler(auth, this::clientAddress);
  }

  Handler<RoutingContext> uploadsPerUser() {
    return limiter.handler(uploads, Users::id);
  }

  Handler<RoutingContext> readsPerUser() {
    return limiter.handler(reads, Users::id);
  }

  /**
   * The caller's address: the socket's peer, or behind a trusted reverse proxy (TRUST_PROXY=true)
   * the last X-Forwarded-For entry, the one our own proxy appended.
   */
  String clientAddress(RoutingContext rc) {
    String forwarded = trustProxy ? rc.request().getHeader("X-Forwarded-For") : null;
    if (forwarded != null && !forwarded.isBlank()) {
      String[] hops = forwarded.split(",");
      return hops[hops.length - 1].trim();
    }
    return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
  }

  private static Limit limit(String name, Rate rate) {
    return new Limit(name + "-" + rate.requests() + "-per-" + rate.period().toSeconds() + "s", rate.requests(),
        rate.period());
  }
}
