package dev.puerto.summary;

import java.util.List;

/**
 * The weekly deliverability summary: one {@link DomainSummary} per policy domain, and the inputs
 * rejected in the week (collection health is not per domain: a rejected input has none). {@link
 * Summarizer} computes it from the database.
 *
 * @param failureReportsWithoutDomain failure reports received in the week that named no domain (no
 *     Reported-Domain): they belong under no domain, so collection health counts them
 */
public record WeeklySummary(
    IsoWeek week,
    List<DomainSummary> domains,
    List<RejectedInput> rejectedInputs,
    long failureReportsWithoutDomain) {
  public WeeklySummary {
    domains = List.copyOf(domains);
    rejectedInputs = List.copyOf(rejectedInputs);
  }

  public WeeklySummary(
      IsoWeek week, List<DomainSummary> domains, List<RejectedInput> rejectedInputs) {
    this(week, domains, rejectedInputs, 0);
  }

  /** No domain has a report of any kind in the week. */
  public boolean empty() {
    return domains.stream().allMatch(DomainSummary::nothingReported);
  }
}
