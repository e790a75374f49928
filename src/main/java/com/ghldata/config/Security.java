package com.ghldata.config;

import com.ghldata.config.AppConfig.Env;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings that make a node safe to put on the internet: token keys, CORS, TLS, rate limits.
 * Secrets come from the environment only (see .env.example); production refuses unsafe values and
 * names the setting.
 */
public record Security(
    String jwtSecret,
    String jwtPreviousSecret,
    String jwtPrivateKey,
    String jwtPublicKey,
    int jwtTtlMinutes,
    List<String> corsOrigins,
    String tlsCert,
    String tlsKey,
    boolean trustProxy,
    boolean debugEndpoints,
    Rate authRate,
    Rate uploadRate,
    Rate readRate) {

  /** The placeholder of .env.example: a copied example file must not become a production secret. */
  public static final String EXAMPLE_SECRET = "change-me-to-32-or-more-random-bytes";
  public static final int MIN_SECRET_BYTES = 32;
  /** Settings that only the environment (or a system property) may give: never a file in the tree. */
  static final List<String> SECRETS = List.of("JWT_SECRET", "JWT_PREVIOUS_SECRET", "JWT_PRIVATE_KEY", "SMTP_URL",
      "METRICS_TOKEN", "S3_SECRET_ACCESS_KEY");

  /** At most {@code requests} per {@code period}; written as "10/1m", "600/60s", "1000/1h". */
  public record Rate(int requests, Duration period) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,7})\\s*/\\s*(\\d{1,6})\\s*([smh])");

    static Rate parse(String key, String value) {
      Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
        throw new IllegalArgumentException("invalid configuration: " + key
            + " must look like 10/1m (requests per s, m or h), got '" + value + "'");
      }
      long n = Long.parseLong(m.group(2));
      Duration period = switch (m.group(3)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
      return new Rate(Integer.parseInt(m.group(1)), period);
    }

    @Override
    public String toString() {
      return requests + "/" + period.toSeconds() + "s";
    }
  }

  static Security from(Function<String, String> lookup, Env env) {
    return new Security(
        lookup.apply("JWT_SECRET"),
        lookup.apply("JWT_PREVIOUS_SECRET"),
        lookup.apply("JWT_PRIVATE_KEY"),
        lookup.apply("JWT_PUBLIC_KEY"),
        Lookups.integer(lookup, "JWT_TTL_MINUTES", 30),
        origins(lookup.apply("CORS_ORIGINS")),
        lookup.apply("TLS_CERT"),
        lookup.apply("TLS_KEY"),
        bool(lookup, "TRUST_PROXY", false),
        bool(lookup, "DEBUG_ENDPOINTS", env != Env.PRODUCTION),
        rate(lookup, "RATE_LIMIT_AUTH", "10/1m"),
        rate(lookup, "RATE_LIMIT_UPLOADS", "60/1m"),
        rate(lookup, "RATE_LIMIT_READS", "1200/1m"));
  }

  /** Adds what is wrong to problems; in production also what is unsafe, naming the setting. */
  void check(Env env, boolean signsTokens, List<String> problems) {
    if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add("JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    if (jwtPreviousSecret != null && jwtSecret == null) {
      problems.add("JWT_PREVIOUS_SECRET is the secret JWT_SECRET replaces: set JWT_SECRET too");
    }
    if (jwtPreviousSecret != null && jwtPreviousSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      problems.add("JWT_PREVIOUS_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    if ((jwtPrivateKey == null) != (jwtPublicKey == null)) {
      problems.add("JWT_PRIVATE_KEY and JWT_PUBLIC_KEY go together: set both or neither");
    }
    if (jwtTtlMinutes < 1 || jwtTtlMinutes > 24 * 60) {
      problems.add("JWT_TTL_MINUTES must be 1..1440, got " + jwtTtlMinutes);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      problems.add("TLS_CERT and TLS_KEY go together: set both or neither");
    }
    for (String file : Arrays.asList(tlsCert, tlsKey)) {
      if (file != null && !Files.isReadable(Path.of(file))) {
        problems.add("TLS file " + file + " cannot be read");
      }
    }
    for (String origin : corsOrigins) {
      if (!origin.equals("*") && !isOrigin(origin)) {
        problems.add("CORS_ORIGINS entries must look like https://app.example.com, got '" + origin + "'");
      }
    }
    if (env != Env.PRODUCTION) {
      return;
    }
    // A node without the HTTP role (a worker) never signs nor checks a token: no key needed.
    if (signsTokens && jwtSecret == null && jwtPrivateKey == null) {
      problems.add("APP_ENV=production refuses the default JWT secret: set JWT_SECRET (32+ random bytes)"
          + " or JWT_PRIVATE_KEY and JWT_PUBLIC_KEY");
    } else if (signsTokens && EXAMPLE_SECRET.equals(jwtSecret)) {
      problems.add("APP_ENV=production refuses the example JWT_SECRET of .env.example: set a random one");
    }
    if (corsOrigins.contains("*")) {
      problems.add("APP_ENV=production refuses CORS_ORIGINS=*: list the allowed origins");
    }
    if (debugEndpoints) {
      problems.add("APP_ENV=production refuses DEBUG_ENDPOINTS=true");
    }
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /** These settings under their environment names, for {@link AppConfig#with}. */
  Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("JWT_SECRET", jwtSecret);
    m.put("JWT_PREVIOUS_SECRET", jwtPreviousSecret);
    m.put("JWT_PRIVATE_KEY", jwtPrivateKey);
    m.put("JWT_PUBLIC_KEY", jwtPublicKey);
    m.put("JWT_TTL_MINUTES", jwtTtlMinutes);
    m.put("CORS_ORIGINS", String.join(",", corsOrigins));
    m.put("TLS_CERT", tlsCert);
    m.put("TLS_KEY", tlsKey);
    m.put("TRUST_PROXY", trustProxy);
    m.put("DEBUG_ENDPOINTS", debugEndpoints);
    m.put("RATE_LIMIT_AUTH", authRate.toString());
    m.put("RATE_LIMIT_UPLOADS", uploadRate.toString());
    m.put("RATE_LIMIT_READS", readRate.toString());
    return m;
  }

  @Override
  public String toString() {
    // Never print key material.
    return "Security[jwt=" + (jwtPrivateKey != null ? "key pair" : jwtSecret != null ? "secret" : "generated")
        + ", cors=" + corsOrigins + ", tls=" + tls() + ", limits auth " + authRate + " uploads " + uploadRate
        + " reads " + readRate + "]";
  }

  private static boolean isOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      return (uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null
          && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> origins(String list) {
    if (list == null) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(o -> !o.isEmpty())
        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).toList();
  }

  private static boolean bool(Function<String, String> lookup, String key, boolean fallback) {
    String v = lookup.apply(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("invalid configuration: " + key + " must be true or false, got '"
          + v + "'");
    };
  }

  private static Rate rate(Function<String, String> lookup, String key, String fallback) {
    String v = lookup.apply(key);
    return Rate.parse(key, v == null ? fallback : v);
  }
}
