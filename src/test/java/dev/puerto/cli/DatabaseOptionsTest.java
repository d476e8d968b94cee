package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The database options: URL forms and timeouts, as option, environment or config key. */
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
        .contains(
            "--db-connect-timeout must be a duration such as 30s, 5m, 1h or 400d, not 'soon'");
  }

  @Test
  void a_libpq_url_connects_with_its_parameters_and_its_password_is_never_shown() {
    String url = libpqUrl("not-needed-here-pw") + "?application_name=from-the-url";
    Map<String, String> noDatabase = new HashMap<>(env);
    noDatabase.remove("PUERTO_DB_URL");

    CommandLineRun sql =
        CommandLineRun.run(
            noDatabase, "--db", url, "sql", "SELECT current_setting('application_name') AS app");
    CommandLineRun dbUrl = CommandLineRun.run(noDatabase, "--db", url, "db", "url");

    assertThat(sql.exitCode()).as(sql.err()).isZero();
    assertThat(sql.out()).contains("from-the-url");
    assertThat(dbUrl.exitCode()).as(dbUrl.err()).isZero();
    URI server = server();
    assertThat(dbUrl.out())
        .startsWith(
            "jdbc:postgresql://"
                + server.getHost()
                + ":"
                + server.getPort()
                + "/"
                + database.name()
                + "?ApplicationName=from-the-url");
    assertThat(dbUrl.out())
        .contains(
            "psql \"postgresql://"
                + user()
                + "@"
                + server.getHost()
                + ":"
                + server.getPort()
                + "/"
                + database.name()
                + "?application_name=from-the-url\"");
    assertThat(sql.out() + sql.err() + dbUrl.out() + dbUrl.err())
        .doesNotContain("not-needed-here-pw");
  }

  @Test
  void a_url_that_is_neither_jdbc_nor_libpq_is_a_usage_error_without_its_password() {
    CommandLineRun run =
        CommandLineRun.run(Map.of(), "--db", "mysql://root:hunter2@db/x", "sql", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .doesNotContain("hunter2")
        .contains(
            "puerto: the database URL (--db / PUERTO_DB_URL) must start with jdbc:postgresql://,"
                + " postgresql:// or postgres://, not 'mysql://root:***@db/x'");
  }

  /** The test database as a libpq URL with user and password in it. */
  private String libpqUrl(String fallbackPassword) {
    URI server = server();
    String user = user();
    String password = database.password() != null ? database.password() : fallbackPassword;
    return "postgresql://"
        + user
        + ":"
        + password
        + "@"
        + server.getHost()
        + ":"
        + server.getPort()
        + "/"
        + database.name();
  }

  private String user() {
    if (database.user() != null) {
      return database.user();
    }
    Matcher inUrl = Pattern.compile("[?&]user=([^&]+)").matcher(database.url());
    return inUrl.find() ? inUrl.group(1) : "postgres";
  }

  private URI server() {
    return URI.create(database.url().substring("jdbc:".length()));
  }
}
