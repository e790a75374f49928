package com.ghldata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Application;
import com.ghldata.TestServices;
import com.ghldata.accounts.TestHashes;
import com.ghldata.web.Api;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flyway migrations against real PostgreSQL, each run in a database of its own: an empty
 * database migrates to the latest version, and a database left at each earlier version, holding the
 * users, jobs and files that version's app wrote, keeps every row and every file's bytes when the
 * app migrates it to the latest. What a migration rewrites on purpose (V4's chunks, V5's and V8's
 * retry_helps) is checked value by value.
 */
@Tag("services")
class MigrationsTest {
  private static final int MIB = 1 << 20;
  private static final String PASSWORD = Api.PASSWORD;
  /** Columns a later migration rewrites on purpose: checked per job below, not as "unchanged". */
  private static final String REWRITTEN = "retry_helps";
  /** Every table the app keeps, by its key, so each row can be found again after the upgrade. */
  private static final Map<String, String> KEYS = Map.of("users", "id", "jobs", "id", "password_resets", "token_hash");

  private static final UUID V1_DONE = id("v1-done");
  private static final UUID V1_LOST = id("v1-worker-lost");
  private static final UUID V1_REFUSED = id("v1-refused");
  private static final UUID V1_LONG = id("v1-cell-too-large");
  private static final UUID V1_QUEUED = id("v1-queued");
  private static final UUID V2_DONE = id("v2-done");
  private static final UUID V3_USER = id("v3-user");
  private static final UUID V3_DONE = id("v3-done");
  private static final UUID V4_USER = id("v4-user");
  private static final UUID V4_DONE = id("v4-done");
  private static final UUID V4_RECEIVING = id("v4-receiving");
  private static final UUID V5_DONE = id("v5-done");
  private static final UUID V5_REFUSED = id("v5-refused");
  private static final UUID V5_LONG = id("v5-cell-too-large");
  private static final UUID V5_LOST = id("v5-worker-lost");
  private static final UUID V7_LONG = id("v7-cell-too-large");
  private static final UUID V7_LOST = id("v7-worker-lost");
  private static final UUID V8_DONE = id("v8-done-with-issues");
  private static final String V3_EMAIL = "ana.v3@example.com";
  /** Written at V2: json keeps the engine's key order (jsonb would sort it). */
  private static final String V2_REPORT =
      "{\"total_rows\":3,\"rows_written\":3,\"mapping\":{\"Telefone\":\"Phone\",\"Nome\":\"First Name\"}}";
  private static final String V7_PARAMS = "{\"row\": 12, \"limit\": 32767, \"column\": \"Observações\"}";

  /** What the app of each version wrote, and what must hold of it at the latest version. */
  private static final Map<Integer, Fixture> FIXTURES = Map.of(
      1, new Fixture(MigrationsTest::writtenAtV1, MigrationsTest::checkV1),
      2, new Fixture(MigrationsTest::writtenAtV2, MigrationsTest::checkV2),
      3, new Fixture(MigrationsTest::writtenAtV3, MigrationsTest::checkV3),
      4, new Fixture(MigrationsTest::writtenAtV4, MigrationsTest::checkV4),
      5, new Fixture(MigrationsTest::writtenAtV5, MigrationsTest::checkV5),
      6, new Fixture(MigrationsTest::writtenAtV6, MigrationsTest::checkV6),
      7, new Fixture(MigrationsTest::writtenAtV7, MigrationsTest::checkV7),
      8, new Fixture(MigrationsTest::writtenAtV8, MigrationsTest::checkV8));

  private final List<String> databases = new ArrayList<>();

  @AfterEach
  void dropDatabases() throws Exception {
    for (String url : databases) {
      TestServices.dropDatabase(url);
    }
  }

  @Test
  void anEmptyDatabaseMigratesToTheLatestVersionOnceAndOnlyOnce() throws Exception {
    String url = freshDatabase();
    List<Integer> versions = versions();

    assertThat(Migrations.migrate(url)).isEqualTo(versions.size());

    MigrationInfo[] applied = flyway(url, null).info().applied();
    assertThat(Arrays.stream(applied).map(m -> Integer.parseInt(m.getVersion().getVersion()))).containsExactlyElementsOf(versions);
    assertThat(Arrays.stream(applied).map(MigrationInfo::getState)).containsOnly(MigrationState.SUCCESS);
    try (Connection c = TestServices.connect(url)) {
      assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"))
          .containsExactly("flyway_schema_history", "job_files", "jobs", "password_resets", "users");
    }
    // The app migrates at every start: a second start applies nothing, and the checksums still match.
    assertThat(Migrations.migrate(url)).isZero();
    flyway(url, null).validate();
  }

  @Test
  void everyVersionButTheLatestHasDataWrittenTheWayItsAppWroteIt() throws Exception {
    List<Integer> versions = versions();
    // A new migration needs a fixture for the version before it: what that version's app writes.
    assertThat(new TreeMap<>(FIXTURES).keySet()).containsExactlyElementsOf(versions.subList(0, versions.size() - 1));
  }

  static Stream<Integer> earlierVersions() throws Exception {
    List<Integer> versions = versions();
    return versions.subList(0, versions.size() - 1).stream();
  }

  @ParameterizedTest(name = "from V{0}")
  @MethodSource("earlierVersions")
  void aDatabaseAtAnEarlierVersionKeepsItsUsersJobsAndFilesThroughTheUpgrade(int from) throws Exception {
    String url = databaseAt(from);
    Map<String, Map<String, String>> rowsBefore;
    Map<String, String> filesBefore;
    try (Connection c = TestServices.connect(url)) {
      rowsBefore = rows(c);
      filesBefore = files(c);
    }
    assertThat(rowsBefore.get("jobs")).as("the fixture wrote jobs").isNotEmpty();
    assertThat(filesBefore).as("the fixture wrote files").isNotEmpty();

    int latest = versions().get(versions().size() - 1);
    assertThat(Migrations.migrate(url)).as("migrations applied from V%d", from).isEqualTo(latest - from);

    try (Connection c = TestServices.connect(url)) {
      for (var table : rowsBefore.entrySet()) {
        for (var row : table.getValue().entrySet()) {
          assertThat(sameColumns(c, table.getKey(), row.getKey(), row.getValue()))
              .as("%s %s after the upgrade from V%d", table.getKey(), row.getKey(), from).isEqualTo(row.getValue());
        }
        assertThat(count(c, "SELECT count(*) FROM " + table.getKey())).as("rows of %s", table.getKey())
            .isEqualTo(table.getValue().size());
      }
      assertThat(files(c)).as("every file's bytes (sha-256 and length) after the upgrade from V%d", from)
          .isEqualTo(filesBefore);
      assertChunksWellFormed(c);
      for (int v = 1; v <= from; v++) {
        FIXTURES.get(v).check().run(c);
      }
    }
  }

  @Test
  void anAccountFromVersion3SignsInAndDownloadsItsJobOnTheUpgradedApp() throws Exception {
    String url = databaseAt(3);

    // The app's own start migrates the database (no workers: nothing is to be converted here).
    try (Application app = TestServices.start(Map.of("DATABASE_URL", url, "NODE_ROLES", "http,store"))) {
      Api anonymous = new Api(app.httpPort());
      HttpResponse<byte[]> login = anonymous.postJson("/auth/login", Api.credentials(V3_EMAIL, PASSWORD));
      assertThat(login.statusCode()).as(Api.text(login)).isEqualTo(200);
      Api ana = anonymous.withToken(Api.json(login).getString("token"));

      JsonObject jobs = Api.json(ana.get("/jobs"));
      assertThat(jobs.getLong("total")).isEqualTo(1L);
      JsonObject job = ana.job(V3_DONE.toString());
      assertThat(job.getString("status")).isEqualTo("done");
      assertThat(job.getJsonObject("summary").getLong("total_rows")).isEqualTo(7L);
      HttpResponse<byte[]> download = ana.get("/jobs/" + V3_DONE + "/download");
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo(v3Output());
      // Jobs from before accounts belong to nobody and stay out of every account's reach.
      Api.assertProblem(ana.get("/jobs/" + V1_DONE), 404, "not_found");
    }
  }

  // --- what each version's app wrote ----------------------------------------------------------

  private static void writtenAtV1(Connection c) throws SQLException {
    job(c, V1_DONE, null, "done", null, "{\"total_rows\": 3, \"rows_written\": 2, \"rejected_rows\": 1}");
    file(c, V1_DONE, "upload", bytes(5 * MIB / 2, 1));
    file(c, V1_DONE, "output", bytes(MIB, 2));
    file(c, V1_DONE, "rejects", new byte[0]);
    job(c, V1_LOST, null, "failed", "worker_lost", null);
    job(c, V1_REFUSED, null, "failed", "no_recognisable_column", null);
    job(c, V1_LONG, null, "failed", "cell_too_large", null);
    job(c, V1_QUEUED, null, "queued", null, null);
    file(c, V1_QUEUED, "upload", bytes(100, 3));
  }

  private static void checkV1(Connection c) throws SQLException {
    // V4 cut the single-row files into chunks of 1 MiB; an empty file became no chunk (read as 0 bytes).
    assertThat(chunkSizes(c, V1_DONE, "upload")).containsExactly(MIB, MIB, MIB / 2);
    assertThat(chunkSizes(c, V1_DONE, "output")).containsExactly(MIB);
    assertThat(chunkSizes(c, V1_DONE, "rejects")).isEmpty();
    // V5 guessed from the code whether a retry helps; V8 made long cells retryable.
    assertThat(retryHelps(c, V1_DONE)).isNull();
    assertThat(retryHelps(c, V1_QUEUED)).isNull();
    assertThat(retryHelps(c, V1_LOST)).isTrue();
    assertThat(retryHelps(c, V1_REFUSED)).isFalse();
    assertThat(retryHelps(c, V1_LONG)).isTrue();
    assertThat(strings(c, "SELECT coalesce(error_variant, '') || coalesce(error_params::text, '') FROM jobs WHERE id IN ('"
        + V1_LOST + "', '" + V1_LONG + "')")).containsOnly("");
    assertThat(strings(c, "SELECT report->>'rows_written' FROM jobs WHERE id = '" + V1_DONE + "'")).containsExactly("2");
  }

  private static void writtenAtV2(Connection c) throws SQLException {
    job(c, V2_DONE, null, "done", null, V2_REPORT);
    file(c, V2_DONE, "upload", bytes(4096, 4));
    file(c, V2_DONE, "output", "First Name,Phone\nAna,+5511987654321\n".getBytes());
  }

  private static void checkV2(Connection c) throws SQLException {
    assertThat(strings(c, "SELECT report::text FROM jobs WHERE id = '" + V2_DONE + "'")).containsExactly(V2_REPORT);
  }

  private static void writtenAtV3(Connection c) throws SQLException {
    update(c, "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, '2025-02-01 09:30:00+00')",
        V3_USER, V3_EMAIL, TestHashes.hash(PASSWORD));
    job(c, V3_DONE, V3_USER, "done", null, "{\"total_rows\":7,\"rows_written\":6,\"rejected_rows\":1,\"duplicates_merged\":0}");
    file(c, V3_DONE, "upload", bytes(2 * MIB + 1, 5));
    file(c, V3_DONE, "output", v3Output());
    file(c, V3_DONE, "rejects", "row,Nome,reason\n4,,no_contact\n".getBytes());
  }

  private static void checkV3(Connection c) throws SQLException {
    assertThat(chunkSizes(c, V3_DONE, "upload")).containsExactly(MIB, MIB, 1);
    assertThat(strings(c, "SELECT user_id::text FROM jobs WHERE id = '" + V3_DONE + "'")).containsExactly(V3_USER.toString());
  }

  private static void writtenAtV4(Connection c) throws SQLException {
    update(c, "INSERT INTO users (id, email, password_hash) VALUES (?, 'bruno.v4@example.com', ?)",
        V4_USER, TestHashes.hash(PASSWORD + " 4"));
    job(c, V4_DONE, V4_USER, "done", null, "{\"total_rows\":1,\"rows_written\":1}");
    chunks(c, V4_DONE, "upload", bytes(MIB + 10, 6));
    chunks(c, V4_DONE, "output", bytes(300, 7));
    // A large upload still arriving: its first chunk of two is stored.
    job(c, V4_RECEIVING, V4_USER, "receiving", null, null);
    chunks(c, V4_RECEIVING, "upload", bytes(MIB, 8));
  }

  private static void checkV4(Connection c) throws SQLException {
    assertThat(chunkSizes(c, V4_DONE, "upload")).containsExactly(MIB, 10);
    assertThat(strings(c, "SELECT status FROM jobs WHERE id = '" + V4_RECEIVING + "'")).containsExactly("receiving");
    assertThat(chunkSizes(c, V4_RECEIVING, "upload")).containsExactly(MIB);
  }

  private static void writtenAtV5(Connection c) throws SQLException {
    job(c, V5_DONE, V4_USER, "done", null, "{\"total_rows\":2,\"rows_written\":2}");
    chunks(c, V5_DONE, "upload", bytes(500, 9));
    chunks(c, V5_DONE, "output", bytes(200, 10));
    chunks(c, V5_DONE, "issues", "row,column,value,reason\n2,Email,ana@,invalid_email\n".getBytes());
    // The V5 app stored whether a retry helps with every failure.
    job(c, V5_REFUSED, V4_USER, "failed", "zip_bomb", null);
    job(c, V5_LONG, V4_USER, "failed", "cell_too_large", null);
    job(c, V5_LOST, V4_USER, "failed", "worker_lost", null);
    update(c, "UPDATE jobs SET retry_helps = (error_code = 'worker_lost') WHERE id IN (?, ?, ?)", V5_REFUSED, V5_LONG, V5_LOST);
  }

  private static void checkV5(Connection c) throws SQLException {
    assertThat(chunkSizes(c, V5_DONE, "issues")).hasSize(1);
    assertThat(retryHelps(c, V5_DONE)).isNull();
    assertThat(retryHelps(c, V5_REFUSED)).isFalse();
    assertThat(retryHelps(c, V5_LONG)).as("a long cell no longer fails a file (V8)").isTrue();
    assertThat(retryHelps(c, V5_LOST)).isTrue();
  }

  private static void writtenAtV6(Connection c) throws SQLException {
    update(c, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) "
        + "VALUES (?, ?, '2025-06-01 12:00:00+00', '2025-06-01 12:30:00+00')", "0a".repeat(32), V3_USER);
  }

  private static void checkV6(Connection c) throws SQLException {
    assertThat(strings(c, "SELECT user_id::text FROM password_resets WHERE used_at IS NULL"))
        .containsExactly(V3_USER.toString());
  }

  private static void writtenAtV7(Connection c) throws SQLException {
    job(c, V7_LONG, V4_USER, "failed", "cell_too_large", null);
    update(c, "UPDATE jobs SET error_variant = 'sheet', error_params = ?, retry_helps = false WHERE id = ?",
        json(V7_PARAMS), V7_LONG);
    job(c, V7_LOST, V4_USER, "failed", "worker_lost", null);
    update(c, "UPDATE jobs SET error_params = '{\"attempts\": 3}', retry_helps = true WHERE id = ?", V7_LOST);
  }

  private static void checkV7(Connection c) throws SQLException {
    assertThat(retryHelps(c, V7_LONG)).isTrue();
    assertThat(retryHelps(c, V7_LOST)).isTrue();
    assertThat(strings(c, "SELECT error_variant || ' ' || (error_params = '" + V7_PARAMS + "'::jsonb) FROM jobs WHERE id = '"
        + V7_LONG + "'")).containsExactly("sheet true");
  }

  /** A finished job with its upload, output and issues in rows, as every version before object storage wrote them. */
  private static void writtenAtV8(Connection c) throws SQLException {
    job(c, V8_DONE, V4_USER, "done", null, "{\"total_rows\": 6, \"cell_issues\": {\"invalid_phone\": 1}}");
    chunks(c, V8_DONE, "upload", v3Output());
    chunks(c, V8_DONE, "output", v3Output());
    chunks(c, V8_DONE, "issues", "row,column,value,action,reason,suggestion\r\n2,Telefone,123,removed,invalid_phone,\r\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** V9 (object storage) leaves every chunk where it was: in its row, with no object key. */
  private static void checkV8(Connection c) throws SQLException {
    assertThat(strings(c, "SELECT kind || ':' || (object_key IS NULL) || ':' || (length(content) = size_bytes) FROM job_files "
        + "WHERE job_id = '" + V8_DONE + "' ORDER BY kind")).containsExactly("issues:true:true", "output:true:true",
        "upload:true:true");
  }

  private static byte[] v3Output() {
    return "First Name,Last Name,Email,Phone\nAna,Souza,ana@example.com,+5511987654321\n".repeat(6).getBytes();
  }

  // --- writing rows the way each schema held them ---------------------------------------------

  /** A job with the columns V1 already had; a failed one has its code and an English sentence. */
  private static void job(Connection c, UUID id, UUID user, String status, String errorCode, String report)
      throws SQLException {
    update(c, "INSERT INTO jobs (id, user_id, status, filename_original, size_bytes, sha256, options, attempts, "
        + "error_code, error_message, progress, report, preview, created_at, updated_at, started_at, finished_at) "
        + "VALUES (?, ?, ?, ?, 1234, ?, '{\"country\": \"BR\", \"tag\": \"feira\"}', 1, ?, ?, 7, ?, ?, "
        + "'2025-01-10 08:00:00+00', '2025-01-10 08:00:05+00', '2025-01-10 08:00:01+00', ?::timestamptz)",
        id, user, status, "contatos-" + id.toString().substring(0, 8) + ".csv", "ab".repeat(32),
        errorCode, errorCode == null ? null : "The file failed: " + errorCode + ".",
        json(report), json(report == null ? null : "{\"columns\":[\"First Name\"],\"rows\":[[\"Ana\"]]}"),
        "done".equals(status) || "failed".equals(status) ? "2025-01-10 08:00:05+00" : null);
  }

  /** A file as V1..V3 stored it: one row, the whole content. */
  private static void file(Connection c, UUID job, String kind, byte[] content) throws SQLException {
    update(c, "INSERT INTO job_files (job_id, kind, content, size_bytes) VALUES (?, ?, ?, ?)",
        job, kind, content, (long) content.length);
  }

  /** A file as V4 on stores it: chunks of 1 MiB. */
  private static void chunks(Connection c, UUID job, String kind, byte[] content) throws SQLException {
    for (int seq = 0; seq * MIB < content.length; seq++) {
      byte[] chunk = Arrays.copyOfRange(content, seq * MIB, Math.min(content.length, (seq + 1) * MIB));
      update(c, "INSERT INTO job_files (job_id, kind, seq, content, size_bytes) VALUES (?, ?, ?, ?, ?)",
          job, kind, seq, chunk, chunk.length);
    }
  }

  // --- reading what the database holds --------------------------------------------------------

  /** Every row of every app table, as jsonb text by its key, less the columns migrations rewrite. */
  private static Map<String, Map<String, String>> rows(Connection c) throws SQLException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String table : strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        + "AND table_name NOT IN ('flyway_schema_history', 'job_files')")) {
      String key = KEYS.get(table);
      assertThat(key).as("the key of table %s (add it to KEYS, so its rows are checked)", table).isNotNull();
      Map<String, String> rows = new TreeMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT t." + key + "::text, (to_jsonb(t) - '" + REWRITTEN
          + "')::text FROM " + table + " t"); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getString(2));
        }
      }
      out.put(table, rows);
    }
    return out;
  }

  /** The row's values of the columns {@code before} has, in the same jsonb text form: equal if unchanged. */
  private static String sameColumns(Connection c, String table, String key, String before) throws SQLException {
    List<String> now = strings(c, "SELECT (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(to_jsonb(t)) e "
        + "WHERE e.key IN (SELECT jsonb_object_keys(?::jsonb)))::text FROM " + table + " t WHERE t." + KEYS.get(table)
        + "::text = ?", before, key);
    return now.isEmpty() ? "(row missing)" : now.get(0);
  }

  /** Every non-empty file, whole (single rows before V4, chunks after), as its SHA-256 and length. */
  private static Map<String, String> files(Connection c) throws Exception {
    boolean chunked = !strings(c, "SELECT 1 FROM information_schema.columns WHERE table_name = 'job_files' "
        + "AND column_name = 'seq'").isEmpty();
    Map<String, MessageDigest> digests = new TreeMap<>();
    Map<String, Long> lengths = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT job_id::text || '/' || kind, content FROM job_files ORDER BY "
        + (chunked ? "job_id, kind, seq" : "job_id, kind")); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        byte[] content = rs.getBytes(2);
        digests.computeIfAbsent(rs.getString(1), k -> sha256()).update(content);
        lengths.merge(rs.getString(1), (long) content.length, Long::sum);
      }
    }
    Map<String, String> out = new TreeMap<>();
    digests.forEach((file, digest) -> {
      if (lengths.get(file) > 0) {
        out.put(file, HexFormat.of().formatHex(digest.digest()) + " " + lengths.get(file));
      }
    });
    return out;
  }

  /** Chunks as the app reads them: numbered from 0 without a gap, 1 MiB each but the last, sizes true. */
  private static void assertChunksWellFormed(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT job_id::text || '/' || kind, array_agg(seq ORDER BY seq), "
        + "array_agg(size_bytes ORDER BY seq), bool_and(size_bytes = length(content)) FROM job_files GROUP BY 1");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Integer[] seqs = (Integer[]) rs.getArray(2).getArray();
        Integer[] sizes = (Integer[]) rs.getArray(3).getArray();
        assertThat(seqs).as("chunk numbers of %s", rs.getString(1))
            .containsExactly(IntStream.range(0, seqs.length).boxed().toArray(Integer[]::new));
        for (int i = 0; i < sizes.length; i++) {
          assertThat(sizes[i]).as("chunk %d of %s", i, rs.getString(1)).isPositive().isLessThanOrEqualTo(MIB);
          if (i < sizes.length - 1) {
            assertThat(sizes[i]).as("chunk %d of %s (not the last)", i, rs.getString(1)).isEqualTo(MIB);
          }
        }
        assertThat(rs.getBoolean(4)).as("size_bytes of %s", rs.getString(1)).isTrue();
      }
    }
  }

  private static List<Integer> chunkSizes(Connection c, UUID job, String kind) throws SQLException {
    return strings(c, "SELECT size_bytes::text FROM job_files WHERE job_id = ? AND kind = ? ORDER BY seq", job, kind)
        .stream().map(Integer::valueOf).toList();
  }

  private static Boolean retryHelps(Connection c, UUID job) throws SQLException {
    List<String> v = strings(c, "SELECT retry_helps::text FROM jobs WHERE id = ?", job);
    assertThat(v).as("job %s", job).hasSize(1);
    return v.get(0) == null ? null : Boolean.valueOf(v.get(0));
  }

  // --- databases and plumbing -----------------------------------------------------------------

  /** A fresh database migrated step by step to {@code version}, with each version's data written at it. */
  private String databaseAt(int version) throws Exception {
    String url = freshDatabase();
    for (int v = 1; v <= version; v++) {
      assertThat(flyway(url, String.valueOf(v)).migrate().migrationsExecuted).as("V%d applied", v).isEqualTo(1);
      assertThat(FIXTURES).as("data written at V%d (a fixture for it)", v).containsKey(v);
      try (Connection c = TestServices.connect(url)) {
        FIXTURES.get(v).write().run(c);
      }
    }
    return url;
  }

  private String freshDatabase() throws Exception {
    String url = TestServices.createDatabase("migrations");
    databases.add(url);
    return url;
  }

  /** Flyway as {@link Migrations} configures it, stopping at {@code target} (null: the latest). */
  private static Flyway flyway(String url, String target) {
    Migrations.DbUrl db = Migrations.DbUrl.parse(url);
    var config = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration");
    return (target == null ? config : config.target(target)).load();
  }

  /** The versions of the migrations shipped in the app, in order (V1__x.sql ...). */
  private static List<Integer> versions() throws Exception {
    URL dir = MigrationsTest.class.getClassLoader().getResource("db/migration");
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
          .map(n -> Integer.valueOf(n.substring(1, n.indexOf("__")))).sorted().toList();
    }
  }

  private static UUID id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes());
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON document as an untyped parameter, so the column's type (json or jsonb) decides. */
  private static Object json(String text) {
    return text == null ? null : new Untyped(text);
  }

  private record Untyped(String text) {}

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params)) {
      s.executeUpdate();
    }
  }

  private static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Long.parseLong(strings(c, sql).get(0));
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Untyped u) {
        s.setObject(i + 1, u.text(), Types.OTHER);
      } else if (p == null) {
        s.setNull(i + 1, Types.OTHER);
      } else {
        s.setObject(i + 1, p);
      }
    }
    return s;
  }

  @FunctionalInterface
  private interface Step {
    void run(Connection c) throws Exception;
  }

  private record Fixture(Step write, Step check) {}
}
