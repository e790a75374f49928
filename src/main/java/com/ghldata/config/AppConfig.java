package com.ghldata.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The service's settings, validated once at start. Sources, later ones winning: the bundled
 * conf/config.json, ./conf/config.json (or the file named by CONFIG_FILE), environment variables,
 * system properties. Every key is the environment variable's name (HTTP_PORT, DATABASE_URL ...).
 */
public record AppConfig(
    Env env,
    String httpHost,
    int httpPort,
    Path dataDir,
    String databaseUrl,
    String redisUrl,
    int maxUploadMb,
    int workerInstances,
    Set<Role> roles,
    int jobLeaseSeconds,
    int jobMaxAttempts,
    int jobPollSeconds,
    int dbPoolSize,
    Security security,
    ClusterSettings cluster,
    PasswordReset passwordReset,
    Operations operations,
    Storage storage,
    LogFormat logFormat) {

  public enum Env { DEVELOPMENT, TEST, PRODUCTION }

  /** How the server's log lines read: for a person at a terminal, or one JSON object a line for a collector. */
  public enum LogFormat { TEXT, JSON }

  /** What a node does; a worker-only node needs neither database nor Redis. */
  public enum Role { HTTP, STORE, WORKER }

  public AppConfig {
    List<String> problems = new ArrayList<>();
    if (httpPort < 0 || httpPort > 65535) {
      problems.add("HTTP_PORT must be 0..65535, got " + httpPort);
    }
    if (maxUploadMb < 1 || maxUploadMb > 1024) {
      problems.add("MAX_UPLOAD_MB must be 1..1024, got " + maxUploadMb);
    }
    if (workerInstances < 1) {
      problems.add("WORKER_INSTANCES must be at least 1");
    }
    if (roles.isEmpty()) {
      problems.add("NODE_ROLES must name at least one of http, store, worker");
    }
    if (jobLeaseSeconds < 5 || jobMaxAttempts < 1 || jobPollSeconds < 1) {
      problems.add("JOB_LEASE_SECONDS must be >= 5, JOB_MAX_ATTEMPTS >= 1, JOB_POLL_SECONDS >= 1");
    }
    if (dbPoolSize < 1) {
      problems.add("DB_POOL_SIZE must be at least 1");
    }
    if (databaseUrl != null) {
      checkUri("DATABASE_URL", databaseUrl, List.of("postgresql", "postgres"), problems);
    }
    if (redisUrl != null) {
      checkUri("REDIS_URL", redisUrl, List.of("redis", "rediss"), problems);
    }
    security.check(env, roles.contains(Role.HTTP), problems);
    cluster.check(problems);
    passwordReset.check(env, problems);
    operations.check(problems);
    storage.check(problems);
    if (env == Env.PRODUCTION) {
      if (databaseUrl == null && roles.contains(Role.STORE)) {
        problems.add("APP_ENV=production refuses the embedded PostgreSQL: set DATABASE_URL");
      }
      if (redisUrl == null && roles.contains(Role.HTTP)) {
        problems.add("APP_ENV=production refuses the embedded Redis: set REDIS_URL");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
    }
    roles = Set.copyOf(roles);
  }

  public boolean development() {
    return env == Env.DEVELOPMENT || env == Env.TEST;
  }

  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }

  public boolean embeddedRedis() {
    return redisUrl == null;
  }

  public long maxUploadBytes() {
    return maxUploadMb * 1024L * 1024L;
  }

  /** The settings from every source, the environment and system properties of this process included. */
  public static AppConfig load() {
    return load(System.getenv(), System.getProperties());
  }

  public static AppConfig load(Map<String, String> env, Properties sysProps) {
    JsonObject merged = new JsonObject();
    try (InputStream in = AppConfig.class.getResourceAsStream("/conf/config.json")) {
      if (in != null) {
        merged.mergeIn(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
      String file = firstNonNull(sysProps.getProperty("CONFIG_FILE"), env.get("CONFIG_FILE"));
      Path local = Path.of(file != null ? file : "conf/config.json");
      if (Files.isRegularFile(local)) {
        merged.mergeIn(new JsonObject(Files.readString(local)));
      } else if (file != null) {
        throw new IllegalArgumentException("CONFIG_FILE " + file + " does not exist");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration: " + e.getMessage(), e);
    }
    for (String secret : Security.SECRETS) {
      if (merged.containsKey(secret)) {
        throw new IllegalArgumentException("invalid configuration: " + secret
            + " is a secret: set it in the environment, not in a configuration file");
      }
    }
    return from(new Source(merged, env, sysProps));
  }

  /** A copy with other values, for tests and the CLI's overrides. */
  public AppConfig with(Map<String, String> overrides) {
    Properties p = new Properties();
    p.putAll(overrides);
    return from(new Source(toJson(), Map.of(), p));
  }

  private static AppConfig from(Source s) {
    Env env = s.enumValue("APP_ENV", Env.class, Env.DEVELOPMENT);
    String httpHost = s.string("HTTP_HOST", defaultHost(env));
    return new AppConfig(
        env,
        httpHost,
        s.integer("HTTP_PORT", 8080),
        Path.of(s.string("DATA_DIR", "./data")),
        s.optional("DATABASE_URL"),
        s.optional("REDIS_URL"),
        s.integer("MAX_UPLOAD_MB", 10),
        workers(s.integer("WORKER_INSTANCES", 0)),
        roles(s.string("NODE_ROLES", "http,store,worker")),
        s.integer("JOB_LEASE_SECONDS", 120),
        s.integer("JOB_MAX_ATTEMPTS", 3),
        s.integer("JOB_POLL_SECONDS", 5),
        s.integer("DB_POOL_SIZE", 8),
        Security.from(s::optional, env),
        ClusterSettings.from(s::optional),
        PasswordReset.from(s::optional, env),
        Operations.from(s::optional, httpHost),
        Storage.from(s::optional),
        logFormat(s.optional("LOG_FORMAT"), env));
  }

  /** Every setting under its environment name; the input of {@link #with}. */
  private JsonObject toJson() {
    JsonObject j = new JsonObject()
        .put("APP_ENV", env.name()).put("HTTP_HOST", httpHost).put("HTTP_PORT", httpPort)
        .put("DATA_DIR", dataDir.toString()).put("MAX_UPLOAD_MB", maxUploadMb)
        .put("WORKER_INSTANCES", workerInstances).put("NODE_ROLES", rolesString())
        .put("JOB_LEASE_SECONDS", jobLeaseSeconds).put("JOB_MAX_ATTEMPTS", jobMaxAttempts)
        .put("JOB_POLL_SECONDS", jobPollSeconds).put("DB_POOL_SIZE", dbPoolSize)
        .put("DATABASE_URL", databaseUrl).put("REDIS_URL", redisUrl)
        .put("LOG_FORMAT", logFormat.name().toLowerCase(Locale.ROOT));
    security.settings().forEach(j::put);
    cluster.settings().forEach(j::put);
    passwordReset.settings().forEach(j::put);
    operations.settings().forEach(j::put);
    storage.settings().forEach(j::put);
    return j;
  }

  private String rolesString() {
    return String.join(",", roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
  }

  /**
   * Outside production the app listens on the loopback only: a laptop's embedded default must not
   * show itself to everyone on the café's network. A production host or container sets HTTP_HOST, and
   * gets every interface when it does not.
   */
  static String defaultHost(Env env) {
    return env == Env.PRODUCTION ? "0.0.0.0" : "127.0.0.1";
  }

  /** JSON where a log collector reads the lines (production), text where a person does. */
  static LogFormat logFormat(String value, Env env) {
    if (value == null) {
      return env == Env.PRODUCTION ? LogFormat.JSON : LogFormat.TEXT;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> LogFormat.TEXT;
      case "json" -> LogFormat.JSON;
      default -> throw new IllegalArgumentException("invalid configuration: LOG_FORMAT must be text or json, got '"
          + value + "'");
    };
  }

  private static int workers(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  private static Set<Role> roles(String list) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : list.split(",")) {
      String name = r.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid configuration: NODE_ROLES has unknown role '" + r.trim()
            + "' (known: http, store, worker)");
      }
    }
    return roles;
  }

  private static void checkUri(String key, String value, List<String> schemes, List<String> problems) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
        problems.add(key + " must look like " + schemes.get(0) + "://host:port/...");
      }
    } catch (Exception e) {
      problems.add(key + " is not a valid URI");
    }
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  /** Looks a key up: system property, then environment, then the merged files. */
  private record Source(JsonObject files, Map<String, String> env, Properties props) {
    String optional(String key) {
      String v = firstNonNull(props.getProperty(key), env.get(key));
      if (v == null && files.containsKey(key) && files.getValue(key) != null) {
        v = String.valueOf(files.getValue(key));
      }
      return v == null || v.isBlank() ? null : v.trim();
    }

    String string(String key, String fallback) {
      String v = optional(key);
      return v == null ? fallback : v;
    }

    int integer(String key, int fallback) {
      return Lookups.integer(this::optional, key, fallback);
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
      String v = optional(key);
      if (v == null) {
        return fallback;
      }
      try {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid configuration: " + key + " has unknown value '" + v + "'");
      }
    }
  }
}
