package com.ghldata.accounts;

import com.ghldata.config.Security;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The key material tokens are signed with: JWT_SECRET (HS256), or a PEM key pair (RS256 or ES256,
 * told apart by the public key) given inline or as file paths. With neither, outside production,
 * a random secret is generated once under DATA_DIR/secrets and kept, so sessions survive restarts.
 * While a secret is being rotated, JWT_PREVIOUS_SECRET still verifies the tokens it signed (new ones
 * are signed with JWT_SECRET only), so nobody is signed out at once.
 *
 * @param previousSecret verifies, never signs; null when no rotation is under way
 */
public record JwtKeys(String algorithm, String secret, String previousSecret, String privatePem, String publicPem) {
  public static final String ISSUER = "ghl-data";

  /** Blocking (may read or write files): call at start-up, not on an event loop. */
  public static JwtKeys resolve(Security security, Path dataDir) throws IOException {
    if (security.jwtPrivateKey() != null) {
      String priv = pem(security.jwtPrivateKey());
      String pub = pem(security.jwtPublicKey());
      return new JwtKeys(algorithmOf(pub), null, null, priv, pub);
    }
    if (security.jwtSecret() != null) {
      return new JwtKeys("HS256", security.jwtSecret(), security.jwtPreviousSecret(), null, null);
    }
    return new JwtKeys("HS256", generatedSecret(dataDir.resolve("secrets").resolve("jwt-secret")), null, null, null);
  }

  /** Options for vertx-auth-jwt: only this algorithm and key, our issuer and audience, exp checked. */
  public JWTAuthOptions authOptions() {
    JWTAuthOptions options = new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(ISSUER)).setLeeway(5));
    if (secret != null) {
      return options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(secret));
    }
    return options
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(privatePem))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(publicPem));
  }

  /** Options that verify the tokens the previous secret signed, or null when no rotation is under way. */
  public JWTAuthOptions previousAuthOptions() {
    return previousSecret == null ? null : new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(ISSUER)).setLeeway(5))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(previousSecret));
  }

  private static String pem(String valueOrPath) throws IOException {
    String v = valueOrPath.strip();
    if (v.startsWith("-----BEGIN")) {
      return v.replace("\\n", "\n");
    }
    return Files.readString(Path.of(v), StandardCharsets.US_ASCII).strip();
  }

  private static String algorithmOf(String publicPem) {
    if (!publicPem.contains("BEGIN PUBLIC KEY")) {
      throw new IllegalArgumentException("invalid configuration: JWT_PUBLIC_KEY must be a PEM public key"
          + " (-----BEGIN PUBLIC KEY-----)");
    }
    byte[] der = Base64.getMimeDecoder().decode(publicPem.replaceAll("-----[A-Z ]+-----", ""));
    for (String[] kind : new String[][] {{"RSA", "RS256"}, {"EC", "ES256"}}) {
      try {
        KeyFactory.getInstance(kind[0]).generatePublic(new X509EncodedKeySpec(der));
        return kind[1];
      } catch (Exception notThisKind) {
        // try the next
      }
    }
    throw new IllegalArgumentException("invalid configuration: JWT_PUBLIC_KEY is neither an RSA nor an EC key");
  }

  private static String generatedSecret(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.writeString(file, secret, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the data directory's own permissions apply.
    }
    return secret;
  }

  @Override
  public String toString() {
    return "JwtKeys[" + algorithm + "]";
  }
}
