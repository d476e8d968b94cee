package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.StallingProxy;
import dev.puerto.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that stops answering ends a command after a bounded wait with a sentence that names
 * the timeout; the bounds are checked before anything connects.
 */
@ExtendWith(PostgresExtension.class)
class DatabaseTimeoutsTest {
  private final TestDatabase testDatabase;

  DatabaseTimeoutsTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @Test
  void the_defaults_are_10s_to_connect_150s_for_an_answer_and_2m_for_a_statement() {
    DatabaseTimeouts defaults = DatabaseTimeouts.defaults();

    assertThat(defaults.connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.socket()).isEqualTo(Duration.ofSeconds(150));
    assertThat(defaults.statement()).isEqualTo(Duration.ofMinutes(2));
    assertThat(new DatabaseSettings(null, null, null, Path.of("h")).timeouts()).isEqualTo(defaults);
  }

  @Test
  void a_socket_timeout_not_longer_than_the_statement_timeout_is_refused_naming_both() {
    assertThatThrownBy(() -> timeouts("10s", "2m", "2m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the socket timeout (--db-socket-timeout, PUERTO_DB_SOCKET_TIMEOUT) must be longer"
                + " than the statement timeout (--db-statement-timeout,"
                + " PUERTO_DB_STATEMENT_TIMEOUT) (2m), so that the server's own cancel of a slow"
                + " statement is reported first; it is 2m");
    assertThat(timeouts("10s", "121s", "2m").socketSeconds()).isEqualTo(121);
  }

  @Test
  void values_out_of_bounds_are_refused_with_the_bound() {
    assertThatThrownBy(() -> timeouts("500ms", "150s", "2m"))
        .hasMessage(
            "the connect timeout (--db-connect-timeout, PUERTO_DB_CONNECT_TIMEOUT) must be at"
                + " least 1s; it is 500ms");
    assertThatThrownBy(() -> timeouts("2h", "150s", "2m"))
        .hasMessageContaining("must be at most 1h; it is 2h");
    assertThatThrownBy(() -> timeouts("10s", "999h", "2m"))
        .hasMessageContaining("socket timeout")
        .hasMessageContaining("must be at most 576h");
  }

  @Test
  void pgjdbc_gets_whole_seconds_rounded_up_and_the_server_milliseconds() {
    DatabaseTimeouts timeouts = timeouts("1500ms", "2001ms", "1500ms");

    assertThat(timeouts.connectSeconds()).isEqualTo(2);
    assertThat(timeouts.socketSeconds()).isEqualTo(3);
    assertThat(timeouts.statementMillis()).isEqualTo(1500);
  }

  @Test
  void every_connection_carries_the_statement_timeout_to_the_server() throws Exception {
    try (Database database = Database.open(settings(testDatabase.url(), "10s", "30s", "7s"))) {
      assertThat(database.dsl().fetchValue("SHOW statement_timeout")).isEqualTo("7s");
    }
    try (Database database = testDatabase.open()) {
      assertThat(database.dsl().fetchValue("SHOW statement_timeout")).isEqualTo("2min");
    }
  }

  @Test
  void options_in_the_url_are_kept_and_win_over_puertos() throws Exception {
    String url =
        testDatabase.url()
            + (testDatabase.url().contains("?") ? "&" : "?")
            + "options=-c%20statement_timeout%3D9s%20-c%20work_mem%3D8MB";

    try (Database database = Database.open(settings(url, "10s", "30s", "7s"))) {
      assertThat(database.dsl().fetchValue("SHOW statement_timeout")).isEqualTo("9s");
      assertThat(database.dsl().fetchValue("SHOW work_mem")).isEqualTo("8MB");
    }
  }

  @Test
  void a_statement_longer_than_the_statement_timeout_is_cancelled_in_one_sentence()
      throws Exception {
    try (Database database = Database.open(settings(testDatabase.url(), "10s", "30s", "1s"))) {
      assertThatThrownBy(() -> database.dsl().execute("SELECT pg_sleep(5)"))
          .isInstanceOfSatisfying(
              DatabaseFailedException.class, e -> assertThat(e.statementTimeout()).isTrue())
          .hasMessageStartingWith(
              "a statement ran longer than 1s, the statement timeout (--db-statement-timeout,"
                  + " PUERTO_DB_STATEMENT_TIMEOUT), and the server cancelled it")
          .hasMessageNotContaining("pg_sleep")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void a_server_that_stops_answering_mid_statement_is_given_up_after_the_socket_timeout()
      throws Exception {
    URI server = server();
    try (StallingProxy proxy = StallingProxy.start(server.getHost(), server.getPort());
        Database database = Database.open(settings(through(proxy), "2s", "3s", "2s"));
        Database direct = testDatabase.open()) {
      CompletableFuture<Object> answer =
          CompletableFuture.supplyAsync(
              () -> database.dsl().fetchValue("SELECT 'stalled' FROM pg_sleep(1)"));
      awaitRunning(direct, "stalled");
      proxy.stall();
      long stalled = System.nanoTime();

      assertThatThrownBy(() -> answer.get(2, TimeUnit.MINUTES))
          .cause()
          .isInstanceOfSatisfying(
              DatabaseFailedException.class, e -> assertThat(e.statementTimeout()).isFalse())
          .hasMessageStartingWith(
              "the database did not answer within 3s, the socket timeout (--db-socket-timeout,"
                  + " PUERTO_DB_SOCKET_TIMEOUT)")
          .hasMessageNotContaining("\n");
      assertThat(Duration.ofNanos(System.nanoTime() - stalled)).isLessThan(Duration.ofMinutes(1));
    }
  }

  /** Waits until the server runs a statement containing {@code marker}. */
  private static void awaitRunning(Database direct, String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (direct
            .dsl()
            .fetchCount(
                org.jooq.impl.DSL.table("pg_stat_activity"),
                org.jooq.impl.DSL.condition(
                    "state = 'active' AND query LIKE ? AND pid <> pg_backend_pid()",
                    "%'" + marker + "'%"))
        == 0) {
      assertThat(System.nanoTime()).as("statement started in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void a_server_that_accepts_but_never_answers_cannot_be_opened_after_the_connect_timeout()
      throws Exception {
    URI server = server();
    try (StallingProxy proxy = StallingProxy.start(server.getHost(), server.getPort())) {
      proxy.stall();
      long started = System.nanoTime();

      assertThatThrownBy(() -> Database.open(settings(through(proxy), "2s", "30s", "20s")))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:" + proxy.port())
          .hasMessageContaining(
              "no connection to the database within 2s, the connect timeout"
                  + " (--db-connect-timeout, PUERTO_DB_CONNECT_TIMEOUT)");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
      assertThat(proxy.connections()).isPositive();
    }
  }

  private DatabaseSettings settings(String url, String connect, String socket, String statement) {
    return new DatabaseSettings(
        url,
        testDatabase.user(),
        testDatabase.password(),
        Path.of("unused-home"),
        timeouts(connect, socket, statement));
  }

  private URI server() {
    return URI.create(testDatabase.url().substring("jdbc:".length()));
  }

  private String through(StallingProxy proxy) {
    return testDatabase.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
  }

  static DatabaseTimeouts timeouts(String connect, String socket, String statement) {
    return new DatabaseTimeouts(parse(connect), parse(socket), parse(statement));
  }

  private static Duration parse(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException(text);
    };
  }
}
