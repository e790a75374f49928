package com.ghldata.web;

import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CORS from CORS_ORIGINS. Same-origin requests (the web UI) pass untouched; another origin must be
 * listed, else the request (preflight included) is a 403 origin_not_allowed and the browser gets no
 * Access-Control-Allow-Origin. `*` (refused in production) allows any origin without cookies.
 */
final class CrossOrigin implements Handler<RoutingContext> {
  private final List<String> origins;
  private final CorsHandler cors;

  CrossOrigin(List<String> origins) {
    this.origins = origins;
    boolean any = origins.contains("*");
    this.cors = origins.isEmpty() ? null : CorsHandler.create()
        .addOrigins(any ? List.of("*") : origins)
        .allowCredentials(!any)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type"))
        .exposedHeaders(Set.of("Location", "Content-Disposition", "Retry-After", "RateLimit-Limit",
            "RateLimit-Remaining", "RateLimit-Reset"))
        .maxAgeSeconds(600);
  }

  @Override
  public void handle(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    if (origin == null || sameOrigin(origin, rc.request().authority())) {
      rc.next();
    } else if (cors != null && (origins.contains("*") || origins.stream().anyMatch(origin::equalsIgnoreCase))) {
      cors.handle(rc);
    } else {
      rc.fail(Failure.with(ErrorCode.ORIGIN_NOT_ALLOWED, Map.of("origin", printable(origin))).exception());
    }
  }

  /**
   * The Origin names this server: the same host and port as the request's Host. A Host without a
   * port matches either default port, since TLS may end at a proxy in front of this node.
   */
  static boolean sameOrigin(String origin, HostAndPort host) {
    if (host == null) {
      return false;
    }
    try {
      URI o = new URI(origin);
      if (o.getHost() == null || !o.getHost().equalsIgnoreCase(host.host())) {
        return false;
      }
      int port = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
      return host.port() == -1 ? port == 80 || port == 443 : port == host.port();
    } catch (Exception e) {
      return false;
    }
  }

  private static String printable(String origin) {
    String s = origin.length() > 100 ? origin.substring(0, 100) : origin;
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
