package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_RECORD_DAYS;
import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.schema.tables.records.HostsRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The jOOQ queries behind a {@link WeeklySummary}. Every count comes from {@code dmarc_record_days}
 * (multi-day reports spread over their UTC days), read with bounds on {@code begin_at} that the
 * index {@code reports_domain_begin_idx} can use, so a domain-week costs its own rows, not the
 * table's.
 */
public final class SummaryReader {
  /** Reporters and advice look this many weeks back. */
  static final int LOOKBACK_WEEKS = 4;

  private final DSLContext dsl;

  public SummaryReader(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Every domain with reports in the week or the {@value #LOOKBACK_WEEKS} before, by name. */
  List<String> recentDomains(IsoWeek week) {
    return dsl.selectDistinct(REPORTS.POLICY_DOMAIN)
        .from(REPORTS)
        .where(REPORTS.BEGIN_AT.lt(week.end()))
        .and(REPORTS.BEGIN_AT.ge(week.minusWeeks(LOOKBACK_WEEKS).start()))
        .orderBy(REPORTS.POLICY_DOMAIN)
        .fetch(REPORTS.POLICY_DOMAIN);
  }

  List<RejectedInput> rejectedInputs(IsoWeek week) {
    return dsl.select(INPUTS.ORIGIN, INPUTS.STATUS, INPUTS.ERROR, INPUTS.RECEIVED_AT)
        .from(INPUTS)
        .where(INPUTS.STATUS.in(RejectedInput.STATUSES))
        .and(INPUTS.RECEIVED_AT.ge(week.start()))
        .and(INPUTS.RECEIVED_AT.lt(week.end()))
        .orderBy(INPUTS.RECEIVED_AT, INPUTS.ID)
        .fetch(r -> new RejectedInput(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /**
   * The filter for the domain's rows, with its longest report period (answered from {@code
   * reports_domain_period_idx}).
   */
  DomainFilter filter(String domain) {
    BigDecimal seconds =
        dsl.select(
                DSL.field(
                    "extract(epoch FROM max({0} - {1}))",
                    SQLDataType.NUMERIC, REPORTS.END_AT, REPORTS.BEGIN_AT))
            .from(REPORTS)
            .where(REPORTS.POLICY_DOMAIN.eq(domain))
            .fetchOne(0, BigDecimal.class);
    return new DomainFilter(domain, seconds == null ? 1 : seconds.longValue() + 2);
  }

  /** The domain's counts of the weeks from first to last, grouped as the summary shows them. */
  GroupedCounts grouped(DomainFilter filter, IsoWeek first, IsoWeek last) {
    return GroupedCounts.read(dsl, filter, first, last);
  }

  /**
   * Sources of the week that no report of the domain named before the week began: each distinct
   * address is looked up once in {@code records_source_ip_idx}, stopping at the first earlier
   * report.
   */
  Set<String> firstSeen(DomainFilter filter, IsoWeek week) {
    var thisWeek =
        dsl.selectDistinct(DMARC_RECORD_DAYS.SOURCE_IP)
            .from(DMARC_RECORD_DAYS)
            .where(filter.recordDays(week, week))
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
                    .and(REPORTS.POLICY_DOMAIN.eq(filter.domain()))
                    .and(REPORTS.BEGIN_AT.lt(week.start())))
            .fetch(0, String.class));
  }

  /** The policy of the week's latest report, or null when no report of the week showed one. */
  PublishedPolicy policy(DomainFilter filter, IsoWeek week) {
    var rows =
        dsl.select(REPORTS.P, REPORTS.SP, REPORTS.PCT)
            .from(REPORTS)
            .where(filter.reports(week))
            .groupBy(REPORTS.P, REPORTS.SP, REPORTS.PCT)
            .orderBy(DSL.max(REPORTS.BEGIN_AT).desc())
            .fetch();
    if (rows.isEmpty()) {
      return null;
    }
    var latest = rows.get(0);
    return new PublishedPolicy(latest.value1(), latest.value2(), latest.value3(), rows.size() > 1);
  }

  /** What analyze stored about these addresses' hosts (PTR name, service), by address. */
  Map<String, HostsRecord> hosts(Set<String> ips) {
    if (ips.isEmpty()) {
      return Map.of();
    }
    Field<String> ip = host(HOSTS.IP);
    return dsl.select(ip, HOSTS.PTR, HOSTS.SERVICE)
        .from(HOSTS)
        .where(
            HOSTS.IP.in(
                ips.stream().map(a -> DSL.cast(DSL.val(a), HOSTS.IP.getDataType())).toList()))
        .fetchMap(r -> r.get(ip), r -> r.into(HOSTS));
  }

  /** The domain's findings whose window overlaps the weeks from first to last. */
  DomainFindings findings(String domain, IsoWeek first, IsoWeek last) {
    Field<String> ip = host(FINDINGS.SOURCE_IP);
    return new DomainFindings(
        dsl.select(
                ip,
                FINDINGS.WINDOW_START,
                FINDINGS.WINDOW_END,
                FINDINGS.CHECKED_AT,
                FINDINGS.VERDICT,
                FINDINGS.ACTION,
                FINDINGS.SERVICE)
            .from(FINDINGS)
            .where(FINDINGS.POLICY_DOMAIN.eq(domain))
            .and(FINDINGS.WINDOW_END.gt(first.start()))
            .and(FINDINGS.WINDOW_START.lt(last.end()))
            .fetchGroups(r -> r.get(ip), r -> r.into(FINDINGS)));
  }

  /** The address without a prefix length, as people write it. */
  static Field<String> host(Field<Inet> ip) {
    return DSL.field("host({0})", SQLDataType.VARCHAR, ip);
  }
}
