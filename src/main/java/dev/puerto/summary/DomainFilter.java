package dev.puerto.summary;

import static dev.puerto.schema.Tables.DMARC_RECORD_DAYS;
import static dev.puerto.schema.Tables.DMARC_REPORT_DAYS;
import static dev.puerto.schema.Tables.REPORTS;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Selects one policy domain's rows over a span of weeks. Every condition also bounds {@code
 * begin_at} from below, by the domain's longest report period, so that {@code
 * reports_domain_begin_idx} reads only the span's rows.
 *
 * @param longestPeriodSeconds the domain's longest report period, in whole seconds plus one:
 *     reports that began this much before a week cannot reach into it
 */
record DomainFilter(String domain, long longestPeriodSeconds) {
  /** The domain's rows of {@code dmarc_record_days} on the days of the weeks from to to. */
  Condition recordDays(IsoWeek from, IsoWeek to) {
    var d = DMARC_RECORD_DAYS;
    return days(from, to, d.POLICY_DOMAIN, d.BEGIN_AT, d.END_AT, d.DAY);
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
}
