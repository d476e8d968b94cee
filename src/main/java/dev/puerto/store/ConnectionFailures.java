package dev.puerto.store;

import dev.puerto.tools.Causes;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * Failures that mean the database is gone or too slow, told in one sentence that names the timeout
 * and the option that sets it ({@link DatabaseFailedException}), instead of a driver message with
 * the statement's SQL in it.
 */
final class ConnectionFailures implements ExecuteListener {
  private static final long serialVersionUID = 1L;

  /** PostgreSQL's query_canceled, which a statement_timeout raises. */
  private static final String QUERY_CANCELED = "57014";

  /** SQLSTATE sqlclient_unable_to_establish_sqlconnection, pgjdbc's for a failed connect. */
  private static final String UNABLE_TO_CONNECT = "08001";

  private static final long RETRY_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String displayUrl;
  private final DatabaseTimeouts timeouts;

  ConnectionFailures(String displayUrl, DatabaseTimeouts timeouts) {
    this.displayUrl = displayUrl;
    this.timeouts = timeouts;
  }

  @Override
  public void exception(ExecuteContext ctx) {
    Throwable failure = ctx.sqlException() != null ? ctx.sqlException() : ctx.exception();
    if (failure != null && !(failure instanceof DatabaseFailedException)) {
      translate(failure).ifPresent(ctx::exception);
    }
  }

  /**
   * The pool's connections, with a failure to get one told like the listener tells failures of
   * statements (jOOQ's transactions take their connection here, past any listener).
   *
   * <p>jOOQ's transaction provider asks again, to roll back and to release, right after it could
   * not get a connection: with the server stalled each ask would wait the connect timeout again. An
   * ask on the same thread right after a failure fails at once with the same message.
   */
  ConnectionProvider connections(DataSource dataSource) {
    DataSourceConnectionProvider pool = new DataSourceConnectionProvider(dataSource);
    ThreadLocal<FailedAcquire> lastFailure = new ThreadLocal<>();
    return new ConnectionProvider() {
      @Override
      public Connection acquire() {
        FailedAcquire failed = lastFailure.get();
        if (failed != null && System.nanoTime() - failed.at() < RETRY_AFTER_FAILURE_NANOS) {
          throw new DatabaseFailedException(failed.failure().getMessage(), failed.failure(), false);
        }
        try {
          Connection connection = pool.acquire();
          lastFailure.remove();
          return connection;
        } catch (DataAccessException e) {
          DataAccessException told = translate(e).map(DataAccessException.class::cast).orElse(e);
          lastFailure.set(new FailedAcquire(System.nanoTime(), told));
          throw told;
        }
      }

      @Override
      public void release(Connection connection) {
        pool.release(connection);
      }
    };
  }

  private record FailedAcquire(long at, DataAccessException failure) {}

  /**
   * A failure of work done on the connection itself (COPY), which passes no listener: told as this
   * listener of {@code configuration} tells a statement's, or else as jOOQ tells one.
   */
  static DataAccessException told(Configuration configuration, String doing, SQLException e) {
    DataAccessException plain = new DataAccessException(doing + ": " + e.getMessage(), e);
    for (ExecuteListenerProvider provider : configuration.executeListenerProviders()) {
      if (provider.provide() instanceof ConnectionFailures failures) {
        return failures.translate(e).<DataAccessException>map(told -> told).orElse(plain);
      }
    }
    return plain;
  }

  /** The failure as one sentence, when it is the database's: a timeout or a broken connection. */
  Optional<DatabaseFailedException> translate(Throwable failure) {
    boolean statementTimeout = statementTimedOut(failure);
    return describe(failure, timeouts)
        .or(() -> broken(failure))
        .map(
            sentence ->
                new DatabaseFailedException(
                    sentence + " (" + displayUrl + ")", failure, statementTimeout));
  }

  /**
   * A timeout among the causes of {@code failure}, in words, or empty when it is something else.
   */
  static Optional<String> describe(Throwable failure, DatabaseTimeouts timeouts) {
    for (Throwable e : Causes.chain(failure)) {
      if (e instanceof SocketTimeoutException) {
        return Optional.of(
            "the database did not answer within "
                + DatabaseTimeouts.format(timeouts.socket())
                + ", "
                + DatabaseTimeouts.SOCKET);
      }
    }
    if (statementTimedOut(failure)) {
      return Optional.of(
          "a statement ran longer than "
              + DatabaseTimeouts.format(timeouts.statement())
              + ", "
              + DatabaseTimeouts.STATEMENT
              + ", and the server cancelled it");
    }
    for (Throwable e : Causes.chain(failure)) {
      if (e instanceof SQLTransientConnectionException || loginTimedOut(e)) {
        return Optional.of(
            "no connection to the database within "
                + DatabaseTimeouts.format(timeouts.connect())
                + ", "
                + DatabaseTimeouts.CONNECT
                + refusal(e).map(why -> ": " + why).orElse(""));
      }
    }
    return Optional.empty();
  }

  private static boolean statementTimedOut(Throwable failure) {
    for (Throwable e : Causes.chain(failure)) {
      if (e instanceof SQLException sql
          && QUERY_CANCELED.equals(sql.getSQLState())
          && String.valueOf(sql.getMessage()).contains("statement timeout")) {
        return true;
      }
    }
    return false;
  }

  private static boolean loginTimedOut(Throwable e) {
    return e instanceof SQLException sql
        && UNABLE_TO_CONNECT.equals(sql.getSQLState())
        && String.valueOf(sql.getMessage()).contains("timed out");
  }

  /**
   * Why the pool could not connect, when the server said no (refused, unknown host, login refused);
   * a stalled server's leftovers ("This connection has been closed.") say nothing.
   */
  private static Optional<String> refusal(Throwable poolTimeout) {
    for (Throwable e : Causes.chain(poolTimeout.getCause())) {
      if (e instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().equals(UNABLE_TO_CONNECT) || sql.getSQLState().startsWith("28"))
          && !loginTimedOut(sql)) {
        return Optional.of(Causes.rootMessage(sql));
      }
    }
    return Optional.empty();
  }

  /** A connection that broke (SQLSTATE class 08) during a statement. */
  private static Optional<String> broken(Throwable failure) {
    for (Throwable e : Causes.chain(failure)) {
      if (e instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return Optional.of("the connection to the database broke: " + Causes.rootMessage(failure));
      }
    }
    return Optional.empty();
  }
}
