package dev.puerto.store;

import static dev.puerto.schema.Tables.DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.ROLLUP_PENDING;
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
 * The daily roll-ups (V11, applied in sets since V12): what readers see ({@code
 * dmarc_daily_rollups}) is exactly what {@code dmarc_record_days} sums at every moment, before the
 * stored records are applied and after, whichever way the records were written (one statement, or
 * batches with COPY) and after reports or records are deleted, pending or applied; importers and
 * appliers working at once neither deadlock nor lose a message.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupsTest {
  /**
   * Rows of {@code %s} (summed per key) that differ from a sum of dmarc_record_days, either way.
   */
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
        SELECT policy_domain, day, source_ip, org_name, sum(messages)::bigint AS messages,
               sum(dmarc_pass_messages)::bigint AS dmarc_pass,
               sum(spf_aligned_messages)::bigint AS spf, sum(dkim_aligned_messages)::bigint AS dkim,
               sum(quarantined_messages)::bigint AS q, sum(records)::bigint AS records,
               sum(reports)::bigint AS reports
          FROM %s GROUP BY 1, 2, 3, 4)
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
  void small_and_large_reports_are_counted_while_pending_and_roll_up_exactly_once_applied()
      throws Exception {
    store("small", 1767225600, 40);
    store("large", 1767225600 + 43200, 2500); // spans two days; three batches, two by COPY

    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(2540);
    assertThat(dsl.fetchCount(DAILY_ROLLUPS)).as("nothing applied yet").isZero();
    assertThat(dsl.fetchCount(ROLLUP_PENDING)).as("one run per statement and report").isEqualTo(4);
    assertThat(differences()).isZero();
    assertThat(differencesOnceApplied()).isZero();
    assertThat(dsl.fetchSingle("SELECT sum(reports) FROM daily_rollups").get(0, Long.class))
        .as("each report once on each of its days")
        .isEqualTo(3);
    assertThat(store.applyRollups()).as("a second application finds nothing").isZero();
  }

  @Test
  void the_store_applies_the_roll_ups_by_itself_every_so_many_records() throws Exception {
    store("big", 1767225600, (int) ReportStore.APPLY_ROLLUPS_EVERY_RECORDS);

    assertThat(dsl.fetchCount(ROLLUP_PENDING)).isZero();
    assertThat(dsl.fetchSingle(DIFFERENCES.formatted("daily_rollups")).get(0, Long.class)).isZero();
  }

  @Test
  void deleting_applied_or_pending_reports_and_records_takes_their_messages_away()
      throws Exception {
    store("applied", 1767225600, 30);
    store("applied-too", 1767225600 + 60, 30);
    store.applyRollups();
    store("pending", 1767225600 + 3600, 30);
    store("pending-too", 1767225600 + 7200, 30);

    dsl.deleteFrom(REPORTS).where(REPORTS.REPORT_ID.in("applied", "pending")).execute();
    assertThat(differences()).isZero();

    // records of an applied and of a pending report, one from the middle of a pending run
    dsl.deleteFrom(RECORDS).where(RECORDS.RECORD_NO.gt(20).or(RECORDS.RECORD_NO.eq(5))).execute();
    assertThat(differences()).isZero();
    assertThat(differencesOnceApplied()).isZero();
    assertThat(dsl.fetchSingle("SELECT sum(messages) FROM daily_rollups").get(0, Long.class))
        .isEqualTo(dsl.fetchSingle("SELECT sum(message_count) FROM records").get(0, Long.class));
  }

  @Test
  void a_record_deleted_while_pending_and_written_again_counts_once() throws Exception {
    store("again", 1767225600, 10);
    dsl.execute(
        "CREATE TEMP TABLE record_five AS SELECT * FROM records WHERE record_no = 5;"
            + " DELETE FROM records WHERE record_no = 5;"
            + " INSERT INTO records SELECT * FROM record_five; DROP TABLE record_five");

    assertThat(differences()).isZero();
    assertThat(differencesOnceApplied()).isZero();
  }

  @Test
  void truncating_the_inputs_empties_the_roll_ups_and_what_is_pending() throws Exception {
    store("one", 1767225600, 10);
    store.applyRollups();
    store("two", 1767225600, 10);

    dsl.truncate(INPUTS).cascade().execute();

    assertThat(dsl.fetchCount(DAILY_ROLLUPS)).isZero();
    assertThat(dsl.fetchCount(ROLLUP_PENDING)).isZero();
  }

  @Test
  void four_writers_applying_as_they_go_lose_nothing_and_do_not_deadlock() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<StoredReport>> stored =
          java.util.stream.IntStream.range(0, 16)
              .mapToObj(
                  n ->
                      writers.submit(
                          () -> {
                            StoredReport report =
                                store("r" + n, 1767225600 + n * 60L, n % 4 == 0 ? 1500 : 60);
                            store.applyRollups();
                            return report;
                          }))
              .toList();
      for (Future<StoredReport> report : stored) {
        assertThat(report.get().duplicate()).isFalse();
      }
    } finally {
      writers.shutdown();
    }

    assertThat(differences()).isZero();
    assertThat(differencesOnceApplied()).isZero();
  }

  @Test
  void a_days_share_is_the_same_in_bigint_as_in_exact_arithmetic() {
    // counts and periods at and around the bigint path's bound of 2^31, up to the largest count
    String mismatches =
        """
        SELECT count(*)
          FROM unnest(ARRAY[0, 1, 7, 2147483647, 2147483648, 1099511627776,
                            9223372036854775807]::bigint[]) c,
               unnest(ARRAY[1, 3, 86399, 86400, 2147483647, 2147483648, 1000000000000]::bigint[]) p,
               LATERAL (VALUES (0::bigint, p), (p / 3, 2 * p / 3), (p / 7, p), (0, p - p / 5)) se(s, e)
         WHERE day_share(c, p, s, e) <> (div(c::numeric * e, p) - div(c::numeric * s, p))::bigint
        """;

    assertThat(dsl.fetchSingle(mismatches).get(0, Long.class)).isZero();
  }

  /** Differences in what readers see: the applied roll-ups and the pending records together. */
  private long differences() {
    return dsl.fetchSingle(DIFFERENCES.formatted("dmarc_daily_rollups")).get(0, Long.class);
  }

  /** Applies the pending records, then compares the roll-up table alone; nothing stays pending. */
  private long differencesOnceApplied() {
    store.applyRollups();
    assertThat(dsl.fetchCount(ROLLUP_PENDING)).as("pending runs once applied").isZero();
    return dsl.fetchSingle(DIFFERENCES.formatted("daily_rollups")).get(0, Long.class);
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
