package dev.puerto.store;

import static dev.puerto.schema.Tables.DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.PRUNED_MONTHS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.ROLLUP_PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.parse.ReportParser;
import dev.puerto.parse.ReportReader;
import dev.puerto.schema.InputStatus;
import dev.puerto.schema.Routines;
import dev.puerto.source.Origin;
import dev.puerto.store.Retention.Raw;
import dev.puerto.store.Retention.Rollups;
import dev.puerto.testing.FirstReport;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RawBytes;
import dev.puerto.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code puerto prune}: whole months of records go as partitions; reports, roll-ups and raw inputs
 * stay unless asked. Report periods are placed relative to today, as the filing rule is.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest {
  /** The first day of this month, in UTC. */
  private static final LocalDate THIS_MONTH = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);

  private static final LocalDate OLD = THIS_MONTH.minusMonths(14);
  private static final LocalDate OLDER = THIS_MONTH.minusMonths(15);

  /** Midway through the month after OLD: both old months are wholly before it. */
  private static final Instant CUTOFF = at(OLD.plusMonths(1).plusDays(15));

  private final TestDatabase testDatabase;
  private final ReportParser parser = new ReportParser();
  private Database database;
  private ReportStore store;
  private Retention retention;
  private DSLContext dsl;

  RetentionTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    store = new ReportStore(database);
    retention = new Retention(database);
    dsl = database.dsl();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void threeMonthsOfReports() throws Exception {
    dsl.truncate(INPUTS).cascade().execute();
    dsl.truncate(PRUNED_MONTHS).execute();
    store("older", OLDER.plusDays(3), 3);
    store("old-a", OLD.plusDays(9), 2);
    store("old-b", OLD.plusDays(27), 4);
    store("now", THIS_MONTH, 5);
  }

  @Test
  void a_dry_run_counts_the_old_months_exactly_and_removes_nothing() {
    Retention.Plan plan = retention.plan(CUTOFF, Raw.KEEP, Rollups.KEEP);

    assertThat(plan.months())
        .containsExactly(new Retention.Month(OLDER, 3, 0), new Retention.Month(OLD, 6, 0));
    assertThat(plan.records()).isEqualTo(9);
    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(14);
    assertThat(partitionsOf(OLD)).isNotEmpty();
  }

  @Test
  void pruning_drops_the_months_partitions_and_keeps_reports_and_roll_ups() {
    var rollupsBefore = rollups();

    Retention.Plan pruned = retention.prune(CUTOFF, Raw.KEEP, Rollups.KEEP);

    assertThat(pruned.records()).isEqualTo(9);
    assertThat(partitionsOf(OLD)).isEmpty();
    assertThat(partitionsOf(OLDER)).isEmpty();
    assertThat(partitionsOf(THIS_MONTH)).isNotEmpty();
    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(5);
    assertThat(dsl.fetchCount(DKIM_RESULTS)).isEqualTo(5);
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(4);
    assertThat(rollups()).isEqualTo(rollupsBefore);
    assertThat(dsl.fetchCount(ROLLUP_PENDING)).as("the records were rolled up before").isZero();
    assertThat(dsl.select(PRUNED_MONTHS.PERIOD_MONTH, PRUNED_MONTHS.RECORDS).from(PRUNED_MONTHS))
        .extracting(r -> List.of(r.value1(), r.value2()))
        .containsExactlyInAnyOrder(List.of(OLDER, 3L), List.of(OLD, 6L));
    assertThat(retention.plan(CUTOFF, Raw.KEEP, Rollups.KEEP).months())
        .as("a second prune finds nothing to do")
        .isEmpty();
  }

  @Test
  void dropping_a_month_rolls_up_its_records_still_pending_first() {
    var rollupsBefore = rollups();

    dsl.transaction(c -> Routines.dropMonthPartitions(c, OLD));

    assertThat(partitionsOf(OLD)).isEmpty();
    assertThat(rollups()).isEqualTo(rollupsBefore);
    assertThat(dsl.fetchCount(ROLLUP_PENDING, ROLLUP_PENDING.PERIOD_MONTH.eq(OLD))).isZero();
  }

  @Test
  void a_late_report_of_a_pruned_month_is_still_stored_by_a_store_that_saw_the_month()
      throws Exception {
    retention.prune(CUTOFF, Raw.KEEP, Rollups.KEEP);

    // this store remembers the month's partitions from before the prune
    StoredReport late = store("old-late", OLD.plusDays(20), 2);

    assertThat(late.duplicate()).isFalse();
    assertThat(dsl.fetchCount(RECORDS, RECORDS.PERIOD_MONTH.eq(OLD))).isEqualTo(2);
  }

  @Test
  void a_dry_run_counts_the_roll_up_rows_to_drop_with_the_records_still_pending() throws Exception {
    store.applyRollups();
    store("old-a-again", OLD.plusDays(9), 2); // pending, on keys rolled up already
    store("old-c", OLD.plusDays(10), 3); // pending, on keys of their own
    assertThat(dsl.fetchCount(ROLLUP_PENDING)).isPositive();

    Retention.Plan planned = retention.plan(CUTOFF, Raw.KEEP, Rollups.DROP);
    store.applyRollups();
    int rowsThen =
        dsl.fetchCount(
            DAILY_ROLLUPS, DAILY_ROLLUPS.DAY.lt(LocalDate.ofInstant(CUTOFF, ZoneOffset.UTC)));
    Retention.Plan pruned = retention.prune(CUTOFF, Raw.KEEP, Rollups.DROP);

    assertThat(planned.rollupRows()).isEqualTo(rowsThen).isEqualTo(pruned.rollupRows());
  }

  @Test
  void dropping_raw_inputs_empties_the_bytes_of_those_received_before_the_cutoff_only() {
    dsl.update(INPUTS)
        .set(INPUTS.RECEIVED_AT, OffsetDateTime.ofInstant(CUTOFF, ZoneOffset.UTC).minusDays(1))
        .where(INPUTS.ORIGIN.in("older", "old-a"))
        .execute();

    Retention.Plan plan = retention.prune(CUTOFF, Raw.DROP, Rollups.KEEP);

    assertThat(plan.rawInputs()).isEqualTo(2);
    assertThat(plan.rawBytes()).isPositive();
    assertThat(
            dsl.select(INPUTS.ORIGIN)
                .from(INPUTS)
                .where(INPUTS.RAW_GZIP.eq(new byte[0]))
                .and(INPUTS.RAW_DROPPED_AT.isNotNull())
                .fetchSet(INPUTS.ORIGIN))
        .isEqualTo(Set.of("older", "old-a"));
    assertThat(store.findInputs(List.of(InputStatus.values()), List.of()))
        .as("reparse has nothing to parse in them")
        .extracting(input -> input.origin().name())
        .containsExactlyInAnyOrder("old-b", "now");
  }

  @Test
  void dropping_roll_ups_removes_the_days_before_the_cutoff_only() {
    Retention.Plan plan = retention.prune(CUTOFF, Raw.KEEP, Rollups.DROP);

    assertThat(plan.rollupRows()).isPositive();
    assertThat(
            dsl.fetchCount(
                DAILY_ROLLUPS, DAILY_ROLLUPS.DAY.lt(LocalDate.ofInstant(CUTOFF, ZoneOffset.UTC))))
        .isZero();
    assertThat(
            dsl.select(DSL.sum(DAILY_ROLLUPS.MESSAGES))
                .from(DAILY_ROLLUPS)
                .fetchOne(0, BigDecimal.class))
        .as("only this month's five messages are left")
        .isEqualByComparingTo("5");
  }

  @Test
  void a_report_dated_decades_away_is_filed_under_this_month_and_makes_no_table_of_its_own()
      throws Exception {
    store("1971", LocalDate.of(1971, 3, 1), 1);
    store("2090", LocalDate.of(2090, 3, 1), 1);

    assertThat(
            dsl.select(REPORTS.PERIOD_MONTH)
                .from(REPORTS)
                .where(REPORTS.REPORT_ID.in("1971", "2090"))
                .fetch(REPORTS.PERIOD_MONTH))
        .containsExactly(THIS_MONTH, THIS_MONTH);
    assertThat(partitionsOf(LocalDate.of(1971, 3, 1))).isEmpty();
    assertThat(partitionsOf(LocalDate.of(2090, 3, 1))).isEmpty();
  }

  /** Every roll-up row, as text, in key order. */
  /** The roll-ups as readers see them (applied or pending), per key. */
  private List<String> rollups() {
    var r = DMARC_DAILY_ROLLUPS;
    return dsl.select(
            r.POLICY_DOMAIN,
            r.DAY,
            r.SOURCE_IP,
            r.ORG_NAME,
            DSL.sum(r.MESSAGES),
            DSL.sum(r.REPORTS))
        .from(r)
        .groupBy(r.POLICY_DOMAIN, r.DAY, r.SOURCE_IP, r.ORG_NAME)
        .orderBy(r.POLICY_DOMAIN, r.DAY, r.SOURCE_IP, r.ORG_NAME)
        .fetch(Object::toString);
  }

  private List<String> partitionsOf(LocalDate month) {
    return dsl.fetch(
            "SELECT relname::text FROM pg_class WHERE relname ~ ?",
            "_y%04dm%02d$".formatted(month.getYear(), month.getMonthValue()))
        .getValues(0, String.class);
  }

  /**
   * Stores a one-day report beginning on {@code day} with {@code records} records of 1 message
   * each, from the input named {@code name}.
   */
  private StoredReport store(String name, LocalDate day, int records) throws Exception {
    StringBuilder xml =
        new StringBuilder(
            """
            <feedback>
              <report_metadata><org_name>example.net</org_name><report_id>%s</report_id>
                <date_range><begin>%d</begin><end>%d</end></date_range>
              </report_metadata>
              <policy_published><domain>example.com</domain><p>none</p></policy_published>
            """
                .formatted(name, at(day).getEpochSecond(), at(day).getEpochSecond() + 86399));
    for (int n = 1; n <= records; n++) {
      xml.append(
          """
          <record><row><source_ip>192.0.2.%d</source_ip><count>1</count>
            <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf>
            </policy_evaluated></row>
            <identifiers><header_from>example.com</header_from></identifiers>
            <auth_results><dkim><domain>example.com</domain><result>pass</result></dkim>
            </auth_results>
          </record>
          """
              .formatted(n));
    }
    String text = xml.append("</feedback>").toString();
    long input =
        store
            .registerInput(
                new Origin(Origin.Kind.FILE, name),
                RawBytes.of(text.getBytes(StandardCharsets.UTF_8)))
            .id();
    ReportReader reader =
        FirstReport.open(
                parser,
                name + ".xml",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
            .reader();
    StoredReport stored = store.store(input, name, reader.report(), Records.of(reader));
    store.finishInput(input, InputStatus.IMPORTED, 1, null);
    return stored;
  }

  private static Instant at(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
