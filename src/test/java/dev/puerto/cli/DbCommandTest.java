package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code puerto db url}: how to reach the embedded server, without ever printing its password. */
class DbCommandTest {
  @TempDir Path home;

  @Test
  void db_url_of_the_embedded_server_says_where_the_password_is_and_never_prints_it()
      throws Exception {
    CommandLineRun run =
        CommandLineRun.run(
            Map.of("PUERTO_HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("c").toString()),
            "db",
            "url");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String password = Files.readString(home.resolve("postgres/password")).strip();
    String port = Files.readString(home.resolve("postgres/port")).strip();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/puerto?user=postgres");
    assertThat(lines.get(1))
        .isEqualTo(
            "PGPASSFILE="
                + home.resolve("postgres/pgpass")
                + " psql \"postgresql://postgres@127.0.0.1:"
                + port
                + "/puerto\"");
    assertThat(run.out()).contains(home.resolve("postgres/password").toString());
    assertThat(run.out() + run.err()).doesNotContain(password);
  }

  @Test
  void the_printed_psql_command_connects_while_the_server_runs() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/psql")), "psql (postgresql-client) is not installed");
    try (Database database = Database.open(new DatabaseSettings(null, null, null, home))) {
      StringWriter printed = new StringWriter();
      DbCommand.printConnection(database, new PrintWriter(printed, true));
      String command = printed.toString().lines().toList().get(1);

      Process psql =
          new ProcessBuilder("sh", "-c", command + " -X -w -Atc 'SELECT current_user'")
              .redirectErrorStream(true)
              .start();
      String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output.strip()).isEqualTo("postgres");
    }
  }

  @Test
  void db_serve_runs_until_sigterm_then_stops_the_server_and_exits_0() throws Exception {
    Path log = home.resolve("serve.log");
    Process serve =
        PuertoProcess.start(
            Map.of("PUERTO_HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("c").toString()),
            log,
            "db",
            "serve");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.readString(log).contains("# serving until interrupted")) {
      assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("serving in time").isLessThan(deadline);
      Thread.sleep(100);
    }

    serve.destroy(); // SIGTERM

    assertThat(serve.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(serve.exitValue()).as(Files.readString(log)).isZero();
  }

  @Test
  void a_path_with_spaces_is_quoted_for_the_shell() {
    assertThat(DbCommand.shellQuote("/home/me/.local/share/puerto/postgres/pgpass"))
        .isEqualTo("/home/me/.local/share/puerto/postgres/pgpass");
    assertThat(DbCommand.shellQuote("/home/me/My Data/it's/pgpass"))
        .isEqualTo("'/home/me/My Data/it'\\''s/pgpass'");
  }
}
