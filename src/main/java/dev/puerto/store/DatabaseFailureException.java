package dev.puerto.store;

import org.jooq.exception.DataAccessException;

/**
 * The database, not the statement, failed: it did not answer within the socket timeout, no
 * connection could be had within the connect timeout, the connection broke, or the server cancelled
 * a statement at the statement timeout. The message is one sentence that names the timeout and its
 * option, without SQL.
 */
public final class DatabaseFailureException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  private final boolean statementTimeout;

  DatabaseFailureException(String message, Throwable cause, boolean statementTimeout) {
    super(message, cause);
    this.statementTimeout = statementTimeout;
  }

  /** True when the server cancelled a statement that ran longer than the statement timeout. */
  public boolean statementTimeout() {
    return statementTimeout;
  }
}
