package dev.puerto.summary;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.tables.records.FindingsRecord;
import dev.puerto.schema.tables.records.HostsRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the weekly summary: per domain, the counts, reporters and sources the {@link
 * SummaryReader} reads, joined with what {@code puerto analyze} found, and the advice that follows.
 */
public final class Summarizer {
  private static final Comparator<Source> BUSIEST_FIRST =
      Comparator.comparingLong((Source s) -> s.counts().messages())
          .reversed()
          .thenComparing(Source::ip);

  private final SummaryReader reader;
  private final OverviewReader overviews;
  private final Messages messages;

  /** Summaries whose advice and fixes are in English. */
  public Summarizer(SummaryReader reader) {
    this(reader, Messages.of(Lang.EN));
  }

  /** Summaries whose sentences (the advice, the TLS fixes) are in {@code messages}' language. */
  public Summarizer(SummaryReader reader, Messages messages) {
    this.reader = reader;
    this.overviews = reader.overviews();
    this.messages = messages;
  }

  /** The language of the summaries' sentences, which their renderings speak too. */
  public Messages messages() {
    return messages;
  }

  /**
   * Every domain of {@link #summarize} for {@code week}, each as the top of its summary says it
   * (counts, the week before, the policy and the advice's sentence), with the counts of the {@code
   * trendWeeks} weeks up to this one and what needs looking at, read for all domains at once. The
   * sources that fail and the advice's blockers are left to {@link #summarize}, which reads the
   * domain's sources: sources appear here only as {@code puerto analyze} judged them.
   */
  public WeekOverview overview(IsoWeek week, int trendWeeks) {
    List<String> names = reader.recentDomains(week);
    int weeks = Math.max(trendWeeks, SummaryReader.LOOKBACK_WEEKS);
    IsoWeek first = week.minusWeeks(weeks - 1);
    IsoWeek lookback = week.minusWeeks(SummaryReader.LOOKBACK_WEEKS);
    Map<String, DomainFilter> filters = new java.util.LinkedHashMap<>();
    names.forEach(d -> filters.put(d, reader.filter(d)));
    Map<String, Map<IsoWeek, Counts>> counts = overviews.weekCounts(names, first, week);
    Map<String, PublishedPolicy> policies = overviews.policies(filters, week);
    Map<String, List<String>> silent = overviews.silentReporters(filters, lookback, week);
    Map<String, Long> failureReports = overviews.failureReports(names, week);
    Map<String, Long> failedTls = overviews.failedTlsSessions(names, week);
    Map<String, DomainFindings> findings =
        overviews.findings(names, week.minusWeeks(SummaryReader.LOOKBACK_WEEKS - 1), week);
    // the sources analyze judged: spoofed ones leave the legitimate rates, failing ones are named
    Set<OverviewReader.DomainSource> judged = new java.util.HashSet<>();
    findings.forEach(
        (domain, f) ->
            f.bySource()
                .keySet()
                .forEach(ip -> judged.add(new OverviewReader.DomainSource(domain, ip))));
    Map<OverviewReader.DomainSource, Map<IsoWeek, Counts>> judgedWeeks =
        overviews.sourceWeeks(judged, week.minusWeeks(SummaryReader.LOOKBACK_WEEKS - 1), week);
    Set<OverviewReader.DomainSource> seenBefore = overviews.seenBefore(judged, week);
    List<DomainWeek> lines = new ArrayList<>();
    for (String domain : names) {
      Map<IsoWeek, Counts> byWeek = counts.getOrDefault(domain, Map.of());
      DomainFindings found = findings.getOrDefault(domain, new DomainFindings(Map.of()));
      List<Counts> trend = new ArrayList<>();
      for (int back = trendWeeks - 1; back >= 0; back--) {
        trend.add(byWeek.getOrDefault(week.minusWeeks(back), Counts.ZERO));
      }
      List<WeekRate> history = new ArrayList<>();
      for (int back = SummaryReader.LOOKBACK_WEEKS - 1; back >= 0; back--) {
        IsoWeek w = week.minusWeeks(back);
        Counts all = byWeek.getOrDefault(w, Counts.ZERO);
        long spoofed = 0;
        long spoofedPass = 0;
        for (String ip : found.bySource().keySet()) {
          if (found.spoofed(ip, w)) {
            Counts c =
                judgedWeeks
                    .getOrDefault(new OverviewReader.DomainSource(domain, ip), Map.of())
                    .getOrDefault(w, Counts.ZERO);
            spoofed += c.messages();
            spoofedPass += c.dmarcPass();
          }
        }
        history.add(new WeekRate(w, all.messages() - spoofed, all.dmarcPass() - spoofedPass));
      }
      List<String> failing =
          found.bySource().keySet().stream()
              .filter(ip -> found.latest(ip, week).isPresent())
              .filter(
                  ip ->
                      judgedWeeks
                              .getOrDefault(new OverviewReader.DomainSource(domain, ip), Map.of())
                              .getOrDefault(week, Counts.ZERO)
                              .dmarcFail()
                          > 0)
              .toList();
      boolean analyzed = found.analyzed(week);
      PublishedPolicy policy = policies.get(domain);
      lines.add(
          new DomainWeek(
              domain,
              week,
              byWeek.getOrDefault(week, Counts.ZERO),
              byWeek.getOrDefault(week.minusWeeks(1), Counts.ZERO),
              trend,
              policy,
              // the blockers' sources are the domain page's: the sentence does not depend on them
              PolicyAdvisor.advise(messages, policy, history, List.of(), analyzed),
              analyzed,
              failing.size(),
              failing.stream()
                  .filter(ip -> !seenBefore.contains(new OverviewReader.DomainSource(domain, ip)))
                  .count(),
              silent.getOrDefault(domain, List.of()),
              failureReports.getOrDefault(domain, 0L),
              failedTls.getOrDefault(domain, 0L)));
    }
    return new WeekOverview(
        week, lines, reader.rejectedInputs(week).size(), reader.failureReportsWithoutDomain(week));
  }

  /**
   * The summary of {@code week}: for the given domains, or, when none are given, for every domain
   * with aggregate reports in the week or the four weeks before it, or with failure or SMTP TLS
   * reports in the week.
   */
  public WeeklySummary summarize(IsoWeek week, List<String> domains) {
    List<String> names = domains.isEmpty() ? reader.recentDomains(week) : domains;
    return new WeeklySummary(
        week,
        names.stream().map(d -> domain(d, week)).toList(),
        reader.rejectedInputs(week),
        reader.failureReportsWithoutDomain(week));
  }

  private DomainSummary domain(String domain, IsoWeek week) {
    DomainFilter filter = reader.filter(domain);
    IsoWeek first = week.minusWeeks(SummaryReader.LOOKBACK_WEEKS);
    DomainFindings findings = reader.findings(domain, first, week);
    GroupedCounts grouped = reader.grouped(filter, first, week);
    List<Source> sources = sources(filter, grouped.sources(week), findings, week);
    List<WeekRate> history = history(grouped, findings, week);
    PublishedPolicy policy = reader.policy(filter, week);
    boolean analyzed = findings.analyzed(week);
    return new DomainSummary(
        domain,
        week,
        Counts.sum(grouped.sources(week).values()),
        Counts.sum(grouped.sources(week.minusWeeks(1)).values()),
        grouped.days(week),
        grouped.activeReporters(week),
        grouped.silentReporters(week),
        sources,
        analyzed,
        policy,
        history,
        PolicyAdvisor.advise(messages, policy, history, sources, analyzed),
        withVerdicts(reader.failureReports(filter, week), findings, week),
        reader.smtpTls(filter, week, messages));
  }

  /** Each group's source with analyze's verdict of the week, from the findings read above. */
  private static FailureReports withVerdicts(
      FailureReports reports, DomainFindings findings, IsoWeek week) {
    return new FailureReports(
        reports.reports(),
        reports.groups(),
        reports.top().stream()
            .map(
                g ->
                    g.sourceIp() == null
                        ? g
                        : g.withVerdict(
                            findings
                                .latest(g.sourceIp(), week)
                                .map(FindingsRecord::getVerdict)
                                .orElse(null)))
            .toList());
  }

  /** The week's sources, most messages first, each with its host and latest finding. */
  private List<Source> sources(
      DomainFilter filter, Map<String, Counts> thisWeek, DomainFindings findings, IsoWeek week) {
    Set<String> firstSeen = reader.firstSeen(filter, week);
    Map<String, HostsRecord> hosts = reader.hosts(thisWeek.keySet());
    return thisWeek.entrySet().stream()
        .map(
            e -> {
              String ip = e.getKey();
              return source(
                  ip,
                  e.getValue(),
                  hosts.get(ip),
                  findings.latest(ip, week),
                  firstSeen.contains(ip));
            })
        .sorted(BUSIEST_FIRST)
        .toList();
  }

  /** A source as the summary shows it: the service analyze named, else the host's. */
  private static Source source(
      String ip,
      Counts counts,
      HostsRecord host,
      Optional<FindingsRecord> finding,
      boolean firstSeen) {
    return new Source(
        ip,
        counts,
        host == null ? null : host.getPtr(),
        finding.map(FindingsRecord::getService).orElse(host == null ? null : host.getService()),
        host == null ? null : host.getAsn(),
        host == null ? null : host.getAsName(),
        host == null ? null : host.getCountry(),
        finding.map(FindingsRecord::getVerdict).orElse(null),
        finding.map(FindingsRecord::getAction).orElse(null),
        firstSeen);
  }

  /** The legitimate pass rates of the week and the ones before it, oldest first. */
  private static List<WeekRate> history(
      GroupedCounts grouped, DomainFindings findings, IsoWeek week) {
    List<WeekRate> history = new ArrayList<>();
    for (int back = SummaryReader.LOOKBACK_WEEKS - 1; back >= 0; back--) {
      IsoWeek w = week.minusWeeks(back);
      history.add(legitimateRate(w, grouped.sources(w), findings));
    }
    return history;
  }

  /** Every message counts as legitimate but those of sources judged spoofed that week. */
  private static WeekRate legitimateRate(
      IsoWeek w, Map<String, Counts> sources, DomainFindings findings) {
    long legitimate = 0;
    long pass = 0;
    for (Map.Entry<String, Counts> e : sources.entrySet()) {
      if (!findings.spoofed(e.getKey(), w)) {
        legitimate += e.getValue().messages();
        pass += e.getValue().dmarcPass();
      }
    }
    return new WeekRate(w, legitimate, pass);
  }
}
