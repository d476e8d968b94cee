package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code puerto prune} as a user runs it: its cutoff is required, its dry run changes nothing. */
@ExtendWith(PostgresExtension.class)
class PruneCommandTest {
  private final TestDatabase testDatabase;
  @TempDir Path work;
  private Map<String, String> env;
  private Database database;
  private DSLContext dsl;

  PruneCommandTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void importTheSamples() throws Exception {
    env = testDatabase.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    database = testDatabase.open();
    dsl = database.dsl();
    dsl.truncate(INPUTS).cascade().execute();
    CommandLineRun imported = CommandLineRun.run(env, "import", "reports-samples/tricky");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void without_a_cutoff_prune_is_a_usage_error_that_says_what_to_give() {
    CommandLineRun run = CommandLineRun.run(env, "prune");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("prune needs --older-than (or PUERTO_PRUNE_OLDER_THAN)");
  }

  @Test
  void a_cutoff_that_is_not_a_duration_is_named_in_the_error() {
    CommandLineRun run = CommandLineRun.run(env, "prune", "--older-than", "a year");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--older-than must be a duration such as 30s, 5m, 1h or 400d");
  }

  @Test
  void a_dry_run_says_what_would_go_and_removes_nothing() {
    int records = dsl.fetchCount(RECORDS);
    // the samples' months, unless they are so old that they were filed under this month
    int old =
        dsl.fetchCount(
            RECORDS,
            RECORDS.PERIOD_MONTH.lt(
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).withDayOfMonth(1)));

    CommandLineRun run = CommandLineRun.run(env, "prune", "--older-than", "1d", "--dry-run");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Would prune what is older than ")
        .containsPattern("records +" + String.format("%,d", old) + "\n")
        .containsPattern("raw inputs +kept   \\(--raw drop removes them\\)");
    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(records);
  }

  @Test
  void the_cutoff_may_come_from_the_config_key_watch_reads_too() {
    env.put("PUERTO_PRUNE_OLDER_THAN", "100000d");

    CommandLineRun run = CommandLineRun.run(env, "prune");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Pruned what is older than ").containsPattern("records +0\n");
  }
}
