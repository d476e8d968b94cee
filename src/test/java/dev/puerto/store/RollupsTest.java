package dev.puerto.store;

import static dev.puerto.schema.Tables.DAILY_REPORTER_ROLLUPS;
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
import java.time.Instant;
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
 * appliers working at once neither deadlock nor lose a message. The reporters' roll-ups (V14) are
 * daily_rollups summed over the sources after each of those, and the daily views of domains and
 * reporters that read them give what their definitions before V14 gave.
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

  /**
   * Rows of daily_reporter_rollups that differ from daily_rollups summed over the sources, either
   * way.
   */
  private static final String REPORTER_DIFFERENCES =
      """
      WITH summed AS (
        SELECT policy_domain, day, org_name, sum(messages)::bigint AS messages,
               sum(dmarc_pass_messages)::bigint AS dmarc_pass_messages,
               sum(spf_aligned_messages)::bigint AS spf_aligned_messages,
               sum(dkim_aligned_messages)::bigint AS dkim_aligned_messages,
               sum(delivered_messages)::bigint AS delivered_messages,
               sum(quarantined_messages)::bigint AS quarantined_messages,
               sum(rejected_messages)::bigint AS rejected_messages,
               sum(records)::bigint AS records, sum(reports)::bigint AS reports
          FROM daily_rollups GROUP BY 1, 2, 3),
      kept AS (SELECT * FROM daily_reporter_rollups)
      SELECT count(*) FROM ((TABLE summed EXCEPT ALL TABLE kept) UNION ALL (TABLE kept EXCEPT ALL TABLE summed)) d
      """;

  /** Rows of dmarc_daily_domains that differ from its definition before V14, either way. */
  private static final String DOMAIN_VIEW_DIFFERENCES =
      """
      WITH before AS (
        SELECT policy_domain, day, sum(messages)::bigint, sum(dmarc_pass_messages)::bigint,
               sum(spf_aligned_messages)::bigint, sum(dkim_aligned_messages)::bigint,
               sum(delivered_messages)::bigint, sum(quarantined_messages)::bigint,
               sum(rejected_messages)::bigint, sum(reports)::bigint, count(DISTINCT org_name)
          FROM dmarc_daily_rollups GROUP BY policy_domain, day),
      now AS (SELECT * FROM dmarc_daily_domains)
      SELECT count(*) FROM ((TABLE before EXCEPT ALL TABLE now) UNION ALL (TABLE now EXCEPT ALL TABLE before)) d
      """;

  /** Rows of dmarc_daily_reporters that differ from its definition before V14, either way. */
  private static final String REPORTER_VIEW_DIFFERENCES =
      """
      WITH before AS (
        SELECT policy_domain, day, org_name, sum(reports)::bigint, sum(messages)::bigint,
               sum(dmarc_pass_messages)::bigint
          FROM dmarc_daily_rollups GROUP BY policy_domain, day, org_name),
      now AS (SELECT * FROM dmarc_daily_reporters)
      SELECT count(*) FROM ((TABLE before EXCEPT ALL TABLE now) UNION ALL (TABLE now EXCEPT ALL TABLE before)) d
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
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).isZero();
  }

  @Test
  void truncating_the_roll_ups_alone_empties_the_reporters_roll_ups() throws Exception {
    store("one", 1767225600, 10);
    store.applyRollups();
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).isEqualTo(1);

    dsl.truncate(DAILY_ROLLUPS).execute();

    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).isZero();
  }

  @Test
  void the_reporters_roll_ups_follow_reports_applied_over_others_deleted_and_duplicates()
      throws Exception {
    long day = 1767225600;
    store("a1", "reporter-a.example", "example.com", day, 60);
    store("b1", "reporter-b.example", "example.com", day + 600, 40);
    store("a2", "reporter-a.example", "example.org", day, 30);
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).as("all pending").isZero();
    assertReporterRollupsAgree();
    store.applyRollups();
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).as("b1 spans two days").isEqualTo(4);
    assertReporterRollupsAgree();

    // spans the applied day and the next: one application both inserts and updates roll-ups
    store("a3", "reporter-a.example", "example.com", day + 43200, 70);
    assertReporterRollupsAgree(); // pending, on keys applied already and on keys of its own
    store.applyRollups();
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).isEqualTo(5);
    assertReporterRollupsAgree();

    assertThat(store("a1", "reporter-a.example", "example.com", day, 60).duplicate()).isTrue();
    assertReporterRollupsAgree();

    dsl.deleteFrom(REPORTS).where(REPORTS.REPORT_ID.eq("b1")).execute();
    assertReporterRollupsAgree();
    assertThat(
            dsl.fetchCount(
                DAILY_REPORTER_ROLLUPS, DAILY_REPORTER_ROLLUPS.ORG_NAME.eq("reporter-b.example")))
        .as("the reporter's last report deleted")
        .isZero();

    dsl.deleteFrom(RECORDS).where(RECORDS.RECORD_NO.eq(7)).execute(); // one of each report
    assertReporterRollupsAgree();
    dsl.deleteFrom(RECORDS)
        .where(RECORDS.RECORD_NO.eq(1))
        .and(
            RECORDS.REPORT_KEY.in(
                dsl.select(REPORTS.ID).from(REPORTS).where(REPORTS.REPORT_ID.eq("a2"))))
        .execute();
    assertReporterRollupsAgree();
    dsl.deleteFrom(RECORDS)
        .where(
            RECORDS.REPORT_KEY.in(
                dsl.select(REPORTS.ID).from(REPORTS).where(REPORTS.REPORT_ID.eq("a2"))))
        .execute();
    assertReporterRollupsAgree();
    assertThat(
            dsl.fetchCount(
                DAILY_REPORTER_ROLLUPS, DAILY_REPORTER_ROLLUPS.POLICY_DOMAIN.eq("example.org")))
        .as("the domain's last records deleted")
        .isZero();
    assertThat(differencesOnceApplied()).isZero();
  }

  @Test
  void pruning_a_month_keeps_the_reporters_roll_ups_and_dropping_roll_ups_takes_them()
      throws Exception {
    Retention retention = new Retention(database);
    Instant cutoff = Instant.parse("2026-02-15T00:00:00Z");
    store("january", "reporter-a.example", "example.com", 1767225600, 20); // 2026-01-01
    store.applyRollups();
    store("january-pending", "reporter-b.example", "example.com", 1767225600 + 86400 * 9, 20);
    store("march", "reporter-a.example", "example.com", 1772323200, 20); // 2026-03-01

    retention.prune(cutoff, Retention.Raw.KEEP, Retention.Rollups.KEEP);
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).as("January's stay").isEqualTo(3);
    assertReporterRollupsAgree();

    retention.prune(cutoff, Retention.Raw.KEEP, Retention.Rollups.DROP);
    assertThat(dsl.fetchCount(DAILY_REPORTER_ROLLUPS)).as("March's alone").isEqualTo(1);
    assertReporterRollupsAgree();
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

  /**
   * Differences in what readers see: the applied roll-ups and the pending records together; the
   * reporters' roll-ups and the daily views agree with them too.
   */
  private long differences() {
    assertReporterRollupsAgree();
    return dsl.fetchSingle(DIFFERENCES.formatted("dmarc_daily_rollups")).get(0, Long.class);
  }

  /** Applies the pending records, then compares the roll-up table alone; nothing stays pending. */
  private long differencesOnceApplied() {
    store.applyRollups();
    assertThat(dsl.fetchCount(ROLLUP_PENDING)).as("pending runs once applied").isZero();
    assertReporterRollupsAgree();
    return dsl.fetchSingle(DIFFERENCES.formatted("daily_rollups")).get(0, Long.class);
  }

  /**
   * daily_reporter_rollups is daily_rollups summed over the sources, and dmarc_daily_domains and
   * dmarc_daily_reporters give what they gave before V14 (their old definitions, on
   * dmarc_daily_rollups).
   */
  private void assertReporterRollupsAgree() {
    assertThat(dsl.fetchSingle(REPORTER_DIFFERENCES).get(0, Long.class))
        .as("daily_reporter_rollups against daily_rollups")
        .isZero();
    assertThat(dsl.fetchSingle(DOMAIN_VIEW_DIFFERENCES).get(0, Long.class))
        .as("dmarc_daily_domains against its definition before V14")
        .isZero();
    assertThat(dsl.fetchSingle(REPORTER_VIEW_DIFFERENCES).get(0, Long.class))
        .as("dmarc_daily_reporters against its definition before V14")
        .isZero();
  }

  private StoredReport store(String reportId, long begin, int records) throws Exception {
    return store(reportId, "example.net", "example.com", begin, records);
  }

  /**
   * Stores a one-day report from {@code begin} (epoch seconds) with {@code records} records, of
   * record n from 198.51.100.(n % 50) with n messages and mixed results, so that records share
   * roll-up rows.
   */
  private StoredReport store(String reportId, String org, String domain, long begin, int records)
      throws Exception {
    StringBuilder xml =
        new StringBuilder(
            """
            <feedback>
              <report_metadata><org_name>%s</org_name><report_id>%s</report_id>
                <date_range><begin>%d</begin><end>%d</end></date_range>
              </report_metadata>
              <policy_published><domain>%s</domain><p>none</p></policy_published>
            """
                .formatted(org, reportId, begin, begin + 86399, domain));
    for (int n = 1; n <= records; n++) {
      xml.append(
          """
          <record><row><source_ip>198.51.100.%d</source_ip><count>%d</count>
            <policy_evaluated><disposition>%s</disposition><dkim>%s</dkim><spf>%s</spf>
            </policy_evaluated></row>
            <identifiers><header_from>%s</header_from></identifiers>
            <auth_results><spf><domain>%s</domain><result>pass</result></spf>
            </auth_results>
          </record>
          """
              .formatted(
                  n % 50,
                  n,
                  n % 7 == 0 ? "quarantine" : "none",
                  n % 3 == 0 ? "fail" : "pass",
                  n % 2 == 0 ? "fail" : "pass",
                  domain,
                  domain));
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
