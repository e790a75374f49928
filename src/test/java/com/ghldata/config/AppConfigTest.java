package com.ghldata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings: what production refuses (naming the setting), and how the security settings read. */
class AppConfigTest {
  static final String SECRET = "a-production-secret-of-at-least-32-bytes";
  static final Map<String, String> SAFE_PRODUCTION = Map.of(
      "APP_ENV", "production",
      "DATABASE_URL", "postgresql://app:pw@db.internal:5432/ghl",
      "REDIS_URL", "redis://cache.internal:6379/0",
      "JWT_SECRET", SECRET,
      "CORS_ORIGINS", "https://app.example.com");

  private static AppConfig load(Map<String, String> env) {
    return AppConfig.load(env, new Properties());
  }

  private static Map<String, String> production(String key, String value) {
    Map<String, String> env = new HashMap<>(SAFE_PRODUCTION);
    if (value == null) {
      env.remove(key);
    } else {
      env.put(key, value);
    }
    return env;
  }

  @Test
  void aSafeProductionConfigurationStarts() {
    AppConfig c = load(SAFE_PRODUCTION);

    assertThat(c.security().debugEndpoints()).isFalse();
    assertThat(c.security().corsOrigins()).containsExactly("https://app.example.com");
    assertThat(c.security().toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "JWT_SECRET      | NULL                                  | refuses the default JWT secret: set JWT_SECRET",
      "JWT_SECRET      | change-me-to-32-or-more-random-bytes  | refuses the example JWT_SECRET",
      "JWT_SECRET      | too-short                             | JWT_SECRET must be at least 32 bytes",
      "CORS_ORIGINS    | *                                     | refuses CORS_ORIGINS=*",
      "CORS_ORIGINS    | https://a.example.com,*               | refuses CORS_ORIGINS=*",
      "DEBUG_ENDPOINTS | true                                  | refuses DEBUG_ENDPOINTS=true",
      "DATABASE_URL    | NULL                                  | refuses the embedded PostgreSQL: set DATABASE_URL",
      "REDIS_URL       | NULL                                  | refuses the embedded Redis: set REDIS_URL"})
  void productionRefusesEachUnsafeSettingByName(String key, String value, String message) {
    assertThatThrownBy(() -> load(production(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void developmentGetsAGeneratedSecretDebugEndpointsAndAnyCorsSetting() {
    AppConfig c = load(Map.of("CORS_ORIGINS", "*"));

    assertThat(c.security().jwtSecret()).isNull();
    assertThat(c.security().debugEndpoints()).isTrue();
    assertThat(c.security().corsOrigins()).containsExactly("*");
  }

  @ParameterizedTest
  @CsvSource({"development, 127.0.0.1", "test, 127.0.0.1", "production, 0.0.0.0"})
  void theServerListensOnTheLoopbackOnlyOutsideProductionByDefault(String env, String host) {
    Map<String, String> settings = new HashMap<>(env.equals("production") ? SAFE_PRODUCTION : Map.of());
    settings.put("APP_ENV", env);

    assertThat(load(settings).httpHost()).isEqualTo(host);
  }

  @Test
  void smtpUrlReadsUserPasswordHostAndPortAndNeverPrintsThePassword() {
    PasswordReset reset = load(Map.of("SMTP_URL", "smtps://ana%40example.com:p%3Ass@mail.example.com")).passwordReset();

    assertThat(reset.smtp()).isEqualTo(new PasswordReset.Smtp(true, "mail.example.com", 465, "ana@example.com", "p:ss"));
    assertThat(reset.smtp().toString()).doesNotContain("p:ss");
    assertThat(load(Map.of("SMTP_URL", "smtp://mail.example.com")).passwordReset().smtp().port()).isEqualTo(587);
    assertThat(reset.minutes()).as("PASSWORD_RESET_MINUTES default").isEqualTo(30);
    assertThat(load(Map.of("SMTP_URL", "smtp://u:p@mail.example.com:2525")).with(Map.of()).passwordReset().smtp())
        .as("with() keeps it").isEqualTo(new PasswordReset.Smtp(false, "mail.example.com", 2525, "u", "p"));
  }

  @Test
  void productionSendsResetLinksOnlyToItsPublicUrl() {
    assertThatThrownBy(() -> load(production("SMTP_URL", "smtp://u:p@mail.internal:587")))
        .hasMessageContaining("APP_ENV=production with SMTP_URL needs PUBLIC_URL");
    Map<String, String> env = production("SMTP_URL", "smtp://u:p@mail.internal:587");
    env.put("PUBLIC_URL", "https://ghl.example.com/");

    assertThat(load(env).passwordReset().publicUrl()).isEqualTo("https://ghl.example.com");
    assertThat(load(SAFE_PRODUCTION).passwordReset().mails()).as("production without SMTP starts; it sends no links")
        .isFalse();
  }

  @Test
  void smtpUrlIsASecretAndMayNotSitInAConfigurationFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"SMTP_URL\": \"smtp://u:p@mail.example.com\"}");

    assertThatThrownBy(() -> load(Map.of("CONFIG_FILE", file.toString())))
        .hasMessageContaining("SMTP_URL is a secret: set it in the environment");
  }

  @Test
  void anExplicitHttpHostWinsInEveryEnvironment() {
    assertThat(load(Map.of("HTTP_HOST", "0.0.0.0")).httpHost()).isEqualTo("0.0.0.0");
    assertThat(load(production("HTTP_HOST", "10.0.0.5")).httpHost()).isEqualTo("10.0.0.5");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "JWT_PRIVATE_KEY | /some/key.pem             | JWT_PRIVATE_KEY and JWT_PUBLIC_KEY go together",
      "TLS_CERT        | /no/such/cert.pem         | TLS_CERT and TLS_KEY go together",
      "CORS_ORIGINS    | app.example.com           | CORS_ORIGINS entries must look like https://",
      "CORS_ORIGINS    | https://a.example.com/x   | CORS_ORIGINS entries must look like https://",
      "RATE_LIMIT_AUTH | ten per minute            | RATE_LIMIT_AUTH must look like 10/1m",
      "RATE_LIMIT_READS| 0/1m                      | RATE_LIMIT_READS must look like 10/1m",
      "JWT_TTL_MINUTES | 0                         | JWT_TTL_MINUTES must be 1..1440",
      "TRUST_PROXY     | maybe                     | TRUST_PROXY must be true or false",
      "SMTP_URL        | mail.example.com          | SMTP_URL must look like smtp://",
      "SMTP_URL        | http://mail.example.com   | SMTP_URL must look like smtp://",
      "PUBLIC_URL      | ghl.example.com           | PUBLIC_URL must look like https://",
      "MAIL_FROM       | GHL Data                  | MAIL_FROM must be an address",
      "PASSWORD_RESET_MINUTES | 2                  | PASSWORD_RESET_MINUTES must be 5..1440",
      "PASSWORD_RESET_MINUTES | soon               | PASSWORD_RESET_MINUTES must be a whole number"})
  void mistakesAreNamedInAnyEnvironment(String key, String value, String message) {
    assertThatThrownBy(() -> load(Map.of(key, value))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aSecretInAConfigurationFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"JWT_SECRET\": \"" + SECRET + "\"}");

    assertThatThrownBy(() -> load(Map.of("CONFIG_FILE", file.toString())))
        .hasMessageContaining("JWT_SECRET is a secret: set it in the environment");
    Path plain = Files.writeString(dir.resolve("plain.json"), "{\"HTTP_PORT\": 1234}");
    assertThat(load(Map.of("CONFIG_FILE", plain.toString())).httpPort()).as("other settings may").isEqualTo(1234);
  }

  @Test
  void tlsFilesMustBeReadable() {
    assertThatThrownBy(() -> load(Map.of("TLS_CERT", "/no/cert.pem", "TLS_KEY", "/no/key.pem")))
        .hasMessageContaining("TLS file /no/cert.pem cannot be read");
  }

  @Test
  void ratesReadInSecondsMinutesOrHours() {
    AppConfig c = load(Map.of("RATE_LIMIT_AUTH", "10/30s", "RATE_LIMIT_UPLOADS", "100 / 1h", "RATE_LIMIT_READS", "5/2M"));

    assertThat(c.security().authRate()).isEqualTo(new Security.Rate(10, Duration.ofSeconds(30)));
    assertThat(c.security().uploadRate()).isEqualTo(new Security.Rate(100, Duration.ofHours(1)));
    assertThat(c.security().readRate()).isEqualTo(new Security.Rate(5, Duration.ofMinutes(2)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "production  | NULL | JSON",
      "development | NULL | TEXT",
      "test        | NULL | TEXT",
      "production  | text | TEXT",
      "development | JSON | JSON"})
  void logsAreJsonInProductionAndTextElsewhereUnlessLogFormatSays(String env, String format, AppConfig.LogFormat expected) {
    Map<String, String> settings = new HashMap<>(SAFE_PRODUCTION);
    settings.put("APP_ENV", env);
    if (format != null) {
      settings.put("LOG_FORMAT", format);
    }
    assertThat(load(settings).logFormat()).isEqualTo(expected);
    assertThat(load(settings).with(Map.of()).logFormat()).as("kept by with()").isEqualTo(expected);
  }

  @Test
  void anUnknownLogFormatIsNamedWithTheChoices() {
    assertThatThrownBy(() -> load(Map.of("LOG_FORMAT", "logfmt"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOG_FORMAT must be text or json, got 'logfmt'");
  }

  @Test
  void withKeepsEverySettingItDoesNotOverride() {
    AppConfig c = load(SAFE_PRODUCTION).with(Map.of("HTTP_PORT", "9090"));

    assertThat(c.httpPort()).isEqualTo(9090);
    assertThat(c.security()).isEqualTo(load(SAFE_PRODUCTION).security());
    assertThat(c.databaseUrl()).isEqualTo(SAFE_PRODUCTION.get("DATABASE_URL"));
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
  }
}
