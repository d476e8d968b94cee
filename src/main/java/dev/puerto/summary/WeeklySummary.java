package dev.puerto.summary;

import java.util.List;

/**
 * The weekly deliverability summary: one {@link DomainSummary} per policy domain, and the inputs
 * rejected in the week (collection health is not per domain: a rejected input has none). {@link
 * Summarizer} computes it from the database.
 */
public record WeeklySummary(
    IsoWeek week, List<DomainSummary> domains, List<RejectedInput> rejectedInputs) {
  public WeeklySummary {
    domains = List.copyOf(domains);
    rejectedInputs = List.copyOf(rejectedInputs);
  }

  public boolean empty() {
    return domains.stream().allMatch(DomainSummary::empty);
  }
}
