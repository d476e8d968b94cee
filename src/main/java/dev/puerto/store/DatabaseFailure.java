package dev.puerto.store;

import dev.puerto.tools.Causes;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A failed database statement told in one line: what was being done, the server's message (its
 * first line, never the SQL text) and the SQLState, and whether running the command again can help.
 * The one place that reads SQLStates (PostgreSQL's, Appendix A of its manual): it decides whether
 * an import run stops or only one input is rejected, and with which exit code a command ends.
 */
public record DatabaseFailure(
    Kind kind, String sqlState, String serverMessage, String statement, boolean toldAlready) {
  /** What went wrong, which decides the advice and the exit code. */
  public enum Kind {
    /** The connection broke or could not be had (08, 57P01-57P03, 57P05, 53300, 25P03). */
    CONNECTION,
    /** Two transactions collided (40001, 40P01, 55P03): running again usually works. */
    CONFLICT,
    /**
     * The server could not do it: out of disk or memory (53), system or internal error (58, XX),
     * cancelled or timed out (57014, 25P04), read-only (25006), missing privilege (42501), login or
     * database gone (28, 3D).
     */
    SERVER,
    /**
     * The server refused a value: a data exception (22), a constraint (23), a program limit such as
     * an index row too large (54). In an import the input carrying the value is at fault.
     */
    DATA,
    /** The server refused the statement itself: syntax, a missing table (everything else). */
    STATEMENT;

    /** The database cannot take more work now; nothing about the input or the statement. */
    public boolean databaseFailed() {
      return this == CONNECTION || this == CONFLICT || this == SERVER;
    }
  }

  private static final Pattern JOOQ_SQL = Pattern.compile("^SQL \\[(.*)\\]; ", Pattern.DOTALL);
  private static final Pattern WRITTEN_TABLE =
      Pattern.compile(
          "\\b(insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?|copy)"
              + "\\s+(?:only\\s+)?([\\w.\"]+)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern READ_TABLE =
      Pattern.compile("\\bfrom\\s+(?:only\\s+)?([\\w.\"]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([A-Za-z]+)");

  /** The failure in {@code failure} or its causes, if any is a database failure. */
  public static Optional<DatabaseFailure> find(Throwable failure) {
    String sql = null;
    for (Throwable t : Causes.chain(failure)) {
      if (t instanceof DatabaseFailedException told && told.isSentence()) {
        // Said in words where it was caught (which timeout, which option); the driver's own
        // exception beneath gives the kind.
        DatabaseFailure beneath = find(told.getCause()).orElse(null);
        Kind kind =
            told.statementTimeout()
                ? Kind.SERVER
                : beneath == null ? Kind.CONNECTION : beneath.kind();
        return Optional.of(
            new DatabaseFailure(
                kind, beneath == null ? null : beneath.sqlState(), told.getMessage(), null, true));
      }
      if (t instanceof DataAccessException && sql == null) {
        sql = sqlOf(t);
      }
      if (t instanceof SQLException sqlException) {
        return Optional.of(of(sqlException, sql));
      }
      if (t.getCause() == null && t instanceof DataAccessException) {
        // jOOQ's own refusal, with no SQLException beneath: Puerto used jOOQ wrongly.
        Matcher prefix = JOOQ_SQL.matcher(t.getMessage() == null ? "" : t.getMessage());
        String message = prefix.find() ? t.getMessage().substring(prefix.end()) : t.getMessage();
        return Optional.of(
            new DatabaseFailure(Kind.STATEMENT, null, firstLine(message), sql, false));
      }
    }
    return Optional.empty();
  }

  /** The failure of {@code sql} (null when unknown), as the driver reported it. */
  public static DatabaseFailure of(SQLException failure, String sql) {
    SQLException deepest = failure;
    String state = failure.getSQLState();
    for (Throwable t : Causes.chain(failure.getCause())) {
      if (t instanceof SQLException cause) {
        deepest = cause;
        if (state == null) {
          state = cause.getSQLState();
        }
      }
    }
    return new DatabaseFailure(kind(failure, state), state, message(deepest), sql, false);
  }

  /** True when the same command, run again, may well succeed. */
  public boolean retryable() {
    return kind == Kind.CONNECTION || kind == Kind.CONFLICT;
  }

  /**
   * One line for {@code puerto: ...}: what failed, the server's message and SQLState, and the
   * advice. {@code command} is the subcommand (import, summary, ...), or null.
   */
  public String describe(String command) {
    String during =
        (command == null ? "" : command + ": ")
            + (statement == null ? "" : "while running " + summarize(statement) + ": ");
    if (toldAlready) {
      return during
          + serverMessage
          + (retryable()
              ? "; nothing committed is lost: run the command again when the database answers"
              : "");
    }
    String reason = serverMessage + (sqlState == null ? "" : " (SQLState " + sqlState + ")");
    return switch (kind) {
      case CONNECTION ->
          during
              + "the database connection failed: "
              + reason
              + "; nothing committed is lost: run the command again when the database is back";
      case CONFLICT ->
          during
              + "the database gave up on a transaction that collided with another one: "
              + reason
              + "; nothing committed is lost: run the command again";
      case SERVER -> during + "the database server could not do it: " + reason + advice();
      case DATA, STATEMENT ->
          during
              + "the database refused a statement of Puerto's: "
              + reason
              + "; running again will not help: unless the schema was changed by hand, this is a"
              + " bug in Puerto, please report it with this line (PUERTO_LOG_LEVEL=DEBUG also"
              + " logs the statement)";
    };
  }

  private String advice() {
    if (sqlState == null) {
      return "";
    }
    if (sqlState.equals("25006")) {
      return "; the server is read-only (a standby?): point --db at the primary";
    }
    if (sqlState.equals("42501")) {
      return "; give the database user the privilege, or use a user that has it";
    }
    if (sqlState.equals("57014") || sqlState.equals("25P04")) {
      return "; the statement was cancelled or ran into a timeout";
    }
    if (sqlState.startsWith("53")) {
      return "; free disk space or memory on the database server";
    }
    return "";
  }

  private static Kind kind(SQLException failure, String state) {
    if (state == null) {
      for (Throwable t : Causes.chain(failure)) {
        if (t instanceof SQLTransientConnectionException
            || t instanceof SQLNonTransientConnectionException
            || t instanceof SQLRecoverableException
            || t instanceof SocketException
            || t instanceof EOFException) {
          return Kind.CONNECTION;
        }
      }
      return Kind.SERVER;
    }
    String upper = state.toUpperCase(Locale.ROOT);
    if (upper.startsWith("08")
        || Set.of("57P01", "57P02", "57P03", "57P05", "53300", "25P03").contains(upper)) {
      return Kind.CONNECTION;
    }
    if (Set.of("40001", "40P01", "55P03").contains(upper)) {
      return Kind.CONFLICT;
    }
    if (upper.startsWith("22") || upper.startsWith("23") || upper.startsWith("54")) {
      return Kind.DATA;
    }
    if (upper.startsWith("53")
        || upper.startsWith("58")
        || upper.startsWith("XX")
        || upper.startsWith("28")
        || upper.startsWith("3D")
        || upper.startsWith("57")
        || Set.of("25006", "25P04", "42501").contains(upper)) {
      return Kind.SERVER;
    }
    return Kind.STATEMENT;
  }

  /** The server's primary message when it sent one, else the driver's first line. */
  private static String message(SQLException failure) {
    if (failure instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      if (server != null && server.getMessage() != null) {
        return firstLine(server.getMessage());
      }
    }
    String text = failure.getMessage();
    return text == null ? failure.getClass().getSimpleName() : firstLine(text);
  }

  /** The SQL text in a jOOQ exception's message ({@code SQL [...]; message}), or null. */
  private static String sqlOf(Throwable jooq) {
    String message = jooq.getMessage();
    Throwable cause = jooq.getCause();
    if (message == null || cause == null || cause.getMessage() == null) {
      return null;
    }
    String suffix = "]; " + cause.getMessage();
    if (message.startsWith("SQL [") && message.endsWith(suffix)) {
      return message.substring(5, message.length() - suffix.length());
    }
    Matcher matcher = JOOQ_SQL.matcher(message);
    return matcher.find() ? matcher.group(1) : null;
  }

  /**
   * A few words for a statement: its kind and the tables it writes or reads, e.g. {@code an INSERT
   * into reports, records}; never the statement itself.
   */
  public static String summarize(String sql) {
    Set<String> written = new LinkedHashSet<>();
    String verb = null;
    Matcher writes = WRITTEN_TABLE.matcher(sql);
    while (writes.find()) {
      String found = writes.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+.*", "");
      verb = verb == null ? found : verb.equals(found) ? verb : "write";
      written.add(writes.group(2).replace("\"", ""));
    }
    if (!written.isEmpty()) {
      String into =
          switch (verb) {
            case "INSERT", "MERGE", "COPY" -> " into ";
            case "DELETE" -> " from ";
            default -> " of ";
          };
      return (verb.equals("write") ? "a statement writing " : article(verb) + " " + verb + into)
          + String.join(", ", written);
    }
    Matcher first = FIRST_WORD.matcher(sql);
    String word = first.find() ? first.group(1).toUpperCase(Locale.ROOT) : "statement";
    Matcher reads = READ_TABLE.matcher(sql);
    String from = reads.find() ? " from " + reads.group(1).replace("\"", "") : "";
    return article(word) + " " + (word.equals("WITH") ? "query" : word) + from;
  }

  private static String article(String word) {
    return "AEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
  }
}
