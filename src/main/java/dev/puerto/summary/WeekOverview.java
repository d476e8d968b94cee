package dev.puerto.summary;

import java.util.List;

/**
 * The week of every domain at a glance ({@link Summarizer#overview}): a line per domain, and the
 * collection health of the week.
 */
public record WeekOverview(
    IsoWeek week, List<DomainWeek> domains, long rejectedInputs, long failureReportsWithoutDomain) {
  public WeekOverview {
    domains = List.copyOf(domains);
  }
}
