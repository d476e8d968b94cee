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

  final String render(WeeklySummary summary) {
    StringBuilder out = new StringBuilder();
    title(out, summary);
    if (summary.domains().isEmpty()) {
      noDomains(out);
    }
    for (DomainSummary d : summary.domains()) {
      if (d.empty()) {
        noData(out, d);
      } else {
        domain(out, d);
      }
    }
    health(out, summary);
    end(out);
    return out.toString();
  }

  /** The sections of a domain with reports, in the order every format shows them. */
  private void domain(StringBuilder out, DomainSummary d) {
    heading(out, d);
    figures(out, d);
    reporters(out, d);
    dailyVolume(out, d);
    topSources(out, d);
    failingSources(out, d);
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

  /** Policy advice and what stands in its way. */
  abstract void advice(StringBuilder out, DomainSummary d);

  /** Collection health: the rejected inputs of the week. */
  abstract void health(StringBuilder out, WeeklySummary summary);

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
