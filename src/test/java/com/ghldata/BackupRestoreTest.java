package com.ghldata;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.infra.Migrations;
import com.ghldata.web.Api;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/backup.sh and scripts/restore.sh, run as an operator would (bash, the machine's pg_dump,
 * pg_restore and psql), on databases of their own on the test PostgreSQL: a backup taken while the
 * app serves restores into a fresh database on which the app hands out the same files and signs the
 * same accounts in; a database that holds tables is replaced only with --force; old backups are pruned.
 */
@Tag("services")
class BackupRestoreTest {
  private static final Path SCRIPTS = Path.of(System.getProperty("user.dir"), "scripts");
  private static final Duration CONVERSION = Duration.ofSeconds(30);

  @TempDir
  Path backups;
  private final List<String> databases = new ArrayList<>();

  @AfterEach
  void dropDatabases() throws Exception {
    for (String url : databases) {
      TestServices.dropDatabase(url);
    }
  }

  @Test
  void aBackupTakenWhileTheAppServesRestoresAccountsJobsAndFilesIntoAFreshDatabase() throws Exception {
    String source = database("backup_source");
    String email = "backup-" + UUID.randomUUID() + "@example.com";
    byte[] csv = golden("generic-pt.csv");
    List<Finished> before = new ArrayList<>();
    Instant backupStarted;
    Instant backupEnded;
    Run backup;
    ConcurrentLinkedQueue<Finished> during = new ConcurrentLinkedQueue<>();
    try (Application app = TestServices.start(Map.of("DATABASE_URL", source))) {
      Api ana = new Api(app.httpPort()).signedUp(email);
      for (String name : List.of("generic-pt.csv", "hubspot.csv")) {
        before.add(convert(ana, name, golden(name)));
      }

      // Uploads go on, one after the other, while the backup runs: the app is not stopped for it.
      AtomicBoolean stop = new AtomicBoolean();
      CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
        try {
          while (!stop.get()) {
            during.add(convert(ana, "during.csv", csv));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitFirst(during, traffic);
      backupStarted = Instant.now();
      backup = run(Map.of("DATABASE_URL", source, "BACKUP_DIR", backups.toString()), "backup.sh");
      backupEnded = Instant.now();
      int seen = during.size();
      // One more conversion that ends after the backup.
      Awaitility.await("a conversion after the backup").atMost(CONVERSION).pollInterval(Duration.ofMillis(50))
          .until(() -> during.size() >= seen + 1 || traffic.isDone());
      stop.set(true);
      traffic.get(60, TimeUnit.SECONDS);
    }

    assertThat(backup.exit()).as("backup.sh: %s", backup.stderr()).isZero();
    Path file = Path.of(backup.lastLine());
    assertThat(file).exists().hasParent(backups);
    assertThat(file.getFileName().toString()).matches("ghl_backup_source_[0-9a-f]{8}-\\d{8}T\\d{6}Z\\.dump");
    assertThat(Files.readAllBytes(file)).startsWith("PGDMP".getBytes(StandardCharsets.US_ASCII)); // pg_dump -Fc
    assertThat(during).as("conversions in flight while pg_dump ran")
        .anyMatch(j -> j.accepted().isBefore(backupEnded) && j.finished().isAfter(backupStarted));

    String target = database("backup_target");
    Run restore = run(Map.of("DATABASE_URL", target), "restore.sh", file.toString());
    assertThat(restore.exit()).as("restore.sh: %s", restore.stderr()).isZero();

    try (Application app = TestServices.start(Map.of("DATABASE_URL", target))) {
      Api anonymous = new Api(app.httpPort());
      HttpResponse<byte[]> login = anonymous.postJson("/auth/login", Api.credentials(email, Api.PASSWORD));
      assertThat(login.statusCode()).as("sign-in on the restored database: %s", Api.text(login)).isEqualTo(200);
      Api.assertProblem(anonymous.postJson("/auth/login", Api.credentials(email, Api.PASSWORD + "!")), 401,
          "invalid_credentials");
      Api ana = anonymous.withToken(Api.json(login).getString("token"));

      List<Finished> backedUp = new ArrayList<>(before);
      during.stream().filter(j -> j.finished().isBefore(backupStarted)).forEach(backedUp::add);
      for (Finished job : backedUp) {
        assertThat(ana.job(job.id()).getString("status")).isEqualTo("done");
        assertThat(ana.get("/jobs/" + job.id() + "/download").body()).as("GHL CSV of %s", job.id())
            .isEqualTo(job.csv());
        assertThat(ana.get("/jobs/" + job.id() + "/rejects").body()).as("rejects of %s", job.id())
            .isEqualTo(job.rejects());
      }
      assertThat(Api.json(ana.get("/jobs")).getLong("total")).isGreaterThanOrEqualTo(backedUp.size());
    }
  }

  @Test
  void restoreRefusesADatabaseThatHoldsTablesAndWithForceReplacesAllOfIt() throws Exception {
    String source = database("restore_source");
    Migrations.migrate(source);
    sql(source, "INSERT INTO users (id, email, password_hash) VALUES (gen_random_uuid(), 'kept@example.com', 'x')");
    Run backup = run(Map.of("DATABASE_URL", source, "BACKUP_DIR", backups.toString()), "backup.sh");
    assertThat(backup.exit()).as(backup.stderr()).isZero();
    String target = database("restore_target");
    Migrations.migrate(target);
    sql(target, "INSERT INTO users (id, email, password_hash) VALUES (gen_random_uuid(), 'other@example.com', 'x')");
    sql(target, "CREATE TABLE left_behind (x int)");

    Run refused = run(Map.of("DATABASE_URL", target), "restore.sh", backup.lastLine());

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.stderr()).contains("is not empty", "public.jobs", "--force");
    assertThat(emails(target)).containsExactly("other@example.com");

    Run forced = run(Map.of("DATABASE_URL", target), "restore.sh", "--force", backup.lastLine());

    assertThat(forced.exit()).as(forced.stderr()).isZero();
    assertThat(emails(target)).containsExactly("kept@example.com");
    assertThat(column(target, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"))
        .containsExactly("flyway_schema_history", "job_files", "jobs", "password_resets", "users");
  }

  @Test
  void aBackupFileCutShortRestoresNothing() throws Exception {
    String source = database("cut_source");
    Migrations.migrate(source);
    // Enough rows that the data, not the table of contents, is what the cut loses.
    sql(source, "INSERT INTO users (id, email, password_hash) SELECT gen_random_uuid(), 'u' || g || '@example.com', "
        + "md5(g::text) FROM generate_series(1, 20000) g");
    Run backup = run(Map.of("DATABASE_URL", source, "BACKUP_DIR", backups.toString()), "backup.sh");
    assertThat(backup.exit()).as(backup.stderr()).isZero();
    byte[] whole = Files.readAllBytes(Path.of(backup.lastLine()));
    Path cut = Files.write(backups.resolve("cut.dump"), java.util.Arrays.copyOf(whole, whole.length / 2));
    String target = database("cut_target");

    Run restore = run(Map.of("DATABASE_URL", target), "restore.sh", cut.toString());

    assertThat(restore.exit()).isEqualTo(1);
    assertThat(restore.stderr()).contains("the database is as it was");
    assertThat(column(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
        .containsExactly("0");
  }

  @Test
  void backupKeepsTheNewestBackupKeepFilesOfItsDatabase() throws Exception {
    String source = database("keep");
    Migrations.migrate(source);
    String prefix = source.substring(source.lastIndexOf('/') + 1);
    List<String> old = List.of("20240101T000000Z", "20240301T120000Z", "20250101T000000Z", "20250601T083000Z");
    for (String stamp : old) {
      Files.writeString(backups.resolve(prefix + "-" + stamp + ".dump"), "old");
    }
    Path otherDatabase = Files.writeString(backups.resolve("ghl_other-20200101T000000Z.dump"), "other");
    Path notABackup = Files.writeString(backups.resolve(prefix + "-notes.dump"), "mine");

    Run backup = run(Map.of("DATABASE_URL", source, "BACKUP_DIR", backups.toString(), "BACKUP_KEEP", "3"), "backup.sh");

    assertThat(backup.exit()).as(backup.stderr()).isZero();
    try (Stream<Path> files = Files.list(backups)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "ghl_other-20200101T000000Z.dump",
          prefix + "-20250101T000000Z.dump",
          prefix + "-20250601T083000Z.dump",
          Path.of(backup.lastLine()).getFileName().toString(),
          prefix + "-notes.dump");
    }
    assertThat(otherDatabase).hasContent("other");
    assertThat(notABackup).hasContent("mine");
    assertThat(backup.stderr()).contains("removed old backup").contains("20240101T000000Z");

    Run wrong = run(Map.of("DATABASE_URL", source, "BACKUP_DIR", backups.toString(), "BACKUP_KEEP", "two"), "backup.sh");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.stderr()).contains("BACKUP_KEEP must be a whole number");
  }

  @Test
  void theDatabasePasswordReachesPgDumpThroughTheEnvironmentNotItsCommandLine(@TempDir Path bin) throws Exception {
    // A pg_dump that records how it was called: the only way to see its command line.
    Path record = bin.resolve("called");
    Path pgDump = bin.resolve("pg_dump");
    Files.writeString(pgDump, "#!/usr/bin/env bash\n"
        + "printf '%s\\n' \"$@\" > '" + record + "'\n"
        + "printf 'PGPASSWORD=%s\\n' \"$PGPASSWORD\" >> '" + record + "'\n"
        + "for a in \"$@\"; do case $a in --file=*) echo PGDMP > \"${a#--file=}\" ;; esac; done\n");
    assertThat(pgDump.toFile().setExecutable(true)).isTrue();

    Run backup = run(Map.of("DATABASE_URL", "postgresql://ghl:p%40ss%3Aw%2Frd%2B1@db.example:6543/ghl_prod?sslmode=require",
        "BACKUP_DIR", backups.toString(), "PATH", bin + ":" + System.getenv("PATH")), "backup.sh");

    assertThat(backup.exit()).as(backup.stderr()).isZero();
    List<String> called = Files.readAllLines(record);
    assertThat(called).contains("--format=custom", "--no-password",
        "--dbname=postgresql://ghl@db.example:6543/ghl_prod?sslmode=require", "PGPASSWORD=p@ss:w/rd+1");
    assertThat(called.subList(0, called.size() - 1)).noneMatch(a -> a.contains("p@ss") || a.contains("p%40ss"));
    assertThat(Path.of(backup.lastLine()).getFileName().toString()).startsWith("ghl_prod-");
  }

  // --- helpers --------------------------------------------------------------------------------

  private record Finished(String id, Instant accepted, Instant finished, byte[] csv, byte[] rejects) {}

  /** Uploads, waits for the conversion and keeps what the app hands out for it. */
  private static Finished convert(Api api, String name, byte[] content) throws Exception {
    Instant accepted = Instant.now();
    String id = api.accepted(name, content, Map.of("country", "BR")).getString("id");
    JsonObject done = api.awaitStatus(id, "done", CONVERSION);
    assertThat(done.getString("status")).isEqualTo("done");
    Instant finished = Instant.now();
    HttpResponse<byte[]> csv = api.get("/jobs/" + id + "/download");
    assertThat(csv.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> rejects = api.get("/jobs/" + id + "/rejects");
    assertThat(rejects.statusCode()).isEqualTo(200);
    return new Finished(id, accepted, finished, csv.body(), rejects.body());
  }

  private static void awaitFirst(ConcurrentLinkedQueue<Finished> during, CompletableFuture<Void> traffic)
      throws Exception {
    Awaitility.await("a first conversion of the traffic").atMost(CONVERSION).pollInterval(Duration.ofMillis(20))
        .until(() -> !during.isEmpty() || traffic.isDone());
    if (during.isEmpty()) {
      traffic.get(); // the failure
    }
  }

  private record Run(int exit, String stdout, String stderr) {
    String lastLine() {
      List<String> lines = stdout.lines().toList();
      assertThat(lines).as("stdout of the script; stderr: %s", stderr).isNotEmpty();
      return lines.get(lines.size() - 1);
    }
  }

  /** Runs a script of scripts/ with only the environment given (and PATH, HOME): nothing inherited. */
  private static Run run(Map<String, String> env, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("script-out", ".txt");
    Path err = Files.createTempFile("script-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script + " did not finish in 120 s: " + Files.readString(err));
    }
    Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  private String database(String purpose) throws Exception {
    String url = TestServices.createDatabase(purpose);
    databases.add(url);
    return url;
  }

  private static void sql(String url, String statement) throws Exception {
    try (var c = TestServices.connect(url); var s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static List<String> column(String url, String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = TestServices.connect(url); var s = c.createStatement(); var rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> emails(String url) throws Exception {
    return column(url, "SELECT email FROM users ORDER BY email");
  }

  private static byte[] golden(String name) throws Exception {
    try (InputStream in = BackupRestoreTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("fixture golden/%s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
