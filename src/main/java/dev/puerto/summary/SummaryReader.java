package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_RECORD_DAYS;
import static dev.puerto.schema.Tables.DMARC_REPORT_DAYS;
import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.schema.InputStatus;
import dev.puerto.schema.Verdict;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The jOOQ queries behind a {@link WeeklySummary}. Every count comes from {@code dmarc_record_days}
 * (multi-day reports spread over their UTC days), read with bounds on {@code begin_at} that the
 * index {@code reports_domain_begin_idx} can use, so a domain-week costs its own rows, not the
 * table's.
 */
final class SummaryReader {
  /** Reporters and advice look this many weeks back. */
  static final int LOOKBACK_WEEKS = 4;

  private static final Field<LocalDate> WEEK = mondayOf(DMARC_RECORD_DAYS.DAY);

  private final DSLContext dsl;
  private final IsoWeek week;

  SummaryReader(DSLContext dsl, IsoWeek week) {
    this.dsl = dsl;
    this.week = week;
  }

  List<String> recentDomains() {
    return dsl.selectDistinct(REPORTS.POLICY_DOMAIN)
        .from(REPORTS)
        .where(REPORTS.BEGIN_AT.lt(week.end()))
        .and(REPORTS.BEGIN_AT.ge(week.minusWeeks(LOOKBACK_WEEKS).start()))
        .orderBy(REPORTS.POLICY_DOMAIN)
        .fetch(REPORTS.POLICY_DOMAIN);
  }

  List<RejectedInput> rejectedInputs() {
    return dsl.select(INPUTS.ORIGIN, INPUTS.STATUS, INPUTS.ERROR, INPUTS.RECEIVED_AT)
        .from(INPUTS)
        .where(INPUTS.STATUS.in(InputStatus.REJECTED, InputStatus.PARTIAL))
        .and(INPUTS.RECEIVED_AT.ge(week.start()))
        .and(INPUTS.RECEIVED_AT.lt(week.end()))
        .orderBy(INPUTS.RECEIVED_AT, INPUTS.ID)
        .fetch(r -> new RejectedInput(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  DomainSummary domain(String domain) {
    Window window = new Window(domain, longestPeriodSeconds(domain));
    IsoWeek first = week.minusWeeks(LOOKBACK_WEEKS);
    Map<String, List<Finding>> findings = findings(domain, first);

    Grouped grouped = grouped(window, first);
    Map<IsoWeek, Map<String, Counts>> bySource = grouped.bySource;
    Map<String, Counts> thisWeek = bySource.getOrDefault(week, Map.of());
    Set<String> firstSeen = firstSeen(window);
    Map<String, String[]> hosts = hosts(thisWeek.keySet());
    List<Source> sources =
        thisWeek.entrySet().stream()
            .map(
                e -> {
                  String[] host = hosts.getOrDefault(e.getKey(), new String[2]);
                  Optional<Finding> finding = latest(findings.get(e.getKey()), week);
                  return new Source(
                      e.getKey(),
                      e.getValue(),
                      host[0],
                      finding.map(Finding::service).filter(s -> s != null).orElse(host[1]),
                      finding.map(Finding::verdict).orElse(null),
                      finding.map(Finding::action).orElse(null),
                      firstSeen.contains(e.getKey()));
                })
            .sorted(
                Comparator.comparingLong((Source s) -> s.counts().messages())
                    .reversed()
                    .thenComparing(Source::ip))
            .toList();

    List<WeekRate> history = new ArrayList<>();
    for (int back = LOOKBACK_WEEKS - 1; back >= 0; back--) {
      IsoWeek w = week.minusWeeks(back);
      history.add(legitimateRate(w, bySource.getOrDefault(w, Map.of()), findings));
    }
    PublishedPolicy policy = policy(window);
    boolean analyzed =
        findings.values().stream().flatMap(List::stream).anyMatch(f -> f.covers(week));
    return new DomainSummary(
        domain,
        week,
        total(thisWeek.values()),
        total(bySource.getOrDefault(week.minusWeeks(1), Map.of()).values()),
        days(grouped),
        activeReporters(grouped),
        silentReporters(grouped),
        sources,
        analyzed,
        policy,
        history,
        PolicyAdvisor.advise(policy, history, sources, analyzed));
  }

  /**
   * The longest report period the domain has, in whole seconds plus one: reports that began earlier
   * than a window's start less this cannot reach into it. Answered from {@code
   * reports_domain_period_idx}.
   */
  private long longestPeriodSeconds(String domain) {
    BigDecimal seconds =
        dsl.select(
                DSL.field(
                    "extract(epoch FROM max({0} - {1}))",
                    SQLDataType.NUMERIC, REPORTS.END_AT, REPORTS.BEGIN_AT))
            .from(REPORTS)
            .where(REPORTS.POLICY_DOMAIN.eq(domain))
            .fetchOne(0, BigDecimal.class);
    return seconds == null ? 1 : seconds.longValue() + 2;
  }

  /** The domain's rows of dmarc_record_days on the days of [from, to). */
  private final class Window {
    final String domain;
    final long longestPeriodSeconds;

    Window(String domain, long longestPeriodSeconds) {
      this.domain = domain;
      this.longestPeriodSeconds = longestPeriodSeconds;
    }

    Condition days(IsoWeek from, IsoWeek to) {
      var d = DMARC_RECORD_DAYS;
      return days(from, to, d.POLICY_DOMAIN, d.BEGIN_AT, d.END_AT, d.DAY);
    }

    Condition reportDays(IsoWeek from, IsoWeek to) {
      var d = DMARC_REPORT_DAYS;
      return days(from, to, d.POLICY_DOMAIN, d.BEGIN_AT, d.END_AT, d.DAY);
    }

    private Condition days(
        IsoWeek from,
        IsoWeek to,
        Field<String> policyDomain,
        Field<OffsetDateTime> beginAt,
        Field<OffsetDateTime> endAt,
        Field<LocalDate> day) {
      OffsetDateTime start = from.start();
      return policyDomain
          .eq(domain)
          .and(beginAt.lt(to.end()))
          .and(beginAt.ge(start.minusSeconds(longestPeriodSeconds)))
          .and(endAt.ge(start))
          .and(day.ge(from.monday()))
          .and(day.le(to.sunday()));
    }

    Condition reports(IsoWeek w) {
      return REPORTS
          .POLICY_DOMAIN
          .eq(domain)
          .and(REPORTS.BEGIN_AT.lt(w.end()))
          .and(REPORTS.BEGIN_AT.ge(w.start().minusSeconds(longestPeriodSeconds)))
          .and(REPORTS.END_AT.ge(w.start()));
    }
  }

  /** The address without a prefix length, as people write it. */
  private static Field<String> host(Field<Inet> ip) {
    return DSL.field("host({0})", SQLDataType.VARCHAR, ip);
  }

  private static List<Field<Long>> countFields() {
    var d = DMARC_RECORD_DAYS;
    return List.of(
        messages(DSL.noCondition()),
        messages(d.DMARC_PASS),
        messages(d.SPF_ALIGNED_PASS),
        messages(d.DKIM_ALIGNED_PASS),
        messages(d.DISPOSITION.notIn("quarantine", "reject")),
        messages(d.DISPOSITION.eq("quarantine")),
        messages(d.DISPOSITION.eq("reject")));
  }

  private static Field<Long> messages(Condition filter) {
    return DSL.coalesce(DSL.sum(DMARC_RECORD_DAYS.MESSAGES).filterWhere(filter), BigDecimal.ZERO)
        .cast(SQLDataType.BIGINT);
  }

  private static Field<Long> messages(Field<Boolean> flag) {
    return messages(flag.isTrue());
  }

  private static Counts counts(Record record, int offset) {
    long[] v = new long[7];
    for (int i = 0; i < v.length; i++) {
      v[i] = record.get(offset + i, Long.class);
    }
    return new Counts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  private static Counts total(Iterable<Counts> parts) {
    long[] v = new long[7];
    for (Counts c : parts) {
      v[0] += c.messages();
      v[1] += c.dmarcPass();
      v[2] += c.spfAlignedPass();
      v[3] += c.dkimAlignedPass();
      v[4] += c.none();
      v[5] += c.quarantine();
      v[6] += c.reject();
    }
    return new Counts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  /**
   * The domain's rows of the week and the four before, read once and grouped three ways: per week
   * and source, per day (for the reports covering it), and per reporter and week.
   */
  private static final class Grouped {
    final Map<IsoWeek, Map<String, Counts>> bySource = new HashMap<>();
    final Map<LocalDate, Day> byDay = new HashMap<>();
    final Map<String, Map<IsoWeek, long[]>> byReporter = new HashMap<>();
  }

  private Grouped grouped(Window window, IsoWeek first) {
    var d = DMARC_RECORD_DAYS;
    List<Field<?>> fields =
        new ArrayList<>(
            List.of(
                DSL.grouping(d.SOURCE_IP),
                DSL.grouping(d.DAY),
                WEEK,
                host(d.SOURCE_IP),
                d.DAY,
                d.ORG_NAME));
    fields.addAll(countFields());
    Map<LocalDate, Counts> dayCounts = new HashMap<>();
    Map<String, Map<IsoWeek, Long>> reporterMessages = new HashMap<>();
    Grouped grouped = new Grouped();
    // No DISTINCT aggregate here, so PostgreSQL can hash all three groupings in one pass.
    dsl.select(fields)
        .from(d)
        .where(window.days(first, week))
        .groupBy(
            DSL.groupingSets(List.of(WEEK, d.SOURCE_IP), List.of(d.DAY), List.of(WEEK, d.ORG_NAME)))
        .forEach(
            r -> {
              Counts counts = counts(r, 6);
              if (r.get(0, Integer.class) == 0) {
                grouped
                    .bySource
                    .computeIfAbsent(new IsoWeek(r.get(2, LocalDate.class)), k -> new HashMap<>())
                    .put(r.get(3, String.class), counts);
              } else if (r.get(1, Integer.class) == 0) {
                dayCounts.put(r.get(4, LocalDate.class), counts);
              } else {
                reporterMessages
                    .computeIfAbsent(r.get(5, String.class), k -> new HashMap<>())
                    .put(new IsoWeek(r.get(2, LocalDate.class)), counts.messages());
              }
            });
    // Reports are counted from the reports (a few per day), not from their records.
    var rd = DMARC_REPORT_DAYS;
    Field<LocalDate> reportWeek = mondayOf(rd.DAY);
    dsl.select(
            DSL.grouping(rd.DAY), rd.DAY, reportWeek, rd.ORG_NAME, DSL.countDistinct(rd.REPORT_KEY))
        .from(rd)
        .where(window.reportDays(first, week))
        .groupBy(DSL.groupingSets(List.of(rd.DAY), List.of(reportWeek, rd.ORG_NAME)))
        .forEach(
            r -> {
              long reports = r.value5();
              if (r.value1() == 0) {
                LocalDate day = r.value2();
                grouped.byDay.put(
                    day, new Day(day, reports, dayCounts.getOrDefault(day, Counts.ZERO)));
              } else {
                IsoWeek w = new IsoWeek(r.value3());
                long messages =
                    reporterMessages.getOrDefault(r.value4(), Map.of()).getOrDefault(w, 0L);
                grouped
                    .byReporter
                    .computeIfAbsent(r.value4(), k -> new HashMap<>())
                    .put(w, new long[] {reports, messages});
              }
            });
    return grouped;
  }

  private static Field<LocalDate> mondayOf(Field<LocalDate> day) {
    return DSL.field("date_trunc('week', {0})::date", SQLDataType.LOCALDATE, day);
  }

  private List<Day> days(Grouped grouped) {
    return week.days().stream()
        .map(day -> grouped.byDay.getOrDefault(day, new Day(day, 0, Counts.ZERO)))
        .toList();
  }

  private List<Reporter> activeReporters(Grouped grouped) {
    List<Reporter> active = new ArrayList<>();
    grouped.byReporter.forEach(
        (name, weeks) -> {
          long[] thisWeek = weeks.get(week);
          if (thisWeek != null) {
            active.add(new Reporter(name, thisWeek[0], thisWeek[1]));
          }
        });
    active.sort(
        Comparator.comparingLong(Reporter::messages).reversed().thenComparing(Reporter::name));
    return active;
  }

  private List<String> silentReporters(Grouped grouped) {
    return grouped.byReporter.entrySet().stream()
        .filter(e -> !e.getValue().containsKey(week))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * Sources of the week that no report of the domain named before the week began: each distinct
   * address is looked up once in {@code records_source_ip_idx}, stopping at the first earlier
   * report.
   */
  private Set<String> firstSeen(Window window) {
    var thisWeek =
        dsl.selectDistinct(DMARC_RECORD_DAYS.SOURCE_IP)
            .from(DMARC_RECORD_DAYS)
            .where(window.days(week, week))
            .asTable("this_week");
    Field<Inet> ip = thisWeek.field(DMARC_RECORD_DAYS.SOURCE_IP);
    var earlier = RECORDS.as("earlier");
    return Set.copyOf(
        dsl.select(host(ip))
            .from(thisWeek)
            .whereNotExists(
                DSL.selectOne()
                    .from(earlier)
                    .join(REPORTS)
                    .on(REPORTS.ID.eq(earlier.REPORT_KEY))
                    .where(earlier.SOURCE_IP.eq(ip))
                    .and(REPORTS.POLICY_DOMAIN.eq(window.domain))
                    .and(REPORTS.BEGIN_AT.lt(week.start())))
            .fetch(0, String.class));
  }

  private PublishedPolicy policy(Window window) {
    var rows =
        dsl.select(REPORTS.P, REPORTS.SP, REPORTS.PCT)
            .from(REPORTS)
            .where(window.reports(week))
            .groupBy(REPORTS.P, REPORTS.SP, REPORTS.PCT)
            .orderBy(DSL.max(REPORTS.BEGIN_AT).desc())
            .fetch();
    if (rows.isEmpty()) {
      return null;
    }
    var latest = rows.get(0);
    return new PublishedPolicy(latest.value1(), latest.value2(), latest.value3(), rows.size() > 1);
  }

  private Map<String, String[]> hosts(Set<String> ips) {
    if (ips.isEmpty()) {
      return Map.of();
    }
    return dsl.select(host(HOSTS.IP), HOSTS.PTR, HOSTS.SERVICE)
        .from(HOSTS)
        .where(
            HOSTS.IP.in(
                ips.stream().map(ip -> DSL.cast(DSL.val(ip), HOSTS.IP.getDataType())).toList()))
        .fetchMap(r -> r.value1(), r -> new String[] {r.value2(), r.value3()});
  }

  record Finding(
      OffsetDateTime windowStart,
      OffsetDateTime windowEnd,
      OffsetDateTime checkedAt,
      Verdict verdict,
      String action,
      String service) {
    boolean covers(IsoWeek w) {
      return windowStart.isBefore(w.end()) && windowEnd.isAfter(w.start());
    }
  }

  private Map<String, List<Finding>> findings(String domain, IsoWeek first) {
    return dsl.select(
            host(FINDINGS.SOURCE_IP),
            FINDINGS.WINDOW_START,
            FINDINGS.WINDOW_END,
            FINDINGS.CHECKED_AT,
            FINDINGS.VERDICT,
            FINDINGS.ACTION,
            FINDINGS.SERVICE)
        .from(FINDINGS)
        .where(FINDINGS.POLICY_DOMAIN.eq(domain))
        .and(FINDINGS.WINDOW_END.gt(first.start()))
        .and(FINDINGS.WINDOW_START.lt(week.end()))
        .fetchGroups(
            r -> r.value1(),
            r ->
                new Finding(
                    r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
  }

  /** The finding checked last among those whose window overlaps the week. */
  private static Optional<Finding> latest(List<Finding> findings, IsoWeek w) {
    return findings == null
        ? Optional.empty()
        : findings.stream().filter(f -> f.covers(w)).max(Comparator.comparing(Finding::checkedAt));
  }

  private static WeekRate legitimateRate(
      IsoWeek w, Map<String, Counts> sources, Map<String, List<Finding>> findings) {
    long legitimate = 0;
    long pass = 0;
    for (Map.Entry<String, Counts> e : sources.entrySet()) {
      boolean spoofed =
          latest(findings.get(e.getKey()), w)
              .map(f -> f.verdict() == Verdict.UNAUTHORIZED)
              .orElse(false);
      if (!spoofed) {
        legitimate += e.getValue().messages();
        pass += e.getValue().dmarcPass();
      }
    }
    return new WeekRate(w, legitimate, pass);
  }
}
