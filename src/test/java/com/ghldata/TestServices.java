package com.ghldata;

import com.ghldata.config.AppConfig;
import com.ghldata.infra.EmbeddedServices;
import com.ghldata.infra.Migrations;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Real PostgreSQL and Redis for tests: the machine's when TEST_DATABASE_URL / TEST_REDIS_URL are
 * set, else embedded ones started once per test JVM. Never a mock.
 */
public final class TestServices {
  public static final String JWT_SECRET = "test-secret-of-at-least-thirty-two-bytes-0123456789";
  private static EmbeddedServices embedded;
  private static String databaseUrl;
  private static String redisUrl;

  private TestServices() {}

  public static synchronized String databaseUrl() throws Exception {
    if (databaseUrl == null) {
      String env = System.getenv("TEST_DATABASE_URL");
      databaseUrl = env != null && !env.isBlank() ? env : embedded().startPostgres(Files.createTempDirectory("ghl-test-pg"));
      Migrations.migrate(databaseUrl);
    }
    return databaseUrl;
  }

  public static synchronized String redisUrl() throws Exception {
    if (redisUrl == null) {
      String env = System.getenv("TEST_REDIS_URL");
      redisUrl = env != null && !env.isBlank() ? env : embedded().startRedis();
    }
    return redisUrl;
  }

  private static EmbeddedServices embedded() {
    if (embedded == null) {
      embedded = new EmbeddedServices();
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    }
    return embedded;
  }

  /** Empties every table, so each test starts from a clean database. */
  public static void resetDatabase() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE users, jobs CASCADE");
    }
  }

  /** The first column of every row of a query, as text: for tests that check what is stored. */
  public static List<String> column(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Runs one statement (an UPDATE that plays the passing of time, say): the rows it changed. */
  public static int execute(String sql) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static Connection connect() throws Exception {
    return connect(databaseUrl());
  }

  /** A JDBC connection to the database a postgresql:// URL names (autocommit, as JDBC starts). */
  public static Connection connect(String url) throws Exception {
    Migrations.DbUrl db = Migrations.DbUrl.parse(url);
    Properties p = new Properties();
    p.setProperty("user", db.user());
    if (db.password() != null) {
      p.setProperty("password", db.password());
    }
    return DriverManager.getConnection(db.jdbcUrl(), p);
  }

  /**
   * A new, empty database of its own on the test server (CREATE DATABASE), for a test that needs a
   * whole database (migrations from an old version, a restore): nothing the other tests use is touched.
   * Drop it with {@link #dropDatabase}.
   */
  public static String createDatabase(String purpose) throws Exception {
    String name = "ghl_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
    execute("CREATE DATABASE " + name);
    return withDatabase(databaseUrl(), name);
  }

  /** Drops a database {@link #createDatabase} made, closing whatever connections it still has. */
  public static void dropDatabase(String url) throws Exception {
    String name = URI.create(url).getPath().substring(1);
    if (!name.startsWith("ghl_")) {
      throw new IllegalArgumentException("drops only the databases createDatabase made, not " + name);
    }
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The same server and credentials, another database. */
  public static String withDatabase(String url, String database) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@") + u.getHost()
        + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/" + database
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }

  /** A test configuration: real services, a free port, fast polling, a temporary data dir. */
  public static AppConfig config(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("APP_ENV", "test");
    env.put("HTTP_PORT", "0");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("MANAGEMENT_PORT", "0");
    env.put("DATA_DIR", Files.createTempDirectory("ghl-test-data").toString());
    env.put("DATABASE_URL", databaseUrl());
    env.put("REDIS_URL", redisUrl());
    env.put("WORKER_INSTANCES", "2");
    env.put("JOB_POLL_SECONDS", "1");
    // One secret for every test node, so a token works on each; limits far above what tests do.
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("RATE_LIMIT_AUTH", "5000/1m");
    env.put("RATE_LIMIT_UPLOADS", "5000/1m");
    env.put("RATE_LIMIT_READS", "50000/1m");
    env.putAll(overrides);
    return AppConfig.load(env, new Properties());
  }

  /** Starts a whole node (all roles unless NODE_ROLES says otherwise) against the test services. */
  public static Application start(Map<String, String> overrides) throws Exception {
    return Application.start(config(overrides));
  }

  static Path tempFile(String name, byte[] content) throws Exception {
    Path dir = Files.createTempDirectory("ghl-upload");
    return Files.write(dir.resolve(name), content);
  }
}
