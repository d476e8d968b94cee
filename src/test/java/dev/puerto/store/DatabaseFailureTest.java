package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.DatabaseFailure.Kind;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

class DatabaseFailureTest {
  private static PSQLException server(String state, String message, String detail) {
    return new PSQLException(
        new ServerErrorMessage(
            "SERROR\0VERROR\0C" + state + "\0M" + message + "\0D" + detail + "\0"));
  }

  /** As jOOQ reports a failed statement: the whole SQL in the message. */
  private static DataAccessException jooq(String sql, Exception cause) {
    return new DataAccessException("SQL [" + sql + "]; " + cause.getMessage(), cause);
  }

  @Test
  void a_lost_connection_is_one_line_that_says_to_run_again() {
    DatabaseFailure failure =
        DatabaseFailure.find(
                new IllegalStateException(
                    jooq(
                        "insert into inputs (sha256, raw) values (?, ?)",
                        server(
                            "57P01",
                            "terminating connection due to administrator command",
                            "none"))))
            .orElseThrow();

    assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.describe("import"))
        .isEqualTo(
            "import: while running an INSERT into inputs: the database connection failed:"
                + " terminating connection due to administrator command (SQLState 57P01);"
                + " nothing committed is lost: run the command again when the database is back");
  }

  @Test
  void a_constraint_or_data_error_never_says_run_again_and_never_shows_the_sql_or_values() {
    String sql =
        "WITH stored_report (id) AS (INSERT INTO reports (org_name) VALUES ('Secret Org')"
            + " RETURNING id), stored_records AS (INSERT INTO records (report_key) SELECT id"
            + " FROM stored_report) SELECT 1";
    DatabaseFailure failure =
        DatabaseFailure.find(
                jooq(
                    sql,
                    server(
                        "23505",
                        "duplicate key value violates unique constraint \"reports_natural_key\"",
                        "Key (org_name)=(Secret Org) already exists.")))
            .orElseThrow();

    assertThat(failure.kind()).isEqualTo(Kind.DATA);
    assertThat(failure.retryable()).isFalse();
    String line = failure.describe("import");
    assertThat(line)
        .startsWith("import: while running an INSERT into reports, records: ")
        .contains(
            "duplicate key value violates unique constraint \"reports_natural_key\" (SQLState"
                + " 23505)")
        .contains("running again will not help")
        .doesNotContain("Secret Org", "VALUES", "SELECT", "run the command again", "\n");
  }

  @Test
  void a_failure_to_get_a_pooled_connection_names_the_drivers_reason() {
    PSQLException refused =
        new PSQLException(
            "Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct.",
            PSQLState.CONNECTION_UNABLE_TO_CONNECT);
    DatabaseFailure failure =
        DatabaseFailure.find(
                new DataAccessException(
                    "Error getting connection from data source",
                    new SQLTransientConnectionException(
                        "puerto - Connection is not available, request timed out after 15000ms",
                        "08001",
                        refused)))
            .orElseThrow();

    assertThat(failure.kind()).isEqualTo(Kind.CONNECTION);
    assertThat(failure.serverMessage())
        .isEqualTo(
            "Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct.");
    assertThat(failure.describe("summary")).startsWith("summary: the database connection failed");
  }

  @Test
  void conflicts_may_be_retried_and_a_full_disk_may_not() {
    DatabaseFailure deadlock =
        DatabaseFailure.of(server("40P01", "deadlock detected", "Process 1 waits"), null);
    assertThat(deadlock.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(deadlock.describe(null)).endsWith("run the command again");

    DatabaseFailure full =
        DatabaseFailure.of(
            server("53100", "could not extend file \"base/1/2\": No space left on device", "x"),
            "update hosts set ptr = ?");
    assertThat(full.kind()).isEqualTo(Kind.SERVER);
    assertThat(full.retryable()).isFalse();
    assertThat(full.describe("analyze"))
        .startsWith("analyze: while running an UPDATE of hosts: the database server could not")
        .endsWith("free disk space or memory on the database server")
        .doesNotContain("run the command again");
  }

  @Test
  void statements_are_summarized_by_what_they_do_and_where() {
    assertThat(DatabaseFailure.summarize("select a, b from dmarc_reports where x = 1"))
        .isEqualTo("a SELECT from dmarc_reports");
    assertThat(DatabaseFailure.summarize("  DELETE FROM findings WHERE day = ?"))
        .isEqualTo("a DELETE from findings");
    assertThat(DatabaseFailure.summarize("update \"public\".\"hosts\" set ptr = ?"))
        .isEqualTo("an UPDATE of public.hosts");
    assertThat(
            DatabaseFailure.summarize(
                "with gone as (delete from findings returning 1) insert into findings select 1"))
        .isEqualTo("a statement writing findings");
    assertThat(DatabaseFailure.summarize("with w as (select 1) select * from w"))
        .isEqualTo("a query from w");
  }

  @Test
  void other_exceptions_are_not_database_failures() {
    assertThat(DatabaseFailure.find(new IllegalStateException("bug"))).isEmpty();
  }
}
