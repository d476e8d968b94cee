package dev.puerto.store;

import static dev.puerto.schema.Tables.DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.parse.ReportParser;
import dev.puerto.parse.ReportReader;
import dev.puerto.source.Origin;
import dev.puerto.testing.FirstReport;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RawBytes;
import dev.puerto.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daily roll-ups (V11) hold exactly what {@code dmarc_record_days} sums, whichever way the
 * records were written (one statement, or batches with COPY) and after reports or records are
 * deleted; importers writing the same roll-up rows at once neither deadlock nor lose a message.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupsTest {
  /** Roll-up rows that differ from a sum of dmarc_record_days, either way. */
  private static final String DIFFERENCES =
      """
      WITH truth AS (
        SELECT policy_domain, day, source_ip, org_name,
               sum(messages)::bigint AS messages,
               coalesce(sum(messages) FILTER (WHERE dmarc_pass), 0)::bigint AS dmarc_pass,
               coalesce(sum(messages) FILTER (WHERE spf_aligned_pass), 0)::bigint AS spf,
               coalesce(sum(messages) FILTER (WHERE dkim_aligned_pass), 0)::bigint AS dkim,
               coalesce(sum(messages) FILTER (WHERE disposition = 'quarantine'), 0)::bigint AS q,
               count(*) AS records,
               count(*) FILTER (WHERE record_no = 1) AS reports
          FROM dmarc_record_days GROUP BY 1, 2, 3, 4),
      rollup AS (
        SELECT policy_domain, day, source_ip, org_name, messages, dmarc_pass_messages AS dmarc_pass,
               spf_aligned_messages AS spf, dkim_aligned_messages AS dkim,
               quarantined_messages AS q, records, reports
          FROM daily_rollups)
      SELECT count(*) FROM ((TABLE truth EXCEPT TABLE rollup) UNION ALL (TABLE rollup EXCEPT TABLE truth)) d
      """;

  private final TestDatabase testDatabase;
  private Database database;
  private ReportStore store;
  private DSLContext dsl;

  RollupsTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    store = new ReportStore(database);
    dsl = database.dsl();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    dsl.truncate(INPUTS).cascade().execute();
  }

  @Test
  void small_and_large_reports_roll_up_to_what_the_record_days_sum() throws Exception {
    store("small", 1767225600, 40);
    store("large", 1767225600 + 43200, 2500); // spans two days; three batches, two by COPY

    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(2540);
    assertThat(differences()).isZero();
    assertThat(dsl.fetchSingle("SELECT sum(reports) FROM daily_rollups").get(0, Long.class))
        .as("each report once on each of its days")
        .isEqualTo(3);
  }

  @Test
  void deleting_a_report_or_some_records_takes_their_messages_away() throws Exception {
    store("one", 1767225600, 30);
    store("two", 1767225600 + 3600, 30);

    dsl.deleteFrom(REPORTS).where(REPORTS.REPORT_ID.eq("one")).execute();
    assertThat(differences()).isZero();

    dsl.deleteFrom(RECORDS).where(RECORDS.RECORD_NO.gt(20)).execute();
    assertThat(differences()).isZero();
    assertThat(dsl.fetchSingle("SELECT sum(messages) FROM daily_rollups").get(0, Long.class))
        .isEqualTo(dsl.fetchSingle("SELECT sum(message_count) FROM records").get(0, Long.class));
  }

  @Test
  void truncating_the_inputs_empties_the_roll_ups() throws Exception {
    store("one", 1767225600, 10);

    dsl.truncate(INPUTS).cascade().execute();

    assertThat(dsl.fetchCount(DAILY_ROLLUPS)).isZero();
  }

  @Test
  void four_writers_of_the_same_sources_and_days_lose_nothing_and_do_not_deadlock()
      throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<StoredReport>> stored =
          java.util.stream.IntStream.range(0, 16)
              .mapToObj(
                  n ->
                      writers.submit(
                          () -> store("r" + n, 1767225600 + n * 60L, n % 4 == 0 ? 1500 : 60)))
              .toList();
      for (Future<StoredReport> report : stored) {
        assertThat(report.get().duplicate()).isFalse();
      }
    } finally {
      writers.shutdown();
    }

    assertThat(differences()).isZero();
  }

  private long differences() {
    return dsl.fetchSingle(DIFFERENCES).get(0, Long.class);
  }

  /**
   * Stores a one-day report from {@code begin} (epoch seconds) with {@code records} records, of
   * record n from 198.51.100.(n % 50) with n messages and mixed results, so that records share
   * roll-up rows.
   */
  private StoredReport store(String reportId, long begin, int records) throws Exception {
    StringBuilder xml =
        new StringBuilder(
            """
            <feedback>
              <report_metadata><org_name>example.net</org_name><report_id>%s</report_id>
                <date_range><begin>%d</begin><end>%d</end></date_range>
              </report_metadata>
              <policy_published><domain>example.com</domain><p>none</p></policy_published>
            """
                .formatted(reportId, begin, begin + 86399));
    for (int n = 1; n <= records; n++) {
      xml.append(
          """
          <record><row><source_ip>198.51.100.%d</source_ip><count>%d</count>
            <policy_evaluated><disposition>%s</disposition><dkim>%s</dkim><spf>%s</spf>
            </policy_evaluated></row>
            <identifiers><header_from>example.com</header_from></identifiers>
            <auth_results><spf><domain>example.com</domain><result>pass</result></spf>
            </auth_results>
          </record>
          """
              .formatted(
                  n % 50,
                  n,
                  n % 7 == 0 ? "quarantine" : "none",
                  n % 3 == 0 ? "fail" : "pass",
                  n % 2 == 0 ? "fail" : "pass"));
    }
    byte[] text = xml.append("</feedback>").toString().getBytes(StandardCharsets.UTF_8);
    long input =
        store.registerInput(new Origin(Origin.Kind.FILE, reportId), RawBytes.of(text)).id();
    ReportReader reader =
        FirstReport.open(new ReportParser(), reportId + ".xml", new ByteArrayInputStream(text))
            .reader();
    return store.store(input, reportId, reader.report(), Records.of(reader));
  }
}
