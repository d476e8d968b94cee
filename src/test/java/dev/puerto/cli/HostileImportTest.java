package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.schema.InputStatus;
import dev.puerto.store.Database;
import dev.puerto.testing.HostileFolder;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.StoredReports;
import dev.puerto.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Hostile inputs imported as a user runs Puerto, in a JVM of 256 MiB: the run goes on to the end,
 * every input ends with a final status and its reason, what is stored adds up, and no stack trace
 * or control character reaches the terminal.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileImportTest {
  private final TestDatabase testDatabase;
  @TempDir static Path work;
  private Database database;
  private DSLContext dsl;

  HostileImportTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
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
  void a_folder_of_hostile_inputs_imports_in_a_256_mebibyte_heap_and_ends_every_input()
      throws Exception {
    List<HostileFolder.Input> inputs =
        HostileFolder.write(work.resolve("hostile"), HostileFolder.Scale.TEST);
    Path log = work.resolve("hostile.log");

    Process run =
        PuertoProcess.start(
            env(),
            log,
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
            "import",
            work.resolve("hostile").toString());

    assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the import ends").isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isEqualTo(1);
    assertThat(output).doesNotContain("\tat ", "Exception in", "OutOfMemoryError", "\u001b");
    for (HostileFolder.Input input : inputs) {
      InputStatus status =
          dsl.select(INPUTS.STATUS)
              .from(INPUTS)
              .where(INPUTS.ORIGIN.eq(input.file().toString()))
              .fetchSingle()
              .value1();
      InputStatus expected =
          input.reportsStored() == 0
              ? InputStatus.REJECTED
              : input.rejectsSomething() ? InputStatus.PARTIAL : InputStatus.IMPORTED;
      assertThat(status).as(input.file().getFileName().toString()).isEqualTo(expected);
    }
    assertThat(dsl.fetchCount(REPORTS))
        .isEqualTo(inputs.stream().mapToInt(HostileFolder.Input::reportsStored).sum());
    assertThat(StoredReports.notAddingUp(dsl, DSL.trueCondition())).isEmpty();
  }

  @Test
  void stdin_over_the_limit_is_cut_off_and_rejected_without_holding_it() throws Exception {
    Path log = work.resolve("stdin.log");
    Process run =
        PuertoProcess.start(
            env(), log, List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"), "import", "-");
    byte[] zeros = new byte[1 << 20];
    try (OutputStream stdin = run.getOutputStream()) {
      for (int mib = 0; mib < 600; mib++) {
        stdin.write(zeros);
      }
    } catch (IOException closedEarly) {
      // Puerto may stop reading once it is past the limit: that is the point.
    }

    assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .contains("-: input is larger than the 512 MiB limit (536,870,913 bytes); only its first")
        .doesNotContain("\tat ");
    var row = dsl.select(INPUTS.RAW_TRUNCATED, INPUTS.STATUS).from(INPUTS).fetchSingle();
    assertThat(row.value1()).isTrue();
    assertThat(row.value2()).isEqualTo(InputStatus.REJECTED);
  }

  private Map<String, String> env() {
    Map<String, String> env = testDatabase.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }
}
