package dev.puerto.cli;

import dev.puerto.store.Database;
import dev.puerto.store.EmbeddedConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Database commands.",
    subcommands = {DbCommand.Url.class, DbCommand.Migrate.class, DbCommand.Serve.class})
final class DbCommand {
  @ParentCommand Main main;

  @Command(
      name = "url",
      mixinStandardHelpOptions = true,
      description = {
        "Print the JDBC URL of Puerto's database and a ready psql command for it.",
        "The embedded server runs only while a puerto command runs: keep it up with"
            + " 'puerto db serve' while you use psql."
      })
  static final class Url implements Callable<Integer> {
    @ParentCommand DbCommand db;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Database database = db.main.openDatabase()) {
        printConnection(database, spec.commandLine().getOut());
        if (database.embedded()) {
          spec.commandLine()
              .getOut()
              .println(
                  "# the embedded server stops when this command exits;"
                      + " run 'puerto db serve' to keep it up for psql");
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Bring the database schema up to date (every command also does this first).")
  static final class Migrate implements Callable<Integer> {
    @ParentCommand DbCommand db;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (Database database = db.main.openDatabase()) {
        spec.commandLine()
            .getOut()
            .println("schema of " + database.url() + " is at version " + database.schemaVersion());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description =
          "Start the database (the embedded one, unless --db is given) and keep it running"
              + " until interrupted (Ctrl-C), so psql and dashboards can connect.")
  static final class Serve implements Callable<Integer> {
    @ParentCommand DbCommand db;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      // SIGINT and SIGTERM end the wait; the database then stops, and the exit code is 0.
      try (StopSignal stop = StopSignal.install();
          Database database = db.main.openDatabase()) {
        PrintWriter out = spec.commandLine().getOut();
        printConnection(database, out);
        out.println("# serving until interrupted (Ctrl-C)");
        out.flush();
        while (!stop.requested()) {
          stop.sleep(Duration.ofHours(1));
        }
      }
      return ExitCode.OK;
    }
  }

  /**
   * The JDBC URL first, then how to connect with psql; for the embedded server, where its password
   * is (the password itself is never printed).
   */
  static void printConnection(Database database, PrintWriter out) {
    Optional<EmbeddedConnection> embedded = database.embeddedConnection();
    if (embedded.isEmpty()) {
      out.println(database.url());
      out.println("psql \"" + database.psqlUrl() + "\"");
      return;
    }
    EmbeddedConnection connection = embedded.get();
    String pgpass = shellQuote(connection.pgpassFile().toString());
    out.println(connection.jdbcUrl());
    out.println("PGPASSFILE=" + pgpass + " psql \"" + connection.libpqUrl() + "\"");
    out.println(
        "# password of role "
            + connection.user()
            + ": first line of "
            + shellQuote(connection.passwordFile().toString())
            + " (readable only by you)");
    out.println("# JDBC tools (pgjdbc) find it too when started with PGPASSFILE=" + pgpass);
  }

  /** Single quotes unless the text is plainly safe for a POSIX shell. */
  static String shellQuote(String text) {
    if (text.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
