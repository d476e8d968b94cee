package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database of schema version 9 (unpartitioned record tables, daily views over the records)
 * migrates in place: every row lands in its month's partition, the stable views show exactly what
 * they showed before, and the roll-ups are filled from what is stored.
 */
@ExtendWith(PostgresExtension.class)
class PartitionMigrationTest {
  /** Each stable view, as one text per row in a fixed order. */
  private static final List<String> VIEWS =
      List.of(
          "dmarc_records",
          "dmarc_record_days",
          "dmarc_daily_domains",
          "dmarc_daily_sources",
          "dmarc_daily_reporters",
          "smtp_tls_policies",
          "smtp_tls_failures");

  private final TestDatabase testDatabase;

  PartitionMigrationTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @Test
  void a_version_9_database_keeps_every_row_and_every_view_row_through_the_migration()
      throws Exception {
    LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    try (Connection connection = connect()) {
      DSLContext v9 = DSL.using(connection, SQLDialect.POSTGRES);
      v9.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
      Flyway.configure()
          .dataSource(testDatabase.url(), testDatabase.user(), testDatabase.password())
          .locations("classpath:" + SchemaHistory.LOCATION)
          .target("9")
          .load()
          .migrate();
      fill(v9, month.minusMonths(2), month.minusMonths(1));
    }
    List<List<String>> before = views();

    try (Database database = testDatabase.open()) {
      DSLContext dsl = database.dsl();
      assertThat(views()).isEqualTo(before);
      assertThat(
              dsl.fetch(
                      "SELECT relname::text FROM pg_class WHERE relname ~ '^records_y[0-9]{4}m[0-9]{2}$'"
                          + " ORDER BY 1")
                  .getValues(0, String.class))
          .contains(partition(month.minusMonths(2)), partition(month.minusMonths(1)));
      assertThat(
              dsl.fetchSingle(
                      "SELECT count(*) FROM ONLY records_y%04dm%02d"
                          .formatted(
                              month.minusMonths(2).getYear(), month.minusMonths(2).getMonthValue()))
                  .get(0, Long.class))
          .as("that month's two reports of three records")
          .isEqualTo(6);
      assertThat(dsl.fetchSingle("SELECT count(*) FROM dkim_results").get(0, Long.class))
          .isEqualTo(4);
      assertThat(dsl.fetchSingle("SELECT sum(messages) FROM daily_rollups").get(0, Long.class))
          .isEqualTo(dsl.fetchSingle("SELECT sum(message_count) FROM records").get(0, Long.class));
    }
  }

  /** Two reports in each of two months, three records each, one SMTP TLS report. */
  private static void fill(DSLContext dsl, LocalDate first, LocalDate second) {
    dsl.execute(
        "INSERT INTO inputs (sha256, origin_kind, origin, size_bytes, raw_gzip, status)"
            + " VALUES (sha256('v9'::bytea), 'file', 'v9', 0, ''::bytea, 'imported')");
    int report = 0;
    for (LocalDate month : List.of(first, second)) {
      for (int n = 0; n < 2; n++) {
        report++;
        long id =
            dsl.fetchSingle(
                    "INSERT INTO reports (input_id, input_part, org_name, report_id, begin_at,"
                        + " end_at, policy_domain, p, record_count, message_count)"
                        + " SELECT id, 'part', 'reporter' || ?::int, 'r' || ?::int,"
                        + " ?::date + interval '20 hours', ?::date + interval '44 hours',"
                        + " 'example.com', 'none', 3, 60 FROM inputs RETURNING id",
                    n,
                    report,
                    month.plusDays(n * 9L).toString(),
                    month.plusDays(n * 9L).toString())
                .get(0, Long.class);
        for (int r = 1; r <= 3; r++) {
          dsl.execute(
              "INSERT INTO records (report_key, record_no, source_ip, message_count, disposition,"
                  + " dkim_result, spf_result, header_from) VALUES (?, ?, ?::inet, ?, 'none', ?,"
                  + " 'fail', 'example.com')",
              id,
              r,
              "192.0.2." + r,
              r * 10L,
              r == 2 ? "fail" : "pass");
        }
        dsl.execute(
            "INSERT INTO dkim_results (report_key, record_no, result_no, domain, result)"
                + " VALUES (?, 1, 1, 'example.com', 'pass')",
            id);
      }
    }
    long tls =
        dsl.fetchSingle(
                "INSERT INTO tls_reports (input_id, input_part, org_name, report_id, begin_at,"
                    + " end_at, policy_count) SELECT id, 'tls', 'mx.example', 't1', ?::date,"
                    + " ?::date + 1, 1 FROM inputs RETURNING id",
                second.toString(),
                second.toString())
            .get(0, Long.class);
    dsl.execute(
        "INSERT INTO tls_policies (tls_report_id, policy_no, policy_type, policy_domain,"
            + " successful_sessions, failed_sessions) VALUES (?, 1, 'sts', 'example.com', 90, 4)",
        tls);
    dsl.execute(
        "INSERT INTO tls_failures (tls_report_id, policy_no, failure_no, result_type,"
            + " failed_sessions) VALUES (?, 1, 1, 'certificate-expired', 4)",
        tls);
  }

  private List<List<String>> views() throws Exception {
    try (Connection connection = connect()) {
      DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
      return VIEWS.stream()
          .map(
              view ->
                  dsl.fetch("SELECT t::text FROM " + view + " t ORDER BY 1")
                      .getValues(0, String.class))
          .toList();
    }
  }

  private static String partition(LocalDate month) {
    return "records_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        testDatabase.url(), testDatabase.user(), testDatabase.password());
  }
}
