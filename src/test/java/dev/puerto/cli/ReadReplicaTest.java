package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.analyze.TestZones;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import dev.puerto.testing.ReplicatedClusters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code --read-db} against a real primary and hot standby (streaming replication): reads go to the
 * standby, writes to the primary, and a standby that has not replayed the schema is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadReplicaTest {
  /** Nothing listens there: a command that needed the primary would fail with exit code 3. */
  private static final String NO_PRIMARY = "jdbc:postgresql://127.0.0.1:1/puerto?user=nobody";

  private ReplicatedClusters clusters;
  private DnsTestServer dns;
  private final Map<String, String> env = new HashMap<>();
  private String primary;
  private String standby;

  @BeforeAll
  void importIntoThePrimaryAndLetTheStandbyReplay() throws Exception {
    clusters = ReplicatedClusters.startOrSkip();
    primary = clusters.primaryUrl("puerto");
    standby = clusters.standbyUrl("puerto");
    dns = TestZones.start();
    env.put("XDG_CONFIG_HOME", "/nonexistent-config-for-tests");
    env.put("PUERTO_DNS_SERVER", dns.hostAndPort());
    env.put("PUERTO_BLOCKLISTS", "zen.spamhaus.org");

    // reports-samples/bad holds inputs the import rejects: exit code 1, the rest imported.
    CommandLineRun imported = puerto("--db", primary, "import", "reports-samples/");
    assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCode.REJECTED);
    Duration importLag = clusters.awaitReplay();
    try (Database db = Database.open(new DatabaseSettings(primary, null, null, null))) {
      AggregateXml.report("example.com", "replica-1", Instant.now().minus(Duration.ofDays(1)))
          .record(
              Row.failing("167.89.1.1", 40)
                  .envelopeFrom("sendgrid.net")
                  .spfAuth("sendgrid.net", "pass"))
          .record(Row.failing("203.0.113.66", 9))
          .record(Row.passing("192.0.2.1", 1000))
          .importInto(db);
    }
    Duration reportLag = clusters.awaitReplay();
    // A figure for the README, not asserted: how long after the commit the standby had it.
    System.out.println(
        "ReadReplicaTest: replay caught up "
            + importLag.toNanos() / 100_000 / 10.0
            + " ms after the import of reports-samples/ ended, "
            + reportLag.toNanos() / 100_000 / 10.0
            + " ms after one more report was committed");
  }

  @AfterAll
  void stop() {
    if (dns != null) {
      dns.close();
    }
    if (clusters != null) {
      clusters.close();
    }
  }

  private CommandLineRun puerto(String... args) {
    return CommandLineRun.run(env, args);
  }

  @Test
  void summary_from_the_standby_prints_exactly_what_summary_from_the_primary_prints() {
    CommandLineRun fromPrimary = puerto("--db", primary, "summary", "--week", "2026-W11");
    CommandLineRun fromStandby =
        puerto("--db", primary, "summary", "--week", "2026-W11", "--read-db", standby);

    assertThat(fromPrimary.exitCode()).as(fromPrimary.err()).isZero();
    assertThat(fromPrimary.out()).contains("== example.com");
    assertThat(fromStandby.exitCode()).as(fromStandby.err()).isZero();
    assertThat(fromStandby.out()).isEqualTo(fromPrimary.out());
    timings();
  }

  /** Rough figures for the README, not asserted: in-process runs, interleaved, after warming up. */
  private void timings() {
    String[] fromPrimary = {"--db", primary, "summary", "--week", "2026-W11"};
    String[] fromStandby = {"--db", primary, "summary", "--week", "2026-W11", "--read-db", standby};
    for (int i = 0; i < 3; i++) {
      millis(fromPrimary);
      millis(fromStandby);
    }
    List<Long> onPrimary = new ArrayList<>();
    List<Long> onStandby = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      onPrimary.add(millis(fromPrimary));
      onStandby.add(millis(fromStandby));
    }
    System.out.println(
        "ReadReplicaTest: summary --week 2026-W11 in-process, median ms: primary "
            + median(onPrimary)
            + " "
            + onPrimary
            + ", standby "
            + median(onStandby)
            + " "
            + onStandby);
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private long millis(String... args) {
    long start = System.nanoTime();
    assertThat(puerto(args).exitCode()).isZero();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void summary_and_sql_with_read_db_do_not_need_the_primary_at_all() {
    CommandLineRun summary =
        puerto("--db", NO_PRIMARY, "summary", "--week", "2026-W11", "--read-db", standby);
    CommandLineRun sql =
        puerto("--db", NO_PRIMARY, "sql", "--read-db", standby, "SELECT count(*) FROM inputs");

    assertThat(summary.exitCode()).as(summary.err()).isZero();
    assertThat(summary.out()).startsWith("DMARC summary 2026-W11");
    assertThat(sql.exitCode()).as(sql.err()).isZero();
  }

  @Test
  void sql_with_read_db_counts_what_the_primary_holds() {
    String count = "SELECT count(*) AS n FROM dmarc_records";
    CommandLineRun fromPrimary = puerto("--db", primary, "sql", "--format", "csv", count);
    CommandLineRun fromStandby =
        puerto("--db", primary, "sql", "--read-db", standby, "--format", "csv", count);

    assertThat(fromPrimary.exitCode()).as(fromPrimary.err()).isZero();
    assertThat(fromPrimary.out()).matches("n\\r?\\n[1-9][0-9]*\\r?\\n");
    assertThat(fromStandby.exitCode()).as(fromStandby.err()).isZero();
    assertThat(fromStandby.out()).isEqualTo(fromPrimary.out());
  }

  @Test
  void the_sessions_on_the_read_db_are_read_only() {
    CommandLineRun run =
        puerto(
            "--db",
            primary,
            "sql",
            "--read-db",
            standby,
            "--format",
            "csv",
            "SELECT current_setting('default_transaction_read_only') AS ro, pg_is_in_recovery() AS"
                + " standby");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("on,t");
  }

  @Test
  void a_write_through_sql_with_read_db_is_refused_and_says_where_writes_go() {
    String before = ReplicatedClusters.query(primary, "SELECT count(*) FROM records");

    CommandLineRun run =
        puerto("--db", primary, "sql", "--read-db", standby, "DELETE FROM records");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .startsWith(
            "puerto: SQL error: cannot execute DELETE in a read-only transaction (SQLState 25006);"
                + " with --read-db the statement ran on the read-only server "
                + standby
                + ": give --write to change data on the primary (--db), nothing was changed");
    assertThat(ReplicatedClusters.query(primary, "SELECT count(*) FROM records")).isEqualTo(before);
  }

  @Test
  void sql_with_write_runs_on_the_primary_also_when_read_db_is_set() {
    CommandLineRun run =
        puerto(
            "--db",
            primary,
            "sql",
            "--read-db",
            standby,
            "--write",
            "CREATE TABLE written_with_read_db (x int)");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(
            ReplicatedClusters.query(
                primary, "SELECT to_regclass('written_with_read_db') IS NOT NULL"))
        .isEqualTo("t");
  }

  @Test
  void analyze_reads_the_reports_from_the_standby_and_stores_its_findings_on_the_primary()
      throws Exception {
    ReplicatedClusters.execute(primary, "DELETE FROM findings");
    clusters.awaitReplay();
    // A report the standby has not replayed yet: analyze from the standby does not see it.
    clusters.pauseReplay();
    try {
      try (Database db = Database.open(new DatabaseSettings(primary, null, null, null))) {
        AggregateXml.report("strict.example", "replica-2", Instant.now().minus(Duration.ofDays(1)))
            .record(Row.failing("203.0.113.9", 3))
            .importInto(db);
      }

      CommandLineRun run =
          puerto(
              "--db",
              primary,
              "analyze",
              "--read-db",
              standby,
              "--dns-timeout",
              "300",
              "--format",
              "json");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
      JsonNode json = new ObjectMapper().readTree(run.out());
      List<String> analysed =
          json.get("findings").findValuesAsText("policy_domain").stream().distinct().toList();
      assertThat(analysed).containsExactly("example.com");
      assertThat(
              ReplicatedClusters.query(
                  primary,
                  "SELECT string_agg(DISTINCT policy_domain || ' ' || host(source_ip), ', ' ORDER BY"
                      + " policy_domain || ' ' || host(source_ip)) FROM findings"))
          .isEqualTo("example.com 167.89.1.1, example.com 203.0.113.66");
    } finally {
      clusters.resumeReplay();
    }
    clusters.awaitReplay();
    assertThat(ReplicatedClusters.query(standby, "SELECT count(*) FROM findings")).isEqualTo("2");
  }

  @Test
  void a_standby_that_has_not_replayed_the_latest_migration_is_refused_until_it_has() {
    clusters.createDatabase("lagging");
    String lagging = clusters.primaryUrl("lagging");
    String laggingStandby = clusters.standbyUrl("lagging");
    MigrationInfo[] migrations = flyway(lagging).load().info().all();
    String newest = migrations[migrations.length - 1].getVersion().getVersion();
    String before = migrations[migrations.length - 2].getVersion().getVersion();
    flyway(lagging).target(before).load().migrate();
    clusters.awaitReplay();
    clusters.pauseReplay();
    CommandLineRun behind;
    try {
      CommandLineRun migrated = puerto("--db", lagging, "db", "migrate");
      assertThat(migrated.exitCode()).as(migrated.err()).isZero();

      behind =
          puerto("--db", lagging, "summary", "--week", "2026-W11", "--read-db", laggingStandby);
    } finally {
      clusters.resumeReplay();
    }
    clusters.awaitReplay();
    CommandLineRun caughtUp =
        puerto("--db", lagging, "summary", "--week", "2026-W11", "--read-db", laggingStandby);

    assertThat(behind.exitCode()).isEqualTo(ExitCode.DATABASE);
    assertThat(behind.out()).isEmpty();
    assertThat(behind.err())
        .startsWith(
            "puerto: the read database "
                + laggingStandby
                + " (--read-db / PUERTO_READ_DB_URL) cannot be used yet: its schema is at version "
                + before
                + ", behind the version "
                + newest
                + " this Puerto needs.")
        .contains("run a command against --db, wait until the standby has caught up");
    assertThat(caughtUp.exitCode()).as(caughtUp.err()).isZero();
  }

  @Test
  void a_database_without_puertos_schema_is_refused_as_read_db_and_left_as_it_was() {
    CommandLineRun run =
        puerto("--db", primary, "sql", "--read-db", clusters.standbyUrl("postgres"), "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(ExitCode.DATABASE);
    assertThat(run.err())
        .contains("cannot be used yet: it has no Puerto schema (no table flyway_schema_history)");
    assertThat(
            ReplicatedClusters.query(
                clusters.primaryUrl("postgres"),
                "SELECT to_regclass('flyway_schema_history') IS NULL"))
        .isEqualTo("t");
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
    return Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration");
  }
}
