package dev.puerto.summary;

import java.util.Comparator;
import java.util.List;

/**
 * Everything the weekly summary says about one policy domain.
 *
 * @param previousWeek the same counts for the week before
 * @param sources every source of the week, most messages first
 * @param silentReporters organizations that reported on the domain in the four weeks before but not
 *     in this one
 * @param analyzed true when {@code puerto analyze} has findings for the domain in the week
 * @param history legitimate-volume pass rates of this week and the three before, oldest first
 * @param failureReports the week's failure reports about the domain
 * @param smtpTls the week's SMTP TLS reports about the domain
 */
public record DomainSummary(
    String domain,
    IsoWeek week,
    Counts counts,
    Counts previousWeek,
    List<Day> days,
    List<Reporter> reporters,
    List<String> silentReporters,
    List<Source> sources,
    boolean analyzed,
    PublishedPolicy policy,
    List<WeekRate> history,
    Advice advice,
    FailureReports failureReports,
    SmtpTls smtpTls) {
  public DomainSummary {
    days = List.copyOf(days);
    reporters = List.copyOf(reporters);
    silentReporters = List.copyOf(silentReporters);
    sources = List.copyOf(sources);
    history = List.copyOf(history);
  }

  /** A domain-week with aggregate reports only. */
  public DomainSummary(
      String domain,
      IsoWeek week,
      Counts counts,
      Counts previousWeek,
      List<Day> days,
      List<Reporter> reporters,
      List<String> silentReporters,
      List<Source> sources,
      boolean analyzed,
      PublishedPolicy policy,
      List<WeekRate> history,
      Advice advice) {
    this(
        domain,
        week,
        counts,
        previousWeek,
        days,
        reporters,
        silentReporters,
        sources,
        analyzed,
        policy,
        history,
        advice,
        FailureReports.NONE,
        SmtpTls.NONE);
  }

  /** No aggregate reports this week (there may be failure or TLS reports). */
  public boolean empty() {
    return counts.messages() == 0 && reporters.isEmpty();
  }

  /** No report of any kind this week: the summary has one line for the domain. */
  public boolean nothingReported() {
    return empty() && !failureReports.any() && !smtpTls.any();
  }

  public long reports() {
    return reporters.stream().mapToLong(Reporter::reports).sum();
  }

  public List<Source> newSources() {
    return sources.stream().filter(Source::firstSeen).toList();
  }

  /** Sources with messages that failed DMARC, most failing messages first. */
  public List<Source> failingSources() {
    return sources.stream()
        .filter(s -> s.counts().dmarcFail() > 0)
        .sorted(
            Comparator.comparingLong((Source s) -> s.counts().dmarcFail())
                .reversed()
                .thenComparing(Source::ip))
        .toList();
  }
}
