package com.ghldata.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every response carries: a CSP with no inline script, nosniff, no referrer to other
 * sites, no framing, and HSTS when the node serves HTTPS itself (or sits behind a trusted proxy
 * that did).
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
      + "form-action 'self'";
  /** Swagger UI styles its widgets inline; scripts stay 'self' only. */
  static final String DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  static final String HSTS = "max-age=31536000; includeSubDomains";

  private final boolean tls;
  private final boolean trustProxy;

  SecurityHeaders(boolean tls, boolean trustProxy) {
    this.tls = tls;
    this.trustProxy = trustProxy;
  }

  @Override
  public void handle(RoutingContext rc) {
    apply(rc.request());
    rc.next();
  }

  /** Sets the headers on the request's response; also for requests that never reach the router. */
  void apply(HttpServerRequest request) {
    MultiMap h = request.response().headers();
    String path = request.path();
    h.set("Content-Security-Policy", path != null && path.startsWith("/docs") ? DOCS_CSP : CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (tls || trustProxy && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))) {
      h.set("Strict-Transport-Security", HSTS);
    }
  }
}
