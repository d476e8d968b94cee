package dev.puerto.cli;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseFailure;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run one SQL statement against Puerto's database and print the result.",
      "The statement runs in a read-only transaction: a statement that would change data or the"
          + " schema fails and nothing changes. With --write it runs on its own and is committed."
          + " With --read-db it runs on that server, read-only; with --write always on --db."
          + " A text with more than one statement is refused before anything runs.",
      "Example: puerto sql \"SELECT policy_domain, sum(message_count) FROM dmarc_reports"
          + " GROUP BY 1\""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the statement ran (and, with --write, was committed)",
      "2:not exactly one statement, a change without --write, or the server refused the SQL",
      "3:database unavailable, the connection failed while the statement ran, or the --read-db"
          + " server's schema is not current"
    })
final class SqlCommand implements Callable<Integer> {
  /** Where table cells are cut on a terminal. */
  static final int TERMINAL_CELL_WIDTH = 80;

  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Mixin ReadDatabaseOption readDatabase;

  @Parameters(
      index = "0",
      paramLabel = "STATEMENT",
      description = "one SQL statement (a trailing ; and comments are fine)")
  String statement;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table (aligned, cells cut at 80 characters on a terminal), csv, tsv or json (an array"
              + " of objects); default ${DEFAULT-VALUE}")
  SqlFormat format;

  @Option(
      names = "--write",
      description =
          "allow the statement to change data or the schema; it runs outside a transaction"
              + " block, on --db (also when --read-db is set), and is committed when it succeeds")
  boolean write;

  @Override
  public Integer call() throws Exception {
    // Refused before the database starts, on the server's default standard_conforming_strings;
    // checked again below with the connection's own setting.
    SqlText.single(statement, true);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // A write goes to the primary; a read to --read-db when it is set.
    try (Database database = write ? main.openDatabase() : readDatabase.openForReads(main)) {
      DSLContext dsl = database.dsl();
      ConnectionProvider connections = dsl.configuration().connectionProvider();
      Connection connection = connections.acquire();
      Outcome outcome;
      try {
        outcome = run(connection, dsl);
      } finally {
        connections.release(connection);
      }
      if (outcome.failure() != null) {
        return report(outcome.failure(), database, err);
      }
      SqlOutput output = new SqlOutput(format, main.stdoutTerminal(), out);
      for (Result<Record> result : outcome.results()) {
        output.print(result);
      }
      for (int count : outcome.updateCounts()) {
        output.printUpdateCount(count, write, err);
      }
      out.flush();
    }
    return ExitCode.OK;
  }

  /** Runs the statement, read-only unless --write; SQL failures are returned, not thrown. */
  private Outcome run(Connection connection, DSLContext dsl) throws ConfigException {
    List<Result<Record>> results = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    boolean autoCommit = true;
    try {
      autoCommit = connection.getAutoCommit();
      String sql =
          SqlText.single(
              statement, connection.unwrap(BaseConnection.class).getStandardConformingStrings());
      if (write) {
        connection.setAutoCommit(true);
      } else {
        connection.setAutoCommit(false);
        try (Statement readOnly = connection.createStatement()) {
          readOnly.execute("SET TRANSACTION READ ONLY");
        }
      }
      try (Statement run = connection.createStatement()) {
        run.setEscapeProcessing(false);
        boolean isResultSet = run.execute(sql);
        while (true) {
          if (isResultSet) {
            try (ResultSet rows = run.getResultSet()) {
              results.add(dsl.fetch(rows));
            }
          } else if (run.getUpdateCount() >= 0) {
            counts.add(run.getUpdateCount());
          } else {
            break;
          }
          isResultSet = run.getMoreResults();
        }
      }
      if (!write) {
        connection.rollback();
      }
      return new Outcome(results, counts, null);
    } catch (SQLException e) {
      rollbackQuietly(connection);
      return new Outcome(List.of(), List.of(), e);
    } finally {
      try {
        connection.setAutoCommit(autoCommit);
      } catch (SQLException e) {
        // the pool discards a broken connection
      }
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // the connection is gone; nothing was committed
    }
  }

  /** One line on stderr; exit 2 for the statement's own fault, 3 for the database's. */
  private int report(SQLException failure, Database database, PrintWriter err) {
    DatabaseFailure described = DatabaseFailure.of(failure, null);
    String state = described.sqlState();
    boolean readOnly = "25006".equals(state);
    boolean statementsFault =
        !described.kind().databaseFailed() || readOnly || "42501".equals(state);
    if (!statementsFault) {
      err.println("puerto: " + described.describe("sql"));
      return ExitCode.DATABASE;
    }
    err.println(
        "puerto: SQL error: "
            + described.serverMessage()
            + position(failure)
            + (state == null ? "" : " (SQLState " + state + ")")
            + (readOnly && !write ? readOnlyAdvice(database) : "")
            + ("25001".equals(state) && !write
                ? "; with --write the statement runs on its own, outside a transaction block"
                : ""));
    return ExitCode.USAGE;
  }

  private static String readOnlyAdvice(Database database) {
    return database.readOnly()
        ? "; with --read-db the statement ran on the read-only server "
            + database.url()
            + ": give --write to change data on the primary (--db), nothing was changed"
        : "; puerto sql is read-only: give --write to change data, nothing was changed";
  }

  private static String position(SQLException failure) {
    if (failure instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      if (server != null && server.getPosition() > 0) {
        return " at character " + server.getPosition();
      }
    }
    return "";
  }

  private record Outcome(
      List<Result<Record>> results, List<Integer> updateCounts, SQLException failure) {}
}
