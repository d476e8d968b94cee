package dev.puerto.summary;

import dev.puerto.i18n.Messages;
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
  /** The sentences, numbers and rates of the summary's language. */
  final Texts texts;

  SectionedRenderer(Messages messages) {
    this.texts = new Texts(messages);
  }

  /** The rows of the figures table, in order. */
  static final List<Figure> FIGURES =
      List.of(
          Figure.count("messages", Counts::messages),
          Figure.rate("dmarcPass", Counts::dmarcPass, Counts::dmarcPassRate),
          Figure.rate("spfAligned", Counts::spfAlignedPass, Counts::spfAlignedRate),
          Figure.rate("dkimAligned", Counts::dkimAlignedPass, Counts::dkimAlignedRate),
          Figure.count("delivered", Counts::delivered),
          Figure.count("quarantined", Counts::quarantine),
          Figure.count("rejected", Counts::reject));

  /** The columns of the failure report table (Markdown, HTML); cells from {@link #cells}. */
  static final List<Column> FAILURE_COLUMNS =
      List.of(
          Column.text("failures.sourceIp"),
          Column.text("failures.kind"),
          Column.number("failures.reports"),
          Column.text("failures.arrived"),
          Column.text("failures.identifiers"),
          Column.text("failures.verdict"));

  /** The columns of the TLS policy table. */
  static final List<Column> TLS_POLICY_COLUMNS =
      List.of(
          Column.text("tls.policy"),
          Column.text("tls.mxHosts"),
          Column.number("tls.successful"),
          Column.number("tls.failed"),
          Column.number("tls.failureRate"));

  /** The columns of the TLS failure table. */
  static final List<Column> TLS_FAILURE_COLUMNS =
      List.of(
          Column.text("tls.resultType"),
          Column.text("tls.mx"),
          Column.number("tls.sessions"),
          Column.text("tls.fix"));

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

  /** The one sentence of a summary without domains. */
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

  /**
   * The header of a column, a figure's label: {@code summary.column.*}, {@code summary.figure.*}.
   */
  String header(Column c) {
    return texts.say("column." + c.header());
  }

  String label(Figure f) {
    return texts.say("figure." + f.label());
  }

  /** The first {@value Texts#TOP_SOURCES} sources of the list. */
  static List<Source> top(List<Source> sources) {
    return sources.subList(0, Math.min(Texts.TOP_SOURCES, sources.size()));
  }

  /** A row of the failure report table, as text still to be escaped. */
  List<String> cells(FailureGroup g, String domain) {
    return List.of(
        texts.source(g),
        g.kind(),
        texts.count(g.reports()),
        texts.arrivals(g),
        Texts.identifiers(g, domain),
        Texts.verdict(g));
  }

  /** A row of the TLS policy table. */
  List<String> cells(SmtpTls.Policy p) {
    return List.of(
        p.type(),
        texts.mxHosts(p),
        texts.count(p.sessions().successful()),
        texts.count(p.sessions().failed()),
        texts.percent(p.sessions().failureRate()));
  }

  /** A row of the TLS failure table. */
  List<String> cells(SmtpTls.Failure f) {
    return List.of(f.resultType(), texts.mx(f), texts.count(f.sessions()), f.fix());
  }

  /** A table column: its header's key, and whether it holds numbers (aligned right). */
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
   * its change against the week before; {@code label} is its key.
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
    String value(Messages m, Counts now) {
      return isRate() ? m.percent(rate.applyAsDouble(now)) : m.number(count(now));
    }

    /** This week's value as the tables show it: a rate with its messages in parentheses. */
    String valueWithCount(Messages m, Counts now) {
      return isRate() ? value(m, now) + " (" + m.number(count(now)) + ")" : value(m, now);
    }

    /** The change: a difference of counts, or of rates in percentage points. */
    String change(Messages m, Counts now, Counts before) {
      if (!isRate()) {
        return m.change(count(now) - count(before));
      }
      if (now.messages() == 0 || before.messages() == 0) {
        return ""; // nothing to compare
      }
      return m.points((rate.applyAsDouble(now) - rate.applyAsDouble(before)) * 100);
    }

    /** The week before's value; no rate for a week without messages. */
    String previous(Messages m, Counts before) {
      if (!isRate()) {
        return m.number(count(before));
      }
      return before.messages() == 0 ? "" : m.percent(rate.applyAsDouble(before));
    }
  }
}
