package dev.puerto.summary;

import java.util.List;
import org.jooq.DSLContext;

/**
 * The weekly deliverability summary: one {@link DomainSummary} per policy domain, and the inputs
 * rejected in the week (collection health is not per domain: a rejected input has none).
 */
public record WeeklySummary(
    IsoWeek week, List<DomainSummary> domains, List<RejectedInput> rejectedInputs) {
  public WeeklySummary {
    domains = List.copyOf(domains);
    rejectedInputs = List.copyOf(rejectedInputs);
  }

  /**
   * Reads the summary of {@code week} from the database: for the given domains, or, when none are
   * given, for every domain with reports in the week or the four weeks before it.
   */
  public static WeeklySummary compute(DSLContext dsl, IsoWeek week, List<String> domains) {
    SummaryReader reader = new SummaryReader(dsl, week);
    List<String> names = domains.isEmpty() ? reader.recentDomains() : domains;
    return new WeeklySummary(
        week, names.stream().map(reader::domain).toList(), reader.rejectedInputs());
  }

  public boolean empty() {
    return domains.stream().allMatch(DomainSummary::empty);
  }
}
