package com.ghldata.web;

import com.ghldata.accounts.Tokens;
import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Esqueci minha senha": POST /auth/password-reset sends a single-use, expiring link to the address
 * when it has an account, and answers 202 at once either way, so that neither the answer nor its
 * timing tells whether the address has an account. POST /auth/password-reset/confirm sets the new
 * password and signs out the account's sessions.
 */
final class PasswordResetRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordResetRoutes.class);
  /** The UI opens this fragment (never sent to a server, so no log or Referer holds the token). */
  static final String LINK_FRAGMENT = "/#reset=";

  private final EventBus bus;
  private final ResetMailer mailer;
  private final Revocations revocations;
  private final Tokens tokens;
  private final String publicUrl;
  private final boolean tls;
  private final boolean trustProxy;

  PasswordResetRoutes(EventBus bus, ResetMailer mailer, Revocations revocations, Tokens tokens, String publicUrl,
      boolean tls, boolean trustProxy) {
    this.bus = bus;
    this.mailer = mailer;
    this.revocations = revocations;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
    this.tls = tls;
    this.trustProxy = trustProxy;
  }

  void mount(RouterBuilder builder, Handler<RoutingContext> perClientLimit) {
    builder.getRoute("requestPasswordReset").setDoValidation(false)
        .addHandler(perClientLimit).addHandler(this::request);
    builder.getRoute("confirmPasswordReset").setDoValidation(false)
        .addHandler(perClientLimit).addHandler(this::confirm);
  }

  private void request(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    if (body == null || !(body.getValue("email") instanceof String email) || email.isBlank() || body.size() != 1
        || email.length() > 320) {
      throw Failure.of(ErrorCode.BAD_REQUEST, "Send a JSON object: {\"email\": \"...\"}.").exception();
    }
    String origin = publicUrl != null ? publicUrl : requestOrigin(rc);
    rc.response().setStatusCode(202).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    if (!mailer.delivers()) {
      mailer.refused();
      return;
    }
    bus.<JsonObject>request(Addresses.ACCOUNTS_RESET_REQUEST, new JsonObject().put("email", email))
        .map(Message::body)
        .compose(reset -> reset.containsKey("token")
            ? mailer.deliver(reset.getString("email"), origin + LINK_FRAGMENT + reset.getString("token"),
                reset.getInteger("minutes"))
            : Future.succeededFuture())
        .onFailure(e -> LOG.warn("a password reset link could not be made: {}", ErrorCode.of(e).detail()));
  }

  private void confirm(RoutingContext rc) {
    JsonObject body = jsonBody(rc);
    if (body == null) {
      throw Failure.of(ErrorCode.BAD_REQUEST, "Send a JSON object: {\"token\": \"...\", \"password\": \"...\"}.")
          .exception();
    }
    bus.<JsonObject>request(Addresses.ACCOUNTS_RESET_CONFIRM, body)
        .map(Message::body)
        .compose(user -> revocations.revokeAll(user.getString("id"), tokens.ttlSeconds()))
        .onSuccess(v -> {
          // This browser's session (if any) ends too: the user signs in with the new password.
          rc.response().addCookie(AuthRoutes.sessionCookie("").setMaxAge(0));
          rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store").setStatusCode(204).end();
        })
        .onFailure(rc::fail);
  }

  /**
   * Where the request came to, for links outside production (production with SMTP needs PUBLIC_URL:
   * a link must not start with whatever Host header the asker chose).
   */
  private String requestOrigin(RoutingContext rc) {
    String forwardedProto = trustProxy ? rc.request().getHeader("X-Forwarded-Proto") : null;
    String scheme = tls || "https".equalsIgnoreCase(forwardedProto) ? "https" : "http";
    HostAndPort authority = rc.request().authority();
    if (authority == null) {
      return scheme + "://localhost";
    }
    return scheme + "://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
  }

  private static JsonObject jsonBody(RoutingContext rc) {
    try {
      return rc.body().asJsonObject();
    } catch (RuntimeException notAnObject) {
      return null;
    }
  }
}
