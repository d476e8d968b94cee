package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DMARC_FAILURE_REPORTS;
import static dev.puerto.schema.Tables.DMARC_REPORT_DAYS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SMTP_TLS_FAILURES;
import static dev.puerto.schema.Tables.SMTP_TLS_POLICIES;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Selects one policy domain's rows over a span of weeks. Every condition also bounds {@code
 * begin_at} from below, by the domain's longest report period, so that {@code
 * reports_domain_begin_idx} reads only the span's rows.
 *
 * @param longestPeriodSeconds the domain's longest report period, in whole seconds plus one:
 *     reports that began this much before a week cannot reach into it
 */
record DomainFilter(String domain, long longestPeriodSeconds) {
  /**
   * When a failure report counts as received: its arrival date, else the report e-mail's date, else
   * when Puerto stored it (reports that say neither still belong to some week).
   */
  static final Field<OffsetDateTime> FAILURE_REPORT_AT =
      DSL.coalesce(
          DMARC_FAILURE_REPORTS.ARRIVAL_AT,
          DMARC_FAILURE_REPORTS.REPORT_DATE,
          DMARC_FAILURE_REPORTS.IMPORTED_AT);

  /** Failure reports of every domain (and of none) received in the week. */
  static Condition failureReportsOf(IsoWeek w) {
    return within(FAILURE_REPORT_AT, w);
  }

  /** TLS policies of every domain whose report's period begins in the week. */
  static Condition tlsPoliciesOf(IsoWeek w) {
    return within(SMTP_TLS_POLICIES.BEGIN_AT, w);
  }

  /** The domain's failure reports received in the week. */
  Condition failureReports(IsoWeek w) {
    return DMARC_FAILURE_REPORTS.REPORTED_DOMAIN.eq(domain).and(failureReportsOf(w));
  }

  /** The domain's TLS policies whose report's period begins in the week. */
  Condition tlsPolicies(IsoWeek w) {
    return SMTP_TLS_POLICIES.POLICY_DOMAIN.eq(domain).and(tlsPoliciesOf(w));
  }

  /** The failure details of those policies. */
  Condition tlsFailures(IsoWeek w) {
    return SMTP_TLS_FAILURES.POLICY_DOMAIN.eq(domain).and(within(SMTP_TLS_FAILURES.BEGIN_AT, w));
  }

  /** The domain's daily roll-ups of the days of the weeks from to to (read by their key). */
  Condition rollups(IsoWeek from, IsoWeek to) {
    return DMARC_DAILY_ROLLUPS
        .POLICY_DOMAIN
        .eq(domain)
        .and(DMARC_DAILY_ROLLUPS.DAY.ge(from.monday()))
        .and(DMARC_DAILY_ROLLUPS.DAY.le(to.sunday()));
  }

  /** The same for {@code dmarc_report_days}. */
  Condition reportDays(IsoWeek from, IsoWeek to) {
    var d = DMARC_REPORT_DAYS;
    return days(from, to, d.POLICY_DOMAIN, d.BEGIN_AT, d.END_AT, d.DAY);
  }

  /** The domain's reports whose period overlaps the week. */
  Condition reports(IsoWeek w) {
    return REPORTS
        .POLICY_DOMAIN
        .eq(domain)
        .and(REPORTS.BEGIN_AT.lt(w.end()))
        .and(REPORTS.BEGIN_AT.ge(w.start().minusSeconds(longestPeriodSeconds)))
        .and(REPORTS.END_AT.ge(w.start()));
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

  private static Condition within(Field<OffsetDateTime> at, IsoWeek w) {
    return at.ge(w.start()).and(at.lt(w.end()));
  }
}
