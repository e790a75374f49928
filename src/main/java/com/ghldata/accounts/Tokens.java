package com.ghldata.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
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
    JWTAuth current = JWTAuth.create(vertx, keys.authOptions());
    this.auth = keys.previousAuthOptions() == null ? current
        : new Rotating(current, JWTAuth.create(vertx, keys.previousAuthOptions()));
    this.keys = keys;
    this.ttlSeconds = ttlMinutes * 60;
  }

  /**
   * While JWT_SECRET is rotated: tokens are signed with the new secret, and a token the new one does
   * not verify is tried with the previous one, so sessions from before the change last their TTL.
   */
  private record Rotating(JWTAuth current, JWTAuth previous) implements JWTAuth {
    @Override
    public String generateToken(JsonObject claims, JWTOptions options) {
      return current.generateToken(claims, options);
    }

    @Override
    public String generateToken(JsonObject claims) {
      return current.generateToken(claims);
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
      return current.authenticate(credentials).recover(e -> previous.authenticate(credentials));
    }
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
