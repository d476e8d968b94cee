package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The database timeouts, as option, environment or config key. */
@ExtendWith(PostgresExtension.class)
class DatabaseOptionsTest {
  private final TestDatabase database;
  @TempDir Path work;
  private Map<String, String> env;

  DatabaseOptionsTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void pointAtTestDatabase() {
    env = database.environment();
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
  }

  @Test
  void the_statement_timeout_option_and_variable_reach_the_server() {
    CommandLineRun option =
        CommandLineRun.run(env, "--db-statement-timeout", "42s", "sql", "SHOW statement_timeout");
    env.put("PUERTO_DB_STATEMENT_TIMEOUT", "90s");
    CommandLineRun variable = CommandLineRun.run(env, "sql", "SHOW statement_timeout");

    assertThat(option.exitCode()).as(option.err()).isZero();
    assertThat(option.out()).contains("42s");
    assertThat(variable.exitCode()).as(variable.err()).isZero();
    assertThat(variable.out()).contains("90s");
  }

  @Test
  void raising_the_statement_timeout_alone_raises_the_socket_timeout_with_it() {
    CommandLineRun run =
        CommandLineRun.run(env, "--db-statement-timeout", "10m", "sql", "SHOW statement_timeout");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("10min");
  }

  @Test
  void a_socket_timeout_not_longer_than_the_statement_timeout_is_a_usage_error() {
    CommandLineRun run = CommandLineRun.run(env, "--db-socket-timeout", "1m", "sql", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains(
            "puerto: the socket timeout (--db-socket-timeout, PUERTO_DB_SOCKET_TIMEOUT) must be"
                + " longer than the statement timeout (--db-statement-timeout,"
                + " PUERTO_DB_STATEMENT_TIMEOUT) (2m), so that the server's own cancel of a slow"
                + " statement is reported first; it is 1m");
  }

  @Test
  void a_timeout_that_is_not_a_duration_is_a_usage_error() {
    env.put("PUERTO_DB_CONNECT_TIMEOUT", "soon");
    CommandLineRun run = CommandLineRun.run(env, "sql", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("--db-connect-timeout must be a duration such as 30s, 5m or 1h, not 'soon'");
  }
}
