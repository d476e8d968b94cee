package dev.puerto.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How long Puerto waits for the database, so that a server that stops answering (stopped, or the
 * network gone) ends a command with a clear error instead of a wait without end. Checked here, in
 * one place, before anything connects.
 *
 * @param connect to open a connection (TCP connect and login) and to get one from the pool
 * @param socket for any one answer from the server; longer than {@code statement}, so that the
 *     server's own cancel of a slow statement arrives first
 * @param statement for one statement to run on the server ({@code statement_timeout})
 */
public record DatabaseTimeouts(Duration connect, Duration socket, Duration statement) {
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SOCKET = Duration.ofSeconds(150);
  public static final Duration DEFAULT_STATEMENT = Duration.ofMinutes(2);

  /**
   * pgjdbc takes connect and socket timeouts in whole seconds, PostgreSQL statement_timeout in ms.
   */
  private static final Duration MINIMUM = Duration.ofSeconds(1);

  private static final Duration MINIMUM_STATEMENT = Duration.ofMillis(1);
  private static final Duration MAXIMUM_CONNECT = Duration.ofHours(1);
  private static final Duration MAXIMUM = Duration.ofDays(24);

  /**
   * @throws IllegalArgumentException naming the setting and its bound when a value is out of range
   */
  public DatabaseTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(statement, "statement");
    within(CONNECT, connect, MINIMUM, MAXIMUM_CONNECT);
    within(SOCKET, socket, MINIMUM, MAXIMUM);
    within(STATEMENT, statement, MINIMUM_STATEMENT, MAXIMUM);
    if (wholeSeconds(socket) * 1000 <= statement.toMillis()) {
      throw new IllegalArgumentException(
          SOCKET
              + " must be longer than "
              + STATEMENT
              + " ("
              + format(statement)
              + "), so that the server's own cancel of a slow statement is reported first; it is "
              + format(socket));
    }
  }

  public static DatabaseTimeouts defaults() {
    return new DatabaseTimeouts(DEFAULT_CONNECT, DEFAULT_SOCKET, DEFAULT_STATEMENT);
  }

  /**
   * The socket timeout when none is set: 30 s more than the statement timeout (150 s with the
   * default statement timeout), so that raising the statement timeout alone is enough.
   */
  public static Duration defaultSocket(Duration statement) {
    return statement.plus(DEFAULT_SOCKET.minus(DEFAULT_STATEMENT));
  }

  static final String CONNECT =
      "the connect timeout (--db-connect-timeout, PUERTO_DB_CONNECT_TIMEOUT)";
  static final String SOCKET = "the socket timeout (--db-socket-timeout, PUERTO_DB_SOCKET_TIMEOUT)";
  static final String STATEMENT =
      "the statement timeout (--db-statement-timeout, PUERTO_DB_STATEMENT_TIMEOUT)";

  /** For pgjdbc's connectTimeout and loginTimeout: whole seconds, rounded up. */
  int connectSeconds() {
    return (int) wholeSeconds(connect);
  }

  /** For pgjdbc's socketTimeout: whole seconds, rounded up. */
  int socketSeconds() {
    return (int) wholeSeconds(socket);
  }

  /** For PostgreSQL's statement_timeout, in milliseconds. */
  long statementMillis() {
    return statement.toMillis();
  }

  /** Like the options take them: {@code 10s}, {@code 2m}, {@code 250ms}. */
  static String format(Duration duration) {
    if (duration.toMillis() % 3_600_000 == 0) {
      return duration.toHours() + "h";
    }
    if (duration.toMillis() % 60_000 == 0) {
      return duration.toMinutes() + "m";
    }
    if (duration.toMillis() % 1000 == 0) {
      return duration.toSeconds() + "s";
    }
    return duration.toMillis() + "ms";
  }

  private static long wholeSeconds(Duration duration) {
    return duration.plusNanos(999_999_999).getSeconds();
  }

  private static void within(String name, Duration value, Duration minimum, Duration maximum) {
    if (value.compareTo(minimum) < 0) {
      throw new IllegalArgumentException(
          name + " must be at least " + format(minimum) + "; it is " + format(value));
    }
    if (value.compareTo(maximum) > 0) {
      throw new IllegalArgumentException(
          name + " must be at most " + format(maximum) + "; it is " + format(value));
    }
  }
}
