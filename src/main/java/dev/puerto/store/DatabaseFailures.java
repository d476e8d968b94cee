package dev.puerto.store;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jooq.exception.DataAccessException;

/**
 * Tells a failing database from a value it refuses, by SQLSTATE (PostgreSQL appendix A): one place
 * for the rule that decides whether a run stops or only one input is rejected.
 */
final class DatabaseFailures {
  /**
   * Classes that say the server or the connection failed: connection (08), insufficient resources
   * such as a full disk (53), operator intervention and statement timeouts (57), system errors
   * (58), configuration (F0), internal errors (XX), syntax or access rules (42: the schema is
   * missing or permission was taken away, since Puerto's own statements are fixed), and
   * serialization failures and deadlocks (40): nothing about the input, which stays pending so that
   * the next run completes it.
   */
  private static final Set<String> FAILED_CLASSES =
      Set.of("08", "40", "53", "57", "58", "F0", "XX", "42");

  /** A read-only transaction (a hot standby), a lock not granted in time, an object in use. */
  private static final Set<String> FAILED_STATES = Set.of("25006", "55P03", "55006");

  private DatabaseFailures() {}

  static boolean isDatabaseFailure(DataAccessException e) {
    if (e instanceof DatabaseFailedException || connectionLost(e)) {
      return true;
    }
    String state = state(e);
    return state != null
        && (FAILED_CLASSES.contains(state.substring(0, Math.min(2, state.length())))
            || FAILED_STATES.contains(state));
  }

  /** The failure as a {@link DatabaseFailedException}, or as a refusal of the input's values. */
  static RuntimeException failed(String doing, DataAccessException e) {
    return new DatabaseFailedException(
        "the database failed while " + doing + ": " + oneLine(e) + advice(e), e);
  }

  static RefusedByDatabaseException refused(DataAccessException e) {
    return new RefusedByDatabaseException("the database refused it: " + oneLine(e), e);
  }

  /** The server's own message, first line, with its SQLSTATE; never the statement. */
  static String oneLine(DataAccessException e) {
    SQLException sql = e.getCause(SQLException.class);
    Throwable source = sql != null ? sql : e;
    String message = String.valueOf(source.getMessage()).strip();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline).strip();
    }
    String state = state(e);
    return state == null ? message : message + " (SQLSTATE " + state + ")";
  }

  private static String advice(DataAccessException e) {
    return connectionLost(e) || "57".equals(classOf(e))
        ? "; work committed so far is kept: run the command again once the server answers"
        : "; work committed so far is kept";
  }

  private static boolean connectionLost(DataAccessException e) {
    return e.getCause(SQLTransientConnectionException.class) != null
        || e.getCause(SQLRecoverableException.class) != null
        || e.getCause(IOException.class) != null
        || "08".equals(classOf(e));
  }

  private static String classOf(DataAccessException e) {
    String state = state(e);
    return state == null || state.length() < 2 ? null : state.substring(0, 2);
  }

  private static String state(DataAccessException e) {
    SQLException sql = e.getCause(SQLException.class);
    return sql == null ? null : sql.getSQLState();
  }
}
