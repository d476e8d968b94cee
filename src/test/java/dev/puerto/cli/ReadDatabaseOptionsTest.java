package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code --read-db} comes from (option, environment, config file, in that order), what it
 * shares with --db, and its usage errors. The read server here is the test database itself, reached
 * through URLs that differ in their application name, so that each run shows which URL won.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadDatabaseOptionsTest {
  private static final String APPLICATION = "SELECT current_setting('application_name') AS app";

  private final TestDatabase database;
  @TempDir Path work;
  private Map<String, String> env;

  ReadDatabaseOptionsTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void migrate() throws Exception {
    // --read-db never migrates: the primary has done it.
    database.open().close();
  }

  @BeforeEach
  void withoutAPrimary() {
    // No PUERTO_DB_URL: reads through --read-db must not start the embedded server either.
    env = new HashMap<>();
    env.put("PUERTO_HOME", work.resolve("home").toString());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    if (database.user() != null) {
      env.put("PUERTO_DB_USER", database.user());
    }
    if (database.password() != null) {
      env.put("PUERTO_DB_PASSWORD", database.password());
    }
  }

  private String readUrl(String application) {
    return database.url()
        + (database.url().contains("?") ? "&" : "?")
        + "ApplicationName="
        + application;
  }

  private void configFile(String content) throws Exception {
    Path file = work.resolve("config/puerto/puerto.conf");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void the_option_wins_over_the_environment_which_wins_over_the_config_file() throws Exception {
    configFile("PUERTO_READ_DB_URL=" + readUrl("from-file") + "\n");
    CommandLineRun fileOnly = CommandLineRun.run(env, "sql", APPLICATION);
    env.put("PUERTO_READ_DB_URL", readUrl("from-env"));
    CommandLineRun envAndFile = CommandLineRun.run(env, "sql", APPLICATION);
    CommandLineRun all =
        CommandLineRun.run(env, "sql", "--read-db", readUrl("from-option"), APPLICATION);

    assertThat(fileOnly.exitCode()).as(fileOnly.err()).isZero();
    assertThat(fileOnly.out()).contains("from-file");
    assertThat(envAndFile.exitCode()).as(envAndFile.err()).isZero();
    assertThat(envAndFile.out()).contains("from-env");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out()).contains("from-option");
    assertThat(work.resolve("home/postgres")).doesNotExist();
  }

  @Test
  void summary_and_analyze_take_the_option_too() {
    CommandLineRun summary =
        CommandLineRun.run(env, "summary", "--week", "2026-W11", "--read-db", readUrl("s"));

    assertThat(summary.exitCode()).as(summary.err()).isZero();
    assertThat(summary.out()).startsWith("DMARC summary 2026-W11");
    assertThat(CommandLineRun.run(env, "analyze", "--help").out()).contains("--read-db=URL");
  }

  @Test
  void the_sessions_are_read_only_even_on_a_server_that_could_write() {
    CommandLineRun run =
        CommandLineRun.run(
            env,
            "sql",
            "--read-db",
            readUrl("ro"),
            "SELECT current_setting('default_transaction_read_only') AS ro");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("on");
  }

  @Test
  void the_db_user_applies_to_the_read_db_unless_its_url_carries_its_own() {
    env.put("PUERTO_DB_USER", "no_such_user_for_read_db");
    CommandLineRun sharedUser =
        CommandLineRun.run(env, "sql", "--read-db", withoutUser(readUrl("shared")), APPLICATION);
    CommandLineRun ownUser =
        CommandLineRun.run(env, "sql", "--read-db", libpqUrlWithUser("own"), APPLICATION);

    assertThat(sharedUser.exitCode()).isEqualTo(ExitCode.DATABASE);
    assertThat(sharedUser.err())
        .contains("no_such_user_for_read_db")
        .contains("(check --read-db / PUERTO_READ_DB_URL, that the server runs");
    assertThat(ownUser.exitCode()).as(ownUser.err()).isZero();
    assertThat(ownUser.out()).contains("own");
  }

  @Test
  void a_read_db_url_that_is_not_postgresql_is_a_usage_error_that_names_the_option() {
    CommandLineRun run =
        CommandLineRun.run(env, "sql", "--read-db", "mysql://root:hunter2@db/x", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .doesNotContain("hunter2")
        .contains(
            "puerto: the database URL (--read-db / PUERTO_READ_DB_URL) must start with"
                + " jdbc:postgresql://, postgresql:// or postgres://, not 'mysql://root:***@db/x'");
  }

  @Test
  void a_blank_read_db_variable_means_reads_go_to_the_primary() {
    env.put("PUERTO_READ_DB_URL", " ");
    env.put("PUERTO_DB_URL", readUrl("primary"));

    CommandLineRun run = CommandLineRun.run(env, "sql", APPLICATION);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("primary");
  }

  /** The test database as a libpq URL with its user (and password, if it has one) in it. */
  private String libpqUrlWithUser(String application) {
    URI server = URI.create(database.url().substring("jdbc:".length()));
    Matcher inUrl = Pattern.compile("[?&]user=([^&]+)").matcher(database.url());
    String user =
        database.user() != null ? database.user() : inUrl.find() ? inUrl.group(1) : "postgres";
    return "postgresql://"
        + user
        + (database.password() == null ? "" : ":" + database.password())
        + "@"
        + server.getHost()
        + ":"
        + server.getPort()
        + "/"
        + database.name()
        + "?application_name="
        + application;
  }

  private static String withoutUser(String url) {
    return url.replaceAll("([?&])user=[^&]*&?", "$1").replace("?&", "?");
  }
}
