package com.ghldata.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.config.AppConfig;
import com.ghldata.config.Security;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key material from the settings, and tokens issued and checked with each kind of key. */
class TokensTest {
  static final Path TLS = Path.of("src/test/resources/tls");
  static Vertx vertx;

  @TempDir
  Path dataDir;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close();
  }

  private static Security security(Map<String, String> env) {
    return AppConfig.load(env, new Properties()).security();
  }

  private static User check(Tokens tokens, String token) throws Exception {
    return tokens.auth().authenticate(new TokenCredentials(token)).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  @Test
  void duringARotationThePreviousSecretStillVerifiesButNeverSigns() throws Exception {
    String old = "the-old-secret-of-at-least-thirty-two-bytes-0000";
    String fresh = "the-new-secret-of-at-least-thirty-two-bytes-1111";
    Tokens before = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_SECRET", old)), dataDir), 30);
    Tokens during = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_SECRET", fresh,
        "JWT_PREVIOUS_SECRET", old)), dataDir), 30);
    Tokens after = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_SECRET", fresh)), dataDir), 30);
    String signedBefore = before.issue("user-1");
    String signedDuring = during.issue("user-2");

    assertThat(check(during, signedBefore).subject()).as("a session from before the change").isEqualTo("user-1");
    assertThat(check(after, signedDuring).subject()).as("new tokens are signed with the new secret")
        .isEqualTo("user-2");
    assertThatThrownBy(() -> check(before, signedDuring)).as("and not with the old one");
    assertThatThrownBy(() -> check(after, signedBefore)).as("once the change is over, the old secret is gone");
    Tokens stranger = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_SECRET",
        "some-other-secret-of-at-least-thirty-two-bytes")), dataDir), 30);
    assertThatThrownBy(() -> check(during, stranger.issue("user-3"))).as("a third key verifies nothing");
  }

  @Test
  void aPreviousSecretNeedsACurrentOneAndTheSameLength() {
    assertThatThrownBy(() -> security(Map.of("JWT_PREVIOUS_SECRET", "the-old-secret-of-at-least-thirty-two-bytes")))
        .hasMessageContaining("set JWT_SECRET too");
    assertThatThrownBy(() -> security(Map.of("JWT_SECRET", "the-new-secret-of-at-least-thirty-two-bytes-1",
        "JWT_PREVIOUS_SECRET", "short"))).hasMessageContaining("JWT_PREVIOUS_SECRET must be at least 32 bytes");
  }

  @ParameterizedTest
  @CsvSource({"jwt-rsa, RS256", "jwt-ec, ES256"})
  void aPemKeyPairSignsWithTheAlgorithmOfItsKind(String name, String algorithm) throws Exception {
    JwtKeys keys = JwtKeys.resolve(security(Map.of(
        "JWT_PRIVATE_KEY", TLS.resolve(name + "-private.pem").toString(),
        "JWT_PUBLIC_KEY", TLS.resolve(name + "-public.pem").toString())), dataDir);
    Tokens tokens = new Tokens(vertx, keys, 15);
    String user = UUID.randomUUID().toString();

    String token = tokens.issue(user);

    assertThat(keys.algorithm()).isEqualTo(algorithm);
    assertThat(header(token)).contains("\"alg\":\"" + algorithm + "\"");
    User checked = check(tokens, token);
    assertThat(checked.subject()).isEqualTo(user);
    assertThat(checked.attributes().getLong("exp") - Instant.now().getEpochSecond()).isBetween(14 * 60L, 15 * 60L);
  }

  @Test
  void pemTextInTheEnvironmentWorksAsWellAsAPath() throws Exception {
    String priv = Files.readString(TLS.resolve("jwt-ec-private.pem")).replace("\n", "\\n");
    String pub = Files.readString(TLS.resolve("jwt-ec-public.pem"));
    Tokens tokens = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_PRIVATE_KEY", priv, "JWT_PUBLIC_KEY", pub)),
        dataDir), 15);

    assertThat(check(tokens, tokens.issue("u-1")).subject()).isEqualTo("u-1");
  }

  @Test
  void anRsaNodeRefusesAnHmacTokenKeyedWithItsPublicKey() throws Exception {
    Tokens rsa = new Tokens(vertx, JwtKeys.resolve(security(Map.of(
        "JWT_PRIVATE_KEY", TLS.resolve("jwt-rsa-private.pem").toString(),
        "JWT_PUBLIC_KEY", TLS.resolve("jwt-rsa-public.pem").toString())), dataDir), 15);
    long now = Instant.now().getEpochSecond();
    String claims = "{\"sub\":\"attacker\",\"iss\":\"ghl-data\",\"aud\":\"ghl-data\",\"iat\":" + now + ",\"exp\":"
        + (now + 600) + "}";

    String confused = hs256(claims, Files.readString(TLS.resolve("jwt-rsa-public.pem")));

    assertThatThrownBy(() -> check(rsa, confused)).hasCauseInstanceOf(RuntimeException.class);
  }

  @Test
  void tokensFromAnotherSecretAreRefused() throws Exception {
    Tokens ours = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_SECRET", "x".repeat(32))), dataDir), 15);
    Tokens theirs = new Tokens(vertx, JwtKeys.resolve(security(Map.of("JWT_SECRET", "y".repeat(32))), dataDir), 15);

    assertThatThrownBy(() -> check(ours, theirs.issue("u-1"))).isNotNull();
    assertThat(check(ours, ours.issue("u-1")).subject()).isEqualTo("u-1");
  }

  @Test
  void withoutASecretOneIsGeneratedOnceKeptPrivateAndReused() throws Exception {
    JwtKeys first = JwtKeys.resolve(security(Map.of()), dataDir);
    JwtKeys again = JwtKeys.resolve(security(Map.of()), dataDir);
    Path file = dataDir.resolve("secrets/jwt-secret");

    assertThat(first.algorithm()).isEqualTo("HS256");
    assertThat(first.secret()).hasSizeGreaterThanOrEqualTo(Security.MIN_SECRET_BYTES).isEqualTo(again.secret());
    assertThat(Files.readString(file)).isEqualTo(first.secret());
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(first.toString()).doesNotContain(first.secret());
    Tokens a = new Tokens(vertx, first, 15);
    assertThat(check(new Tokens(vertx, again, 15), a.issue("u-2")).subject()).as("sessions survive a restart")
        .isEqualTo("u-2");
  }

  @Test
  void aPublicKeyThatIsNotPemIsNamed() {
    assertThatThrownBy(() -> JwtKeys.resolve(security(Map.of("JWT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----x",
        "JWT_PUBLIC_KEY", "-----BEGIN CERTIFICATE-----x")), dataDir))
        .hasMessageContaining("JWT_PUBLIC_KEY must be a PEM public key");
  }

  private static String header(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
  }

  private static String hs256(String claims, String secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }
}
