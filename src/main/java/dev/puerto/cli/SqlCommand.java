package dev.puerto.cli;

import dev.puerto.store.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jooq.Result;
import org.jooq.Results;
import org.jooq.TXTFormat;
import org.jooq.exception.DataAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run one SQL statement against Puerto's database and print the result as a table.",
      "Example: puerto sql \"SELECT policy_domain, sum(message_count) FROM dmarc_reports"
          + " GROUP BY 1\""
    })
final class SqlCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "STATEMENT", description = "the SQL statement")
  String statement;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = main.openDatabase()) {
      Results results;
      try {
        results = database.dsl().resultQuery(statement).fetchMany();
      } catch (DataAccessException e) {
        throw new ConfigException("SQL error: " + e.getCause().getMessage(), e);
      }
      if (results.isEmpty()) {
        out.println("OK");
      }
      for (Result<?> result : results) {
        out.print(result.format(new TXTFormat().maxColWidth(80).horizontalTableBorder(false)));
        out.printf("(%,d row%s)%n", result.size(), result.size() == 1 ? "" : "s");
      }
    }
    return ExitCode.OK;
  }
}
