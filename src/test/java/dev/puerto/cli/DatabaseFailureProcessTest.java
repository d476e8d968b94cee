package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.GenerateCorpus;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database failures as a user sees them from a real {@code puerto} process with the logging that
 * ships: the connection killed under a running statement and under an import, and a schema that
 * lacks what Puerto queries. One line each, no stack trace, no SQL, no connection pool chatter.
 */
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFailureProcessTest {
  private final TestDatabase testDatabase;
  @TempDir Path work;
  private Map<String, String> env;
  private Connection observer;

  DatabaseFailureProcessTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void connect() throws Exception {
    env = testDatabase.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    CommandLineRun migrated = CommandLineRun.run(env, "sql", "--write", "TRUNCATE inputs CASCADE");
    assertThat(migrated.exitCode()).as(migrated.err()).isZero();
    // Not through Puerto's pool: its connections are named "puerto", the ones to be killed.
    Properties properties = new Properties();
    if (testDatabase.user() != null) {
      properties.setProperty("user", testDatabase.user());
    }
    if (testDatabase.password() != null) {
      properties.setProperty("password", testDatabase.password());
    }
    properties.setProperty("ApplicationName", "puerto-test-observer");
    observer = DriverManager.getConnection(testDatabase.url(), properties);
  }

  @AfterEach
  void disconnect() throws SQLException {
    observer.close();
  }

  @Test
  @Order(1)
  void a_statement_whose_connection_is_killed_fails_in_one_line_that_says_to_run_again()
      throws Exception {
    Path log = work.resolve("sql.log");
    Process puerto =
        PuertoProcess.startWithProductionLogging(env, log, "sql", "SELECT pg_sleep(120)");

    await(() -> count("state = 'active' AND query LIKE 'SELECT pg_sleep(120)%'") == 1, log);
    killPuertoConnections();

    assertThat(puerto.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(puerto.exitValue()).as(output).isEqualTo(ExitCode.DATABASE);
    assertThat(output.lines())
        .as(output)
        .containsExactly(
            "puerto: sql: the database connection failed: terminating connection due to"
                + " administrator command (SQLState 57P01); nothing committed is lost: run the"
                + " command again when the database is back");
  }

  @Test
  @Order(2)
  void an_import_whose_connections_are_killed_stops_with_one_line_and_no_pool_warnings()
      throws Exception {
    Path corpus = work.resolve("corpus");
    GenerateCorpus.main(
        new String[] {
          "--out", corpus.toString(),
          "--manifest", work.resolve("corpus.tsv").toString(),
          "--reports", "400",
          "--records-total", "8000",
          "--seed", "11"
        });
    Path log = work.resolve("import.log");
    Process puerto =
        PuertoProcess.startWithProductionLogging(env, log, "import", corpus.toString());

    await(() -> reports() >= 5, log);
    killPuertoConnections();

    assertThat(puerto.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(puerto.exitValue()).as(output).isEqualTo(ExitCode.DATABASE);
    List<String> lines = output.lines().toList();
    assertThat(lines.get(lines.size() - 1))
        // The kill lands on whichever statement is running: a report's INSERT or an input's
        // UPDATE.
        .containsPattern("^puerto: import: while running an (INSERT into|UPDATE of) ")
        .contains("the database connection failed: ")
        .containsPattern("\\(SQLState (57P01|08006|08003)\\)")
        .endsWith("run the command again when the database is back");
    // Everything before it: progress lines, and the tally of what was done before the failure.
    assertThat(lines.subList(0, lines.size() - 1))
        .allSatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "\\d\\d:\\d\\d:\\d\\d INFO  \\d+/\\d+ inputs.*|"
                            + "|Import stopped by a database failure after [\\d.]+ s"
                            + "|  (inputs seen|reports imported|duplicates|rejected|records|messages)"
                            + " +[\\d,]+.*"));
    assertThat(output).doesNotContain("\tat ", "WARN", "Exception", "insert into", "INSERT INTO");
  }

  @Test
  @Order(3)
  void a_schema_without_what_puerto_queries_is_one_line_and_the_sql_only_at_debug()
      throws Exception {
    Path report = Files.writeString(work.resolve("r.xml"), PoisonedReports.report("id-s"));
    assertThat(CommandLineRun.run(env, "import", report.toString()).exitCode()).isZero();
    try (Statement drop = observer.createStatement()) {
      drop.execute("DROP VIEW dmarc_report_days CASCADE");
    }
    Path log = work.resolve("summary.log");
    Process puerto =
        PuertoProcess.startWithProductionLogging(env, log, "summary", "--week", "2026-W01");
    assertThat(puerto.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(puerto.exitValue()).as(output).isEqualTo(ExitCode.INTERNAL);
    assertThat(output.lines())
        .singleElement()
        .asString()
        .startsWith("puerto: summary: while running a SELECT from ")
        .contains("the database refused a statement of Puerto's: relation \"dmarc_")
        .contains("does not exist (SQLState 42P01); running again will not help")
        .doesNotContain("select ");

    Map<String, String> debug = new HashMap<>(env);
    debug.put("PUERTO_LOG_LEVEL", "DEBUG");
    Path debugLog = work.resolve("summary-debug.log");
    Process debugging =
        PuertoProcess.startWithProductionLogging(debug, debugLog, "summary", "--week", "2026-W01");
    assertThat(debugging.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(Files.readString(debugLog, StandardCharsets.UTF_8))
        .contains("DEBUG summary failed")
        .contains("SQL [select ");
  }

  private void killPuertoConnections() throws SQLException {
    try (Statement kill = observer.createStatement()) {
      kill.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND application_name = 'puerto'");
    }
  }

  private long reports() {
    return query("SELECT count(*) FROM reports");
  }

  private long count(String condition) {
    return query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND application_name = 'puerto' AND "
            + condition);
  }

  private long query(String sql) {
    try (Statement statement = observer.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, Path log)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(() -> "in time; log: " + read(log)).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
