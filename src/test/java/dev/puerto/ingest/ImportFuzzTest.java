package dev.puerto.ingest;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.StoredReports;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.IOException;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The import of one input end to end (unpack, parse, store into a real database) against inputs
 * nobody wrote by hand: coverage-guided fuzzing with Jazzer. Whatever the bytes, nothing escapes
 * the pipeline, the input ends with a final status, and every stored report adds up to its records.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this replays the seeds and every finding kept in {@code
 * src/test/resources/dev/puerto/ingest/ImportFuzzTestInputs/}. To fuzz (README, Development):
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=ImportFuzzTest -Dsurefire.extraArgs=-Xmx256m}.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFuzzTest {
  /** Small bounds keep each run quick; the same code paths as the defaults. */
  private static final UnpackLimits LIMITS =
      new UnpackLimits(64L << 20, 4L << 20, 250, 1L << 20, 6, 1_000);

  /** The database is emptied now and then, so a long run does not fill it. */
  private static final int RUNS_BETWEEN_CLEANUPS = 2_000;

  private final TestDatabase testDatabase;
  private Database database;
  private DSLContext dsl;
  private Ingester ingester;
  private int runs;

  ImportFuzzTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    dsl = database.dsl();
    ingester =
        new Ingester(new Unpacker(LIMITS), ReportParsers.of(false), ReportStores.of(database));
  }

  @AfterAll
  void close() {
    database.close();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
  }

  @FuzzTest(maxDuration = "30m")
  void one_input_is_confined_whatever_its_bytes(byte[] bytes) throws IOException {
    // Jazzer reports every network connection as a server-side request forgery. The pipeline must
    // never connect anywhere (no DTD, no external entity); only the pool to the test database on
    // loopback may, and it does now and then, when it replaces an idle connection. Set on every
    // run: Jazzer resets the policy when fuzzing starts, after the regression inputs.
    BugDetectors.allowNetworkConnections((host, port) -> isLoopback(host));
    if (++runs % RUNS_BETWEEN_CLEANUPS == 0) {
      dsl.truncate(INPUTS).cascade().execute();
    }

    InputResult result =
        ingester.ingest(InboundMessage.ofBytes(new Origin(Origin.Kind.FILE, "fuzz"), bytes));

    InputStatus recorded =
        dsl.select(INPUTS.STATUS)
            .from(INPUTS)
            .where(INPUTS.ID.eq(result.inputId()))
            .fetchSingle()
            .value1();
    assertThat(recorded).isNotEqualTo(InputStatus.PENDING).isEqualTo(result.status());
    assertThat(result.rejections()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    assertThat(StoredReports.notAddingUp(dsl, REPORTS.INPUT_ID.eq(result.inputId()))).isEmpty();
  }
}
