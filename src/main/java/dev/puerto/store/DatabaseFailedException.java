package dev.puerto.store;

import org.jooq.exception.DataAccessException;

/**
 * The database, not an input or a value, failed: it did not answer within the socket timeout, no
 * connection could be had within the connect timeout, the connection broke, the server cancelled a
 * statement at the statement timeout, or it refused Puerto's own statements (a schema changed by
 * hand). An import run stops on it, keeping what was committed; the input in hand stays pending.
 * The message is one line without SQL.
 */
public final class DatabaseFailedException extends DataAccessException {
  private static final long serialVersionUID = 1L;

  private final boolean statementTimeout;
  private final boolean sentence;

  /** A timeout or a broken connection, said in one sentence that names the setting. */
  DatabaseFailedException(String sentence, Throwable cause, boolean statementTimeout) {
    super(sentence, cause);
    this.statementTimeout = statementTimeout;
    this.sentence = true;
  }

  /** The store stops on {@code cause}, which {@link DatabaseFailure} describes. */
  DatabaseFailedException(String doing, DataAccessException cause) {
    super("the database failed while " + doing, cause);
    this.statementTimeout = false;
    this.sentence = false;
  }

  /** The failure met while {@code doing}, unless {@code cause} already says what failed. */
  static DatabaseFailedException whileDoing(String doing, DataAccessException cause) {
    return cause instanceof DatabaseFailedException told
        ? told
        : new DatabaseFailedException(doing, cause);
  }

  /** Whether the message is the sentence to show (else the cause tells what happened). */
  boolean isSentence() {
    return sentence;
  }

  /** True when the server cancelled a statement that ran longer than the statement timeout. */
  public boolean statementTimeout() {
    return statementTimeout;
  }
}
