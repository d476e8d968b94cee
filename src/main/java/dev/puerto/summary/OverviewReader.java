package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_DAILY_DOMAINS;
import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DMARC_FAILURE_REPORTS;
import static dev.puerto.schema.Tables.DMARC_REPORT_DAYS;
import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SMTP_TLS_POLICIES;

import dev.puerto.schema.tables.records.FindingsRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Row2;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The queries behind a {@link WeekOverview}: each reads every domain at once, from the per-day
 * views ({@code dmarc_daily_domains}, a few rows per domain and day, and {@code dmarc_report_days})
 * and from the sources {@code puerto analyze} judged; the week's other sources are the domain
 * page's, not the overview's.
 */
final class OverviewReader {
  private final DSLContext dsl;

  OverviewReader(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Per domain, the counts of each week from first to last that has any. */
  Map<String, Map<IsoWeek, Counts>> weekCounts(List<String> domains, IsoWeek first, IsoWeek last) {
    var d = DMARC_DAILY_DOMAINS;
    Field<LocalDate> monday = GroupedCounts.mondayOf(d.DAY);
    Map<String, Map<IsoWeek, Counts>> weeks = new HashMap<>();
    dsl.select(
            d.POLICY_DOMAIN,
            monday,
            sum(d.MESSAGES),
            sum(d.DMARC_PASS_MESSAGES),
            sum(d.SPF_ALIGNED_MESSAGES),
            sum(d.DKIM_ALIGNED_MESSAGES),
            sum(d.NONE_MESSAGES),
            sum(d.QUARANTINED_MESSAGES),
            sum(d.REJECTED_MESSAGES))
        .from(d)
        .where(d.POLICY_DOMAIN.in(domains))
        .and(d.DAY.between(first.monday(), last.sunday()))
        .groupBy(d.POLICY_DOMAIN, monday)
        .forEach(
            r ->
                weeks
                    .computeIfAbsent(r.value1(), k -> new HashMap<>())
                    .put(
                        new IsoWeek(r.value2()),
                        new Counts(
                            r.value3(),
                            r.value4(),
                            r.value5(),
                            r.value6(),
                            r.value7(),
                            r.value8(),
                            r.value9())));
    return weeks;
  }

  /** Per domain, the policy of the week's latest report ({@link SummaryReader#policy}). */
  Map<String, PublishedPolicy> policies(Map<String, DomainFilter> filters, IsoWeek week) {
    if (filters.isEmpty()) {
      return Map.of();
    }
    Field<java.time.OffsetDateTime> latest = DSL.max(REPORTS.BEGIN_AT);
    Map<String, List<Record>> byDomain = new HashMap<>();
    dsl.select(REPORTS.POLICY_DOMAIN, REPORTS.P, REPORTS.SP, REPORTS.PCT, latest)
        .from(REPORTS)
        .where(DSL.or(filters.values().stream().map(f -> f.reports(week)).toList()))
        .groupBy(REPORTS.POLICY_DOMAIN, REPORTS.P, REPORTS.SP, REPORTS.PCT)
        .orderBy(REPORTS.POLICY_DOMAIN, latest.desc())
        .forEach(r -> byDomain.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r));
    Map<String, PublishedPolicy> policies = new HashMap<>();
    byDomain.forEach(
        (domain, rows) -> {
          Record top = rows.get(0);
          policies.put(
              domain,
              new PublishedPolicy(
                  top.get(REPORTS.P), top.get(REPORTS.SP), top.get(REPORTS.PCT), rows.size() > 1));
        });
    return policies;
  }

  /**
   * Per domain, the reporters of the weeks from first to the one before last that sent nothing for
   * last, by name ({@link GroupedCounts#silentReporters}).
   */
  Map<String, List<String>> silentReporters(
      Map<String, DomainFilter> filters, IsoWeek first, IsoWeek last) {
    if (filters.isEmpty()) {
      return Map.of();
    }
    var rd = DMARC_REPORT_DAYS;
    Field<Boolean> inLast = DSL.boolOr(rd.DAY.ge(last.monday()));
    Map<String, List<String>> silent = new HashMap<>();
    dsl.select(rd.POLICY_DOMAIN, rd.ORG_NAME, inLast)
        .from(rd)
        .where(DSL.or(filters.values().stream().map(f -> f.reportDays(first, last)).toList()))
        .groupBy(rd.POLICY_DOMAIN, rd.ORG_NAME)
        .having(inLast.isFalse())
        .orderBy(rd.POLICY_DOMAIN, rd.ORG_NAME)
        .forEach(r -> silent.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
    return silent;
  }

  /** Per domain, the failure reports received in the week. */
  Map<String, Long> failureReports(List<String> domains, IsoWeek week) {
    var f = DMARC_FAILURE_REPORTS;
    return dsl.select(f.REPORTED_DOMAIN, DSL.count().cast(SQLDataType.BIGINT))
        .from(f)
        .where(f.REPORTED_DOMAIN.in(domains))
        .and(DomainFilter.failureReportsOf(week))
        .groupBy(f.REPORTED_DOMAIN)
        .fetchMap(r -> r.value1(), r -> r.value2());
  }

  /** Per domain, the SMTP TLS sessions that failed in the week's TLS reports. */
  Map<String, Long> failedTlsSessions(List<String> domains, IsoWeek week) {
    var p = SMTP_TLS_POLICIES;
    return dsl.select(p.POLICY_DOMAIN, DSL.sum(p.FAILED_SESSIONS))
        .from(p)
        .where(p.POLICY_DOMAIN.in(domains))
        .and(DomainFilter.tlsPoliciesOf(week))
        .groupBy(p.POLICY_DOMAIN)
        .fetchMap(r -> r.value1(), r -> r.value2() == null ? 0L : r.value2().longValue());
  }

  /** Per domain, its findings whose window overlaps the weeks ({@link SummaryReader#findings}). */
  Map<String, DomainFindings> findings(List<String> domains, IsoWeek first, IsoWeek last) {
    Field<String> ip = SummaryReader.host(FINDINGS.SOURCE_IP);
    Map<String, Map<String, List<FindingsRecord>>> byDomain = new HashMap<>();
    dsl.select(
            FINDINGS.POLICY_DOMAIN,
            ip,
            FINDINGS.WINDOW_START,
            FINDINGS.WINDOW_END,
            FINDINGS.CHECKED_AT,
            FINDINGS.VERDICT,
            FINDINGS.ACTION,
            FINDINGS.SERVICE)
        .from(FINDINGS)
        .where(FINDINGS.POLICY_DOMAIN.in(domains))
        .and(FINDINGS.WINDOW_END.gt(first.start()))
        .and(FINDINGS.WINDOW_START.lt(last.end()))
        .forEach(
            r ->
                byDomain
                    .computeIfAbsent(r.value1(), k -> new HashMap<>())
                    .computeIfAbsent(r.get(ip), k -> new ArrayList<>())
                    .add(r.into(FINDINGS)));
    Map<String, DomainFindings> findings = new HashMap<>();
    byDomain.forEach((domain, bySource) -> findings.put(domain, new DomainFindings(bySource)));
    return findings;
  }

  /** A source of a domain. */
  record DomainSource(String domain, String ip) {}

  /** The weekly counts of the given sources, from first to last, by key ({@code _source_idx}). */
  Map<DomainSource, Map<IsoWeek, Counts>> sourceWeeks(
      Set<DomainSource> sources, IsoWeek first, IsoWeek last) {
    if (sources.isEmpty()) {
      return Map.of();
    }
    var r = DMARC_DAILY_ROLLUPS;
    Field<LocalDate> monday = GroupedCounts.mondayOf(r.DAY);
    Field<String> ip = SummaryReader.host(r.SOURCE_IP);
    Map<DomainSource, Map<IsoWeek, Counts>> weeks = new HashMap<>();
    dsl.select(
            r.POLICY_DOMAIN,
            ip,
            monday,
            sum(r.MESSAGES),
            sum(r.DMARC_PASS_MESSAGES),
            sum(r.SPF_ALIGNED_MESSAGES),
            sum(r.DKIM_ALIGNED_MESSAGES),
            sum(r.DELIVERED_MESSAGES),
            sum(r.QUARANTINED_MESSAGES),
            sum(r.REJECTED_MESSAGES))
        .from(r)
        .where(DSL.row(r.POLICY_DOMAIN, r.SOURCE_IP).in(rows(sources)))
        .and(r.DAY.between(first.monday(), last.sunday()))
        .groupBy(r.POLICY_DOMAIN, r.SOURCE_IP, monday)
        .forEach(
            row ->
                weeks
                    .computeIfAbsent(
                        new DomainSource(row.value1(), row.value2()), k -> new HashMap<>())
                    .put(
                        new IsoWeek(row.value3()),
                        new Counts(
                            row.value4(),
                            row.value5(),
                            row.value6(),
                            row.value7(),
                            row.value8(),
                            row.value9(),
                            row.value10())));
    return weeks;
  }

  /** Of the given sources, those the domain's reports named before the week began. */
  Set<DomainSource> seenBefore(Set<DomainSource> sources, IsoWeek week) {
    if (sources.isEmpty()) {
      return Set.of();
    }
    var r = DMARC_DAILY_ROLLUPS;
    Set<DomainSource> seen = new HashSet<>();
    dsl.selectDistinct(r.POLICY_DOMAIN, SummaryReader.host(r.SOURCE_IP))
        .from(r)
        .where(DSL.row(r.POLICY_DOMAIN, r.SOURCE_IP).in(rows(sources)))
        .and(r.DAY.lt(week.monday()))
        .forEach(row -> seen.add(new DomainSource(row.value1(), row.value2())));
    return seen;
  }

  private static List<Row2<String, Inet>> rows(Set<DomainSource> sources) {
    return sources.stream()
        .sorted(
            java.util.Comparator.comparing(DomainSource::domain).thenComparing(DomainSource::ip))
        .map(s -> DSL.row(DSL.val(s.domain()), DSL.val(inet(s.ip()))))
        .toList();
  }

  private static Inet inet(String ip) {
    return Inet.valueOf(com.google.common.net.InetAddresses.forString(ip));
  }

  private static Field<Long> sum(Field<Long> column) {
    return GroupedCounts.messages(column);
  }
}
