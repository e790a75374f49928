package com.ghldata.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.List;
import java.util.UUID;

/** Short-lived access tokens: issued at sign-in, checked by vertx-auth-jwt on every request. */
public final class Tokens {
  /** The browser's session cookie: the same token, HttpOnly, Secure, SameSite=Strict. */
  public static final String COOKIE = "ghl_session";
  /**
   * The millisecond the token was issued (iat has only seconds): a new password signs out the tokens
   * issued before it, and a sign-in in the same second must not be one of them.
   */
  public static final String ISSUED_MS = "iat_ms";

  private final JWTAuth auth;
  private final JwtKeys keys;
  private final int ttlSeconds;

  public Tokens(Vertx vertx, JwtKeys keys, int ttlMinutes) {
    this.auth = JWTAuth.create(vertx, keys.authOptions());
    this.keys = keys;
    this.ttlSeconds = ttlMinutes * 60;
  }

  public JWTAuth auth() {
    return auth;
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /** A token naming the user (sub), with its own id (jti), our issuer and audience, expiring in the TTL. */
  public String issue(String userId) {
    return auth.generateToken(new JsonObject().put("jti", UUID.randomUUID().toString())
        .put(ISSUED_MS, System.currentTimeMillis()), new JWTOptions()
        .setAlgorithm(keys.algorithm())
        .setSubject(userId)
        .setIssuer(JwtKeys.ISSUER)
        .setAudience(List.of(JwtKeys.ISSUER))
        .setExpiresInSeconds(ttlSeconds));
  }
}
