package com.ghldata.web;

import com.ghldata.accounts.Tokens;
import com.ghldata.bus.Addresses;
import com.ghldata.bus.ErrorCode;
import com.ghldata.bus.ErrorCode.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;

/**
 * /auth/register, /auth/login, /auth/logout and /me. Sign-in answers the token (for API clients,
 * sent back as Authorization: Bearer) and sets the same token as the browser's session cookie.
 */
final class AuthRoutes {
  private final EventBus bus;
  private final Tokens tokens;
  private final Revocations revocations;

  AuthRoutes(EventBus bus, Tokens tokens, Revocations revocations) {
    this.bus = bus;
    this.tokens = tokens;
    this.revocations = revocations;
  }

  void mount(RouterBuilder builder, Handler<RoutingContext> perClientLimit) {
    // The credentials are checked in one place (accounts.Credentials), with messages meant for people
    // rather than the schema validator's.
    builder.getRoute("register").setDoValidation(false)
        .addHandler(perClientLimit).addHandler(rc -> signIn(rc, Addresses.ACCOUNTS_REGISTER, 201));
    builder.getRoute("login").setDoValidation(false)
        .addHandler(perClientLimit).addHandler(rc -> signIn(rc, Addresses.ACCOUNTS_LOGIN, 200));
    builder.getRoute("logout").addHandler(this::logout);
    builder.getRoute("getMe").addHandler(this::me);
  }

  private void signIn(RoutingContext rc, String address, int status) {
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException notAnObject) {
      body = null;
    }
    if (body == null) {
      throw Failure.with(ErrorCode.BAD_REQUEST, "credentials_body", Map.of()).exception();
    }
    bus.<JsonObject>request(address, body)
        .map(Message::body)
        .onSuccess(user -> {
          String token = tokens.issue(user.getString("id"));
          rc.response().addCookie(sessionCookie(token).setMaxAge(tokens.ttlSeconds()));
          rc.response().setStatusCode(status)
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
              .end(new JsonObject().put("user", user).put("token", token).put("token_type", "Bearer")
                  .put("expires_in", tokens.ttlSeconds()).encode());
        })
        .onFailure(rc::fail);
  }

  /**
   * Clears the cookie and, when the request carries a valid token (cookie or bearer), signs that
   * token out for good. Answers 204 either way: signing out twice is not an error.
   */
  private void logout(RoutingContext rc) {
    String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    Cookie cookie = rc.request().getCookie(Tokens.COOKIE);
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
        : cookie != null ? cookie.getValue() : null;
    Future<Void> revoked = token == null || token.isEmpty() ? Future.succeededFuture()
        : tokens.auth().authenticate(new TokenCredentials(token)).compose(revocations::revoke).otherwiseEmpty();
    revoked.onComplete(done -> {
      rc.response().addCookie(sessionCookie("").setMaxAge(0));
      rc.response().setStatusCode(204).end();
    });
  }

  private void me(RoutingContext rc) {
    bus.<JsonObject>request(Addresses.ACCOUNTS_GET, new JsonObject().put("id", Users.id(rc)))
        .onSuccess(m -> rc.json(m.body()))
        .onFailure(e -> {
          Failure f = ErrorCode.of(e);
          // A valid token for an account that no longer exists: the session is over.
          rc.fail(f.category() == ErrorCode.NOT_FOUND ? Failure.of(ErrorCode.UNAUTHORIZED, null).exception() : e);
        });
  }

  /**
   * Keeps a browser session alive while it is used: a request authenticated by the cookie whose
   * token has lived past half its life gets a fresh cookie.
   */
  Handler<RoutingContext> slidingSession() {
    return rc -> {
      Long exp = rc.user() == null ? null : rc.user().attributes().getLong("exp");
      boolean byCookie = rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null
          && rc.request().getCookie(Tokens.COOKIE) != null;
      if (byCookie && exp != null && exp - System.currentTimeMillis() / 1000 < tokens.ttlSeconds() / 2) {
        rc.response().addCookie(sessionCookie(tokens.issue(Users.id(rc))).setMaxAge(tokens.ttlSeconds()));
      }
      rc.next();
    };
  }

  static Cookie sessionCookie(String value) {
    return Cookie.cookie(Tokens.COOKIE, value).setPath("/").setHttpOnly(true).setSecure(true)
        .setSameSite(CookieSameSite.STRICT);
  }
}
