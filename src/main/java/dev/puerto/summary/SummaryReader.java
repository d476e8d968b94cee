package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DMARC_FAILURE_REPORTS;
import static dev.puerto.schema.Tables.HOSTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SMTP_TLS_FAILURES;
import static dev.puerto.schema.Tables.SMTP_TLS_POLICIES;

import dev.puerto.i18n.Messages;
import dev.puerto.schema.tables.records.HostsRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The jOOQ queries behind a {@link WeeklySummary}. Every message count comes from {@code
 * dmarc_daily_rollups} (multi-day reports spread over their UTC days exactly as {@code
 * dmarc_record_days} spreads them), read by its key, so a domain-week costs its days times sources,
 * not its records; report counts come from the reports, read with bounds on {@code begin_at} that
 * the index {@code reports_domain_begin_idx} can use. Failure and SMTP TLS reports are read from
 * their views ({@code dmarc_failure_reports}, {@code smtp_tls_policies}, {@code
 * smtp_tls_failures}), grouped and cut to the first {@value Texts#TOP_SOURCES} groups in SQL.
 */
public final class SummaryReader {
  /** Reporters and advice look this many weeks back. */
  static final int LOOKBACK_WEEKS = 4;

  /** Distinct From domains and DKIM domains named per group of failure reports. */
  static final int DISTINCT_NAMED = 3;

  private final DSLContext dsl;
  private final OverviewReader overviews;

  public SummaryReader(DSLContext dsl) {
    this.dsl = dsl;
    this.overviews = new OverviewReader(dsl);
  }

  /** The queries that read every domain at once, over the same database. */
  OverviewReader overviews() {
    return overviews;
  }

  /**
   * Every domain with aggregate reports in the week or the {@value #LOOKBACK_WEEKS} before, or with
   * failure or SMTP TLS reports in the week, by name.
   */
  List<String> recentDomains(IsoWeek week) {
    var f = DMARC_FAILURE_REPORTS;
    return dsl.select(REPORTS.POLICY_DOMAIN)
        .from(REPORTS)
        .where(REPORTS.BEGIN_AT.lt(week.end()))
        .and(REPORTS.BEGIN_AT.ge(week.minusWeeks(LOOKBACK_WEEKS).start()))
        .union(
            DSL.select(f.REPORTED_DOMAIN)
                .from(f)
                .where(f.REPORTED_DOMAIN.isNotNull())
                .and(DomainFilter.failureReportsOf(week)))
        .union(
            DSL.select(SMTP_TLS_POLICIES.POLICY_DOMAIN)
                .from(SMTP_TLS_POLICIES)
                .where(DomainFilter.tlsPoliciesOf(week)))
        .orderBy(DSL.field(DSL.name(REPORTS.POLICY_DOMAIN.getName())))
        .fetch(0, String.class);
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
   * address is looked up once in {@code daily_rollups_source_idx}, stopping at the first earlier
   * day. A report that began before the week has a roll-up on a day before it, so this is the same
   * question asked of the records, and it stays answered after their month is pruned.
   */
  Set<String> firstSeen(DomainFilter filter, IsoWeek week) {
    var thisWeek =
        dsl.selectDistinct(DMARC_DAILY_ROLLUPS.SOURCE_IP)
            .from(DMARC_DAILY_ROLLUPS)
            .where(filter.rollups(week, week))
            .asTable("this_week");
    Field<Inet> ip = thisWeek.field(DMARC_DAILY_ROLLUPS.SOURCE_IP);
    var earlier = DMARC_DAILY_ROLLUPS.as("earlier");
    return Set.copyOf(
        dsl.select(host(ip))
            .from(thisWeek)
            .whereNotExists(
                DSL.selectOne()
                    .from(earlier)
                    .where(earlier.POLICY_DOMAIN.eq(filter.domain()))
                    .and(earlier.SOURCE_IP.eq(ip))
                    .and(earlier.DAY.lt(week.monday())))
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

  /**
   * The domain's failure reports of the week, grouped by source and kind, most reports first;
   * without verdicts (the {@link Summarizer} adds them from the findings it reads anyway).
   */
  FailureReports failureReports(DomainFilter filter, IsoWeek week) {
    var f = DMARC_FAILURE_REPORTS;
    // Inlined, not bound: PostgreSQL matches GROUP BY expressions by their text.
    Field<String> type = DSL.coalesce(f.FEEDBACK_TYPE, DSL.inline(FailureGroup.AUTH_FAILURE));
    Field<String> authFailure =
        DSL.when(type.eq(DSL.inline(FailureGroup.AUTH_FAILURE)), f.AUTH_FAILURE);
    Field<String> ip = host(f.SOURCE_IP);
    Field<Integer> reports = DSL.count();
    Field<OffsetDateTime> first = DSL.min(DomainFilter.FAILURE_REPORT_AT);
    Field<OffsetDateTime> last = DSL.max(DomainFilter.FAILURE_REPORT_AT);
    Field<String[]> headerFroms = firstDistinct(f.HEADER_FROM);
    Field<String[]> dkimDomains = firstDistinct(f.DKIM_DOMAIN);
    Field<Integer> groups = DSL.count().over();
    Field<Long> total = DSL.sum(DSL.count()).over().cast(SQLDataType.BIGINT);
    var rows =
        dsl.select(
                ip,
                type,
                authFailure,
                reports,
                first,
                last,
                headerFroms,
                dkimDomains,
                groups,
                total)
            .from(f)
            .where(filter.failureReports(week))
            .groupBy(f.SOURCE_IP, type, authFailure)
            .orderBy(
                reports.desc(),
                f.SOURCE_IP.asc().nullsLast(),
                type.asc(),
                authFailure.asc().nullsFirst())
            .limit(Texts.TOP_SOURCES)
            .fetch();
    if (rows.isEmpty()) {
      return FailureReports.NONE;
    }
    return new FailureReports(
        rows.get(0).get(total),
        rows.get(0).get(groups),
        rows.map(
            r ->
                new FailureGroup(
                    r.get(ip),
                    r.get(type),
                    r.get(authFailure),
                    r.get(reports),
                    r.get(first),
                    r.get(last),
                    list(r.get(headerFroms)),
                    list(r.get(dkimDomains)),
                    null)));
  }

  /** Failure reports received in the week that named no domain. */
  long failureReportsWithoutDomain(IsoWeek week) {
    return dsl.fetchCount(
        DMARC_FAILURE_REPORTS,
        DMARC_FAILURE_REPORTS.REPORTED_DOMAIN.isNull().and(DomainFilter.failureReportsOf(week)));
  }

  /**
   * The domain's SMTP TLS reports of the week: sessions per policy type and MX hosts, and failed
   * sessions per result type and MX, each with its fix.
   */
  SmtpTls smtpTls(DomainFilter filter, IsoWeek week, Messages messages) {
    var p = SMTP_TLS_POLICIES;
    Field<Integer> reports = DSL.countDistinct(p.TLS_REPORT_ID);
    Field<Long> successful = sessions(p.SUCCESSFUL_SESSIONS);
    Field<Long> failed = sessions(p.FAILED_SESSIONS);
    Record totals =
        dsl.select(reports, successful, failed).from(p).where(filter.tlsPolicies(week)).fetchOne();
    if (totals.get(reports) == 0) {
      return SmtpTls.NONE;
    }
    Field<Integer> groups = DSL.count().over();
    var policies =
        dsl.select(p.POLICY_TYPE, p.MX_HOSTS, reports, successful, failed, groups)
            .from(p)
            .where(filter.tlsPolicies(week))
            .groupBy(p.POLICY_TYPE, p.MX_HOSTS)
            .orderBy(successful.plus(failed).desc(), p.POLICY_TYPE, p.MX_HOSTS)
            .limit(Texts.TOP_SOURCES)
            .fetch();
    var tf = SMTP_TLS_FAILURES;
    Field<Long> failedHere = sessions(tf.FAILED_SESSIONS);
    var failures =
        dsl.select(tf.RESULT_TYPE, tf.RECEIVING_MX_HOSTNAME, failedHere, groups)
            .from(tf)
            .where(filter.tlsFailures(week))
            .groupBy(tf.RESULT_TYPE, tf.RECEIVING_MX_HOSTNAME)
            .orderBy(failedHere.desc(), tf.RESULT_TYPE, tf.RECEIVING_MX_HOSTNAME.asc().nullsLast())
            .limit(Texts.TOP_SOURCES)
            .fetch();
    return new SmtpTls(
        totals.get(reports),
        new SmtpTls.Sessions(totals.get(successful), totals.get(failed)),
        policies.isEmpty() ? 0 : policies.get(0).get(groups),
        policies.map(
            r ->
                new SmtpTls.Policy(
                    r.get(p.POLICY_TYPE),
                    list(r.get(p.MX_HOSTS)),
                    r.get(reports),
                    new SmtpTls.Sessions(r.get(successful), r.get(failed)))),
        failures.isEmpty() ? 0 : failures.get(0).get(groups),
        failures.map(
            r -> {
              String type = r.get(tf.RESULT_TYPE);
              String mx = r.get(tf.RECEIVING_MX_HOSTNAME);
              return new SmtpTls.Failure(
                  type,
                  mx,
                  r.get(failedHere),
                  TlsFix.of(type).action(messages, filter.domain(), type, mx));
            }));
  }

  /** What is known about these addresses' hosts (PTR, service, AS, country), by address. */
  Map<String, HostsRecord> hosts(Set<String> ips) {
    if (ips.isEmpty()) {
      return Map.of();
    }
    Field<String> ip = host(HOSTS.IP);
    return dsl.select(ip, HOSTS.PTR, HOSTS.SERVICE, HOSTS.ASN, HOSTS.AS_NAME, HOSTS.COUNTRY)
        .from(HOSTS)
        .where(
            HOSTS.IP.in(
                ips.stream().map(a -> DSL.cast(DSL.val(a), HOSTS.IP.getDataType())).toList()))
        .fetchMap(r -> r.get(ip), r -> r.into(HOSTS));
  }

  /** The domain's findings whose window overlaps the weeks from first to last. */
  DomainFindings findings(String domain, IsoWeek first, IsoWeek last) {
    return overviews
        .findings(List.of(domain), first, last)
        .getOrDefault(domain, new DomainFindings(Map.of()));
  }

  /** The first {@value #DISTINCT_NAMED} distinct values of the group, by name, nulls left out. */
  private static Field<String[]> firstDistinct(Field<String> value) {
    return DSL.field(
        "(array_agg(DISTINCT {0} ORDER BY {0}) FILTER (WHERE {0} IS NOT NULL))[1:{1}]",
        SQLDataType.CLOB.array(), value, DSL.inline(DISTINCT_NAMED));
  }

  private static Field<Long> sessions(Field<Long> count) {
    return DSL.coalesce(DSL.sum(count), BigDecimal.ZERO).cast(SQLDataType.BIGINT);
  }

  private static List<String> list(String[] values) {
    return values == null ? List.of() : Arrays.stream(values).filter(Objects::nonNull).toList();
  }

  /** The address without a prefix length, as people write it. */
  static Field<String> host(Field<Inet> ip) {
    return DSL.field("host({0})", SQLDataType.VARCHAR, ip);
  }
}
