package dev.puerto.summary;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The summary as people read it (text, Markdown, HTML): the order of its sections, once. A subclass
 * says only how each section looks. JSON is data, not sections, and has its own renderer.
 *
 * <p>A new section is one edit here (its call in {@code domain}, where it belongs in the order, and
 * its abstract method) and one method per subclass; the compiler names a subclass that lacks it.
 */
abstract class SectionedRenderer {
  /** The rows of the figures table, in order. */
  static final List<Figure> FIGURES =
      List.of(
          Figure.count("Messages", Counts::messages),
          Figure.rate("DMARC pass", Counts::dmarcPass, Counts::dmarcPassRate),
          Figure.rate("SPF aligned", Counts::spfAlignedPass, Counts::spfAlignedRate),
          Figure.rate("DKIM aligned", Counts::dkimAlignedPass, Counts::dkimAlignedRate),
          Figure.count("Not acted on", Counts::delivered),
          Figure.count("Quarantined", Counts::quarantine),
          Figure.count("Rejected", Counts::reject));

  /** The columns of the failure report table (Markdown, HTML); cells from {@link #cells}. */
  static final List<Column> FAILURE_COLUMNS =
      List.of(
          Column.text("source IP"),
          Column.text("kind"),
          Column.number("reports"),
          Column.text("arrived (UTC)"),
          Column.text("From / DKIM d="),
          Column.text("verdict"));

  /** The columns of the TLS policy table. */
  static final List<Column> TLS_POLICY_COLUMNS =
      List.of(
          Column.text("policy"),
          Column.text("MX hosts"),
          Column.number("successful"),
          Column.number("failed"),
          Column.number("failure rate"));

  /** The columns of the TLS failure table. */
  static final List<Column> TLS_FAILURE_COLUMNS =
      List.of(
          Column.text("result type"),
          Column.text("MX"),
          Column.number("sessions"),
          Column.text("what to fix"));

  final String render(WeeklySummary summary) {
    StringBuilder out = new StringBuilder();
    title(out, summary);
    if (summary.domains().isEmpty()) {
      noDomains(out);
    }
    for (DomainSummary d : summary.domains()) {
      if (d.nothingReported()) {
        noData(out, d);
      } else {
        domain(out, d);
      }
    }
    health(out, summary);
    if (summary.failureReportsWithoutDomain() > 0) {
      failureReportsWithoutDomain(out, summary);
    }
    end(out);
    return out.toString();
  }

  /**
   * The sections of a domain with reports, in the order every format shows them. A section without
   * data is left out, so a week with aggregate reports only reads as it did before Puerto stored
   * failure and TLS reports; a domain with only those has its heading, their sections and the
   * advice (that there is no policy to advise on).
   */
  private void domain(StringBuilder out, DomainSummary d) {
    heading(out, d);
    if (!d.empty()) {
      figures(out, d);
      reporters(out, d);
      dailyVolume(out, d);
      topSources(out, d);
      failingSources(out, d);
    }
    // Failure reports are the failing messages themselves: next to the failing sources.
    if (d.failureReports().any()) {
      failureReports(out, d);
    }
    if (d.smtpTls().any()) {
      smtpTls(out, d);
    }
    advice(out, d);
  }

  /** What the document starts with: the summary's title. */
  abstract void title(StringBuilder out, WeeklySummary summary);

  /** The one sentence of a summary without domains, {@link Texts#NO_DOMAINS}. */
  abstract void noDomains(StringBuilder out);

  /** The one line of a domain without reports this week. */
  abstract void noData(StringBuilder out, DomainSummary d);

  /** The domain's name, scope and published policy. */
  abstract void heading(StringBuilder out, DomainSummary d);

  /** The {@link #FIGURES} of the week against the week before. */
  abstract void figures(StringBuilder out, DomainSummary d);

  /** Who reported, the days nobody did, and the reporters gone silent. */
  abstract void reporters(StringBuilder out, DomainSummary d);

  /** Messages per day, passed and failed. */
  abstract void dailyVolume(StringBuilder out, DomainSummary d);

  /** The busiest sources, and which sources are new. */
  abstract void topSources(StringBuilder out, DomainSummary d);

  /** The sources that failed DMARC, with analyze's verdict and action. */
  abstract void failingSources(StringBuilder out, DomainSummary d);

  /** The week's failure reports by source and kind, with analyze's verdict on each source. */
  abstract void failureReports(StringBuilder out, DomainSummary d);

  /** SMTP TLS sessions per policy and MX, and the failures by result type with their fixes. */
  abstract void smtpTls(StringBuilder out, DomainSummary d);

  /** Policy advice and what stands in its way. */
  abstract void advice(StringBuilder out, DomainSummary d);

  /** Collection health: the rejected inputs of the week. */
  abstract void health(StringBuilder out, WeeklySummary summary);

  /** The failure reports of the week that named no domain, and how to list them. */
  abstract void failureReportsWithoutDomain(StringBuilder out, WeeklySummary summary);

  /** What closes the document; nothing unless the format has to close what it opened. */
  void end(StringBuilder out) {}

  /** The first {@value Texts#TOP_SOURCES} sources of the list. */
  static List<Source> top(List<Source> sources) {
    return sources.subList(0, Math.min(Texts.TOP_SOURCES, sources.size()));
  }

  /** The new sources' addresses, comma-separated; "none" when there are none. */
  static String newSources(DomainSummary d) {
    List<Source> fresh = d.newSources();
    return fresh.isEmpty() ? "none" : String.join(", ", fresh.stream().map(Source::ip).toList());
  }

  /** A row of the failure report table, as text still to be escaped. */
  static List<String> cells(FailureGroup g, String domain) {
    return List.of(
        Texts.source(g),
        g.kind(),
        Numbers.count(g.reports()),
        Texts.arrivals(g),
        Texts.identifiers(g, domain),
        Texts.verdict(g));
  }

  /** A row of the TLS policy table. */
  static List<String> cells(SmtpTls.Policy p) {
    return List.of(
        p.type(),
        Texts.mxHosts(p),
        Numbers.count(p.sessions().successful()),
        Numbers.count(p.sessions().failed()),
        Numbers.percent(p.sessions().failureRate()));
  }

  /** A row of the TLS failure table. */
  static List<String> cells(SmtpTls.Failure f) {
    return List.of(f.resultType(), Texts.mx(f), Numbers.count(f.sessions()), f.fix());
  }

  /** A table column: its header, and whether it holds numbers (aligned right). */
  record Column(String header, boolean numeric) {
    static Column text(String header) {
      return new Column(header, false);
    }

    static Column number(String header) {
      return new Column(header, true);
    }
  }

  /** The messages of the week's busiest day, which the daily bars are scaled to. */
  static long busiestDay(DomainSummary d) {
    return d.days().stream().mapToLong(day -> day.counts().messages()).max().orElse(0);
  }

  /**
   * A row of the figures table: a count, or a rate of messages ({@code rate} not null), shown with
   * its change against the week before.
   */
  record Figure(String label, ToLongFunction<Counts> count, ToDoubleFunction<Counts> rate) {
    static Figure count(String label, ToLongFunction<Counts> count) {
      return new Figure(label, count, null);
    }

    static Figure rate(String label, ToLongFunction<Counts> count, ToDoubleFunction<Counts> rate) {
      return new Figure(label, count, rate);
    }

    boolean isRate() {
      return rate != null;
    }

    long count(Counts c) {
      return count.applyAsLong(c);
    }

    /** This week's value: the count, or the rate. */
    String value(Counts now) {
      return isRate() ? Numbers.percent(rate.applyAsDouble(now)) : Numbers.count(count(now));
    }

    /** This week's value as the tables show it: a rate with its messages in parentheses. */
    String valueWithCount(Counts now) {
      return isRate() ? value(now) + " (" + Numbers.count(count(now)) + ")" : value(now);
    }

    /** The change: a difference of counts, or of rates in percentage points. */
    String change(Counts now, Counts before) {
      return isRate()
          ? Numbers.deltaPoints(now, before, rate)
          : Numbers.delta(count(now), count(before));
    }

    /** The week before's value; no rate for a week without messages. */
    String previous(Counts before) {
      if (!isRate()) {
        return Numbers.count(count(before));
      }
      return before.messages() == 0 ? "" : Numbers.percent(rate.applyAsDouble(before));
    }
  }
}
