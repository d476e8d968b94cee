package dev.puerto.summary;

import java.util.List;

/**
 * One policy domain's line of the week overview: what {@link DomainSummary} says at the top, read
 * for every domain at once without the domain's sources ({@link Summarizer#overview}).
 *
 * @param trend the counts of the weeks up to this one, oldest first
 * @param failingSources sources {@code puerto analyze} judged failing in the week (0 when it has
 *     not looked: see {@code analyzed})
 * @param newFailingSources of those, sources the domain's reports never named before the week
 * @param failedTlsSessions SMTP TLS sessions that failed, as the week's TLS reports count them
 */
public record DomainWeek(
    String domain,
    IsoWeek week,
    Counts counts,
    Counts previousWeek,
    List<Counts> trend,
    PublishedPolicy policy,
    Advice advice,
    boolean analyzed,
    long failingSources,
    long newFailingSources,
    List<String> silentReporters,
    long failureReports,
    long failedTlsSessions) {
  public DomainWeek {
    trend = List.copyOf(trend);
    silentReporters = List.copyOf(silentReporters);
  }
}
