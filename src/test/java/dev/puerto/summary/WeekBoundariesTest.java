package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_DAILY_DOMAINS;
import static dev.puerto.summary.ReportRows.utc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.Database;
import dev.puerto.summary.ReportRows.Row;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which week and day a report's messages belong to: the documented rule is that a report covers
 * [begin, end), and each record's count is spread over the UTC days of that period in proportion to
 * time, with cumulative rounding so the days add up to the count exactly.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeekBoundariesTest {
  private static final String DOMAIN = "example.com";
  private static final IsoWeek W10 = IsoWeek.parse("2026-W10");
  private static final IsoWeek W11 = IsoWeek.parse("2026-W11");
  private static final IsoWeek W12 = IsoWeek.parse("2026-W12");

  private final Database database;
  private final ReportRows rows;

  WeekBoundariesTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
    rows = new ReportRows(database.dsl());
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    rows.clear();
  }

  private ReportRows fresh() {
    return new ReportRows(database.dsl());
  }

  private DomainSummary summary(IsoWeek week) {
    return new Summarizer(new SummaryReader(database.dsl()))
        .summarize(week, List.of(DOMAIN))
        .domains()
        .get(0);
  }

  private Map<LocalDate, Long> daily() {
    return database
        .dsl()
        .select(DMARC_DAILY_DOMAINS.DAY, DMARC_DAILY_DOMAINS.MESSAGES)
        .from(DMARC_DAILY_DOMAINS)
        .where(DMARC_DAILY_DOMAINS.POLICY_DOMAIN.eq(DOMAIN))
        .fetchMap(DMARC_DAILY_DOMAINS.DAY, DMARC_DAILY_DOMAINS.MESSAGES);
  }

  @Test
  void a_report_spanning_midnight_sunday_counts_in_both_weeks_in_proportion_to_time() {
    fresh()
        .report(
            "google.com",
            DOMAIN,
            "none",
            utc("2026-03-15T12:00:00Z"),
            utc("2026-03-16T12:00:00Z"),
            Row.pass(ReportRows.ip(1), 101));

    DomainSummary w11 = summary(W11);
    DomainSummary w12 = summary(W12);

    assertThat(w11.counts().messages()).isEqualTo(50);
    assertThat(w12.counts().messages()).isEqualTo(51);
    assertThat(w11.days().get(6).counts().messages()).isEqualTo(50);
    assertThat(w12.days().get(0).counts().messages()).isEqualTo(51);
    assertThat(w12.previousWeek().messages()).isEqualTo(50);
    // The report covers a day of each week, so both weeks list its reporter.
    assertThat(w11.reporters()).extracting(Reporter::reports).containsExactly(1L);
    assertThat(w12.reporters()).extracting(Reporter::reports).containsExactly(1L);
  }

  @Test
  void a_reporter_in_another_time_zone_is_split_at_utc_midnight() {
    // Tuesday midnight to midnight at UTC+02:00 is Monday 22:00 to Tuesday 22:00 UTC.
    fresh()
        .report(
            "mail.ru",
            DOMAIN,
            "none",
            utc("2026-03-10T00:00:00+02:00"),
            utc("2026-03-11T00:00:00+02:00"),
            Row.pass(ReportRows.ip(1), 24),
            Row.fail(ReportRows.ip(2), 1000));

    DomainSummary w11 = summary(W11);

    assertThat(w11.days().get(0).date()).isEqualTo(LocalDate.of(2026, 3, 9));
    // 2 of 24 hours: floor(24 * 2/24) = 2 and floor(1000 * 2/24) = 83.
    assertThat(w11.days().get(0).counts().messages()).isEqualTo(2 + 83);
    assertThat(w11.days().get(1).counts().messages()).isEqualTo(22 + 917);
    assertThat(w11.days().get(1).counts().dmarcPass()).isEqualTo(22);
    assertThat(w11.counts().messages()).isEqualTo(1024);
  }

  @Test
  void a_report_beginning_before_monday_in_utc_shares_into_the_previous_week() {
    fresh()
        .report(
            "mail.ru",
            DOMAIN,
            "none",
            utc("2026-03-02T00:00:00+02:00"),
            utc("2026-03-03T00:00:00+02:00"),
            Row.pass(ReportRows.ip(1), 24));

    // Midnight Monday at UTC+02:00 is Sunday 22:00 UTC: 2 hours in W09, 22 in W10.
    assertThat(summary(IsoWeek.parse("2026-W09")).counts().messages()).isEqualTo(2);
    assertThat(summary(W10).counts().messages()).isEqualTo(22);
    assertThat(daily())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(LocalDate.of(2026, 3, 1), 2L, LocalDate.of(2026, 3, 2), 22L));
  }

  @Test
  void end_at_begin_plus_86400_and_plus_86399_both_mean_one_day() {
    ReportRows r = fresh();
    r.report(
        "outlook.com",
        DOMAIN,
        "none",
        utc("2026-03-10T00:00:00Z"),
        utc("2026-03-11T00:00:00Z"),
        Row.pass(ReportRows.ip(1), 7));
    r.report(
        "google.com",
        DOMAIN,
        "none",
        utc("2026-03-10T00:00:00Z"),
        utc("2026-03-10T23:59:59Z"),
        Row.pass(ReportRows.ip(1), 5));

    assertThat(daily()).containsExactlyEntriesOf(Map.of(LocalDate.of(2026, 3, 10), 12L));
  }

  @Test
  void odd_begin_times_and_a_zero_length_period_keep_every_message() {
    ReportRows r = fresh();
    // Two seconds around midnight: 1 second on each day; floor(3 * 1/2) = 1 on the first.
    r.report(
        "odd.example",
        DOMAIN,
        "none",
        utc("2026-03-11T23:59:59Z"),
        utc("2026-03-12T00:00:01Z"),
        Row.pass(ReportRows.ip(1), 3));
    // begin = end: counted as one second, on its day.
    r.report(
        "odd.example",
        DOMAIN,
        "none",
        utc("2026-03-13T17:45:12Z"),
        utc("2026-03-13T17:45:12Z"),
        Row.pass(ReportRows.ip(1), 9));

    assertThat(daily())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                LocalDate.of(2026, 3, 11), 1L,
                LocalDate.of(2026, 3, 12), 2L,
                LocalDate.of(2026, 3, 13), 9L));
  }

  @Test
  void a_multi_week_report_is_spread_evenly_and_adds_up_to_the_last_message() {
    // 14 days from Monday of W10: 100 messages, 50 per week, each day 7 or 8.
    fresh()
        .report(
            "trustwave.com",
            DOMAIN,
            "none",
            utc("2026-03-02T00:00:00Z"),
            utc("2026-03-16T00:00:00Z"),
            Row.pass(ReportRows.ip(1), 100),
            Row.fail(ReportRows.ip(2), 1));

    Map<LocalDate, Long> days = daily();
    assertThat(days).hasSize(14);
    assertThat(days.values()).allSatisfy(v -> assertThat(v).isBetween(7L, 9L));
    assertThat(days.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(101);
    assertThat(summary(W10).counts().messages() + summary(W11).counts().messages()).isEqualTo(101);
    assertThat(summary(W10).counts().dmarcPass()).isEqualTo(50);
    assertThat(summary(W11).counts().dmarcPass()).isEqualTo(50);
  }

  @Test
  void random_periods_always_add_up_to_the_records_counts() {
    ReportRows r = fresh();
    java.util.Random random = new java.util.Random(42);
    long total = 0;
    for (int i = 0; i < 200; i++) {
      long begin = utc("2026-03-01T00:00:00Z").toEpochSecond() + random.nextInt(30 * 86400);
      long length = random.nextInt(10) == 0 ? random.nextInt(20 * 86400) : random.nextInt(200_000);
      long count = random.nextInt(5) == 0 ? random.nextInt(1_000_000) : random.nextInt(50);
      total += count;
      r.report(
          "r" + random.nextInt(5),
          DOMAIN,
          "none",
          java.time.Instant.ofEpochSecond(begin).atOffset(java.time.ZoneOffset.UTC),
          java.time.Instant.ofEpochSecond(begin + length).atOffset(java.time.ZoneOffset.UTC),
          Row.pass(ReportRows.ip(random.nextInt(10)), count));
    }
    long summed = 0;
    for (IsoWeek w = IsoWeek.parse("2026-W08"); !w.monday().isAfter(LocalDate.of(2026, 5, 1)); ) {
      summed += summary(w).counts().messages();
      w = new IsoWeek(w.monday().plusWeeks(1));
    }
    assertThat(summed).isEqualTo(total);
    assertThat(daily().values().stream().collect(Collectors.summingLong(Long::longValue)))
        .isEqualTo(total);
  }
}
