package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DMARC_REPORT_DAYS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A domain's rows of a span of weeks, read once and grouped three ways: per week and source, per
 * day (with the reports covering it), and per reporter and week. Two queries, one over the daily
 * roll-ups and one over reports, each with grouping sets.
 */
record GroupedCounts(
    Map<IsoWeek, Map<String, Counts>> bySource,
    Map<LocalDate, Day> byDay,
    Map<String, Map<IsoWeek, Reporter>> byReporter) {
  private static final Field<Integer> BY_SOURCE = DSL.grouping(DMARC_DAILY_ROLLUPS.SOURCE_IP);
  private static final Field<Integer> BY_DAY = DSL.grouping(DMARC_DAILY_ROLLUPS.DAY);
  private static final Field<LocalDate> WEEK = mondayOf(DMARC_DAILY_ROLLUPS.DAY);
  private static final Field<String> IP = SummaryReader.host(DMARC_DAILY_ROLLUPS.SOURCE_IP);

  /** The columns of {@link Counts}, in its order. */
  private static final List<Field<Long>> COUNTS =
      List.of(
          messages(DMARC_DAILY_ROLLUPS.MESSAGES),
          messages(DMARC_DAILY_ROLLUPS.DMARC_PASS_MESSAGES),
          messages(DMARC_DAILY_ROLLUPS.SPF_ALIGNED_MESSAGES),
          messages(DMARC_DAILY_ROLLUPS.DKIM_ALIGNED_MESSAGES),
          // delivered: whatever the receiver did not quarantine or reject (pass included)
          messages(DMARC_DAILY_ROLLUPS.DELIVERED_MESSAGES),
          messages(DMARC_DAILY_ROLLUPS.QUARANTINED_MESSAGES),
          messages(DMARC_DAILY_ROLLUPS.REJECTED_MESSAGES));

  GroupedCounts {
    bySource = copy(bySource);
    byDay = Map.copyOf(byDay);
    byReporter = copy(byReporter);
  }

  /** Reads the domain's weeks from first to last. */
  static GroupedCounts read(DSLContext dsl, DomainFilter filter, IsoWeek first, IsoWeek last) {
    Groups groups = new Groups();
    readRollups(dsl, filter.rollups(first, last), groups);
    readReports(dsl, filter.reportDays(first, last), groups);
    return new GroupedCounts(groups.bySource, groups.byDay, groups.byReporter);
  }

  /** The week's sources and their counts; none for a week without records. */
  Map<String, Counts> sources(IsoWeek w) {
    return bySource.getOrDefault(w, Map.of());
  }

  /** Every day of the week, a day without reports included. */
  List<Day> days(IsoWeek w) {
    return w.days().stream()
        .map(day -> byDay.getOrDefault(day, new Day(day, 0, Counts.ZERO)))
        .toList();
  }

  /** The reporters of the week, most messages first. */
  List<Reporter> activeReporters(IsoWeek w) {
    return byReporter.values().stream()
        .map(weeks -> weeks.get(w))
        .filter(Objects::nonNull)
        .sorted(
            Comparator.comparingLong(Reporter::messages).reversed().thenComparing(Reporter::name))
        .toList();
  }

  /** The reporters of the weeks before that sent nothing for this one, by name. */
  List<String> silentReporters(IsoWeek w) {
    return byReporter.entrySet().stream()
        .filter(e -> !e.getValue().containsKey(w))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** The maps one read fills: the record query's groups first, then the report query's. */
  private static final class Groups {
    final Map<IsoWeek, Map<String, Counts>> bySource = new HashMap<>();
    final Map<LocalDate, Counts> dayCounts = new HashMap<>();
    final Map<String, Map<IsoWeek, Long>> reporterMessages = new HashMap<>();
    final Map<LocalDate, Day> byDay = new HashMap<>();
    final Map<String, Map<IsoWeek, Reporter>> byReporter = new HashMap<>();
  }

  /**
   * Message counts per week and source, per day, and per week and reporter, from the daily
   * roll-ups: a domain-week costs its days times sources and reporters, not its records.
   */
  private static void readRollups(DSLContext dsl, Condition rows, Groups groups) {
    var d = DMARC_DAILY_ROLLUPS;
    List<Field<?>> fields =
        new ArrayList<>(List.of(BY_SOURCE, BY_DAY, WEEK, IP, d.DAY, d.ORG_NAME));
    fields.addAll(COUNTS);
    // No DISTINCT aggregate here, so PostgreSQL can hash all three groupings in one pass.
    dsl.select(fields)
        .from(d)
        .where(rows)
        .groupBy(
            DSL.groupingSets(List.of(WEEK, d.SOURCE_IP), List.of(d.DAY), List.of(WEEK, d.ORG_NAME)))
        .forEach(r -> addRecordGroup(r, groups));
  }

  /** GROUPING(x) is 0 in the rows grouped by x: it tells which of the three groupings r is. */
  private static void addRecordGroup(Record r, Groups groups) {
    Counts counts = counts(r);
    if (r.get(BY_SOURCE) == 0) {
      groups
          .bySource
          .computeIfAbsent(new IsoWeek(r.get(WEEK)), k -> new HashMap<>())
          .put(r.get(IP), counts);
    } else if (r.get(BY_DAY) == 0) {
      groups.dayCounts.put(r.get(DMARC_DAILY_ROLLUPS.DAY), counts);
    } else {
      groups
          .reporterMessages
          .computeIfAbsent(r.get(DMARC_DAILY_ROLLUPS.ORG_NAME), k -> new HashMap<>())
          .put(new IsoWeek(r.get(WEEK)), counts.messages());
    }
  }

  /**
   * Reports per day and per week and reporter, joined with the record query's counts. Reports are
   * counted from the reports (a few per day), not from their records.
   */
  private static void readReports(DSLContext dsl, Condition rows, Groups groups) {
    var rd = DMARC_REPORT_DAYS;
    Field<LocalDate> reportWeek = mondayOf(rd.DAY);
    dsl.select(
            DSL.grouping(rd.DAY), rd.DAY, reportWeek, rd.ORG_NAME, DSL.countDistinct(rd.REPORT_KEY))
        .from(rd)
        .where(rows)
        .groupBy(DSL.groupingSets(List.of(rd.DAY), List.of(reportWeek, rd.ORG_NAME)))
        .forEach(
            r -> {
              if (r.value1() == 0) {
                addDay(r.value2(), r.value5(), groups);
              } else {
                addReporter(r.value4(), new IsoWeek(r.value3()), r.value5(), groups);
              }
            });
  }

  private static void addDay(LocalDate day, long reports, Groups groups) {
    groups.byDay.put(day, new Day(day, reports, groups.dayCounts.getOrDefault(day, Counts.ZERO)));
  }

  private static void addReporter(String name, IsoWeek w, long reports, Groups groups) {
    long messages = groups.reporterMessages.getOrDefault(name, Map.of()).getOrDefault(w, 0L);
    groups
        .byReporter
        .computeIfAbsent(name, k -> new HashMap<>())
        .put(w, new Reporter(name, reports, messages));
  }

  private static <K, L, V> Map<K, Map<L, V>> copy(Map<K, Map<L, V>> nested) {
    Map<K, Map<L, V>> copy = new HashMap<>();
    nested.forEach((key, inner) -> copy.put(key, Map.copyOf(inner)));
    return Map.copyOf(copy);
  }

  static Field<LocalDate> mondayOf(Field<LocalDate> day) {
    return DSL.field("date_trunc('week', {0})::date", SQLDataType.LOCALDATE, day);
  }

  /** A count column summed over a group, 0 for none. */
  static Field<Long> messages(Field<Long> column) {
    return DSL.coalesce(DSL.sum(column), BigDecimal.ZERO).cast(SQLDataType.BIGINT);
  }

  private static Counts counts(Record record) {
    long[] v = COUNTS.stream().mapToLong(record::get).toArray();
    return new Counts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }
}
