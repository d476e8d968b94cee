package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** A run stops only when the database itself fails; a refused value rejects one input. */
class DatabaseFailuresTest {

  private static DataAccessException withState(String state) {
    return new DataAccessException(
        "SQL [INSERT INTO reports ...]; ERROR: something",
        new SQLException("ERROR: x\n  Detail: y", state));
  }

  @Test
  void connection_resources_timeouts_schema_and_standby_failures_stop_the_run() {
    for (String state :
        new String[] {
          "08006", "53100", "57014", "57P01", "58030", "XX000", "42P01", "42501", "25006", "40P01"
        }) {
      assertThat(DatabaseFailures.isDatabaseFailure(withState(state))).as(state).isTrue();
    }
  }

  @Test
  void data_and_constraint_errors_are_refusals_of_one_input() {
    for (String state : new String[] {"22P05", "22021", "23505", "23514", "54000", "22008"}) {
      assertThat(DatabaseFailures.isDatabaseFailure(withState(state))).as(state).isFalse();
    }
  }

  @Test
  void a_lost_connection_without_sqlstate_is_a_failure() {
    DataAccessException lost =
        new DataAccessException(
            "x",
            new SQLTransientConnectionException(
                "pool timed out", null, new SocketTimeoutException()));

    assertThat(DatabaseFailures.isDatabaseFailure(lost)).isTrue();
  }

  @Test
  void the_one_line_names_the_server_message_and_sqlstate_but_never_the_statement() {
    String line = DatabaseFailures.oneLine(withState("23514"));

    assertThat(line).isEqualTo("ERROR: x (SQLSTATE 23514)").doesNotContain("INSERT");
  }

  @Test
  void only_a_retry_that_can_help_is_advised() {
    assertThat(DatabaseFailures.failed("storing a report", withState("08006")).getMessage())
        .contains("run the command again");
    assertThat(DatabaseFailures.failed("storing a report", withState("42P01")).getMessage())
        .doesNotContain("run the command again");
  }

  @Test
  void text_for_the_database_loses_nul_and_lone_surrogates_only() {
    assertThat(DatabaseText.clean("a\u0000b\u001bc\uD800d\uD83D\uDE00"))
        .isEqualTo("a\uFFFDb\u001bc\uFFFDd\uD83D\uDE00");
    assertThat(DatabaseText.clean(null)).isNull();
  }
}
