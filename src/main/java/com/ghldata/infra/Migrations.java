package com.ghldata.infra;

import java.net.URI;
import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations in db/migration. Blocking (JDBC): run on a worker thread. */
public final class Migrations {
  private Migrations() {}

  /** @return the number of migrations applied now */
  public static int migrate(String databaseUrl) {
    DbUrl db = DbUrl.parse(databaseUrl);
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** A postgresql://user:password@host:port/db URL in the pieces JDBC wants. */
  public record DbUrl(String jdbcUrl, String user, String password) {
    public static DbUrl parse(String url) {
      URI uri = URI.create(url);
      String user = "postgres";
      String password = null;
      if (uri.getUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        user = java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8);
        password = parts.length > 1 ? java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8) : null;
      }
      int port = uri.getPort() > 0 ? uri.getPort() : 5432;
      String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return new DbUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + query, user, password);
    }
  }
}
