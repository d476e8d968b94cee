package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * An import stops only when the database itself fails or refuses Puerto's own statements; a refused
 * value rejects one input.
 */
class DatabaseFailuresTest {

  private static DataAccessException withState(String state) {
    return new DataAccessException(
        "SQL [INSERT INTO reports ...]; ERROR: something",
        new SQLException("ERROR: x\n  Detail: y", state));
  }

  private static DatabaseFailure.Kind kindOf(String state) {
    return DatabaseFailure.find(withState(state)).orElseThrow().kind();
  }

  @Test
  void connection_resources_timeouts_and_standby_failures_are_the_database_failing() {
    for (String state :
        new String[] {"08006", "53100", "57014", "57P01", "58030", "XX000", "25006", "40P01"}) {
      assertThat(kindOf(state).databaseFailed()).as(state).isTrue();
    }
  }

  @Test
  void values_refused_are_data_and_statements_refused_are_neither() {
    for (String state : new String[] {"22P05", "22021", "23505", "23514", "54000", "22008"}) {
      assertThat(kindOf(state)).as(state).isEqualTo(DatabaseFailure.Kind.DATA);
    }
    assertThat(kindOf("42P01")).isEqualTo(DatabaseFailure.Kind.STATEMENT);
    assertThat(kindOf("42P01").databaseFailed()).isFalse();
  }

  @Test
  void a_lost_connection_without_sqlstate_is_a_connection_failure() {
    DataAccessException lost =
        new DataAccessException(
            "x",
            new SQLTransientConnectionException(
                "pool timed out", null, new SocketTimeoutException()));

    assertThat(DatabaseFailure.find(lost).orElseThrow().kind())
        .isEqualTo(DatabaseFailure.Kind.CONNECTION);
  }

  @Test
  void text_for_the_database_loses_nul_and_lone_surrogates_only() {
    assertThat(DatabaseText.clean("a\u0000b\u001bc\uD800d\uD83D\uDE00"))
        .isEqualTo("a\uFFFDb\u001bc\uFFFDd\uD83D\uDE00");
    assertThat(DatabaseText.clean(null)).isNull();
  }
}
