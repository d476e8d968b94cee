package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.GeneratedCorpus;
import dev.puerto.schema.InputStatus;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Import in separate processes, as users run it: killed with SIGKILL midway, and twice at once on
 * the same directory. Each report must end up stored exactly once and never in part.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportCrashSafetyTest {
  private final TestDatabase testDatabase;
  @TempDir static Path work;
  private Path corpus;
  private GeneratedCorpus expected;
  private Database database;
  private DSLContext dsl;

  ImportCrashSafetyTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void generateCorpus() throws Exception {
    expected = GeneratedCorpus.generate(work, 60, 150000, 42);
    corpus = expected.directory();
    database = testDatabase.open();
    dsl = database.dsl();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    dsl.truncate(INPUTS).cascade().execute();
  }

  @Test
  void a_kill_midway_leaves_no_partial_report_and_the_next_run_completes_it() throws Exception {
    Process child = startImport();
    awaitCommittedReports(3, Duration.ofMinutes(2));
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertEveryStoredReportIsComplete();
    assertThat(dsl.fetchCount(REPORTS)).isLessThan(expected.reports());

    CommandLineRun rerun = CommandLineRun.run(env(), "import", corpus.toString());

    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
    assertStoredExactlyOnce();
    assertThat(
            dsl.fetchCount(
                INPUTS, INPUTS.STATUS.notIn(InputStatus.IMPORTED, InputStatus.DUPLICATE)))
        .isZero();
    assertStatusesAreTruthful();
  }

  /** Several importers, one database: the dedup key holds however many write at once. */
  @ParameterizedTest(name = "{0} imports")
  @ValueSource(ints = {2, 4})
  void imports_of_the_same_directory_at_once_store_each_report_once(int processes)
      throws Exception {
    List<Process> imports = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      imports.add(startImport());
    }
    for (Process process : imports) {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).isZero();
    }

    assertStoredExactlyOnce();
    assertEveryStoredReportIsComplete();
    assertStatusesAreTruthful();
  }

  /** An input from which a report is stored is never recorded as a duplicate. */
  private void assertStatusesAreTruthful() {
    assertThat(
            dsl.fetchCount(
                INPUTS,
                INPUTS
                    .STATUS
                    .eq(InputStatus.DUPLICATE)
                    .and(
                        DSL.exists(
                            DSL.selectOne().from(REPORTS).where(REPORTS.INPUT_ID.eq(INPUTS.ID))))))
        .isZero();
    assertThat(dsl.fetchCount(INPUTS, INPUTS.STATUS.eq(InputStatus.PENDING))).isZero();
  }

  private void assertStoredExactlyOnce() {
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(expected.reports());
    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(expected.records());
    assertThat(dsl.select(DSL.sum(RECORDS.MESSAGE_COUNT)).from(RECORDS).fetchSingle().value1())
        .isEqualByComparingTo(Long.toString(expected.messages()));
  }

  private void assertEveryStoredReportIsComplete() {
    var incomplete =
        dsl.select(REPORTS.ID)
            .from(REPORTS)
            .where(
                REPORTS.RECORD_COUNT.ne(
                    DSL.selectCount().from(RECORDS).where(RECORDS.REPORT_KEY.eq(REPORTS.ID))))
            .or(REPORTS.RECORD_COUNT.eq(0))
            .fetch();
    assertThat(incomplete).isEmpty();
  }

  private void awaitCommittedReports(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (dsl.fetchCount(REPORTS) < count) {
      assertThat(System.nanoTime()).as("reports committed in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private Process startImport() throws Exception {
    return PuertoProcess.start(
        env(), Files.createTempFile(work, "import", ".log"), "import", corpus.toString());
  }

  private Map<String, String> env() {
    Map<String, String> env = testDatabase.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }
}
