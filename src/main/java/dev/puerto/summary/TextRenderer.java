package dev.puerto.summary;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Plain text for terminals and the text part of the mail; no line is longer than 100 columns. */
final class TextRenderer {
  static final int WIDTH = 100;
  private static final int BAR = 40;

  private TextRenderer() {}

  static String render(WeeklySummary summary) {
    StringBuilder out = new StringBuilder();
    line(out, Texts.title(summary));
    if (summary.domains().isEmpty()) {
      line(out, "No domain has reports in this week or the four before.");
    }
    for (DomainSummary d : summary.domains()) {
      out.append('\n');
      if (d.empty()) {
        line(out, Texts.noData(d));
        continue;
      }
      domain(out, d);
    }
    out.append('\n');
    paragraph(out, Texts.health(summary), "");
    Texts.rejected(summary).forEach(r -> paragraph(out, "- " + r, "  "));
    if (!summary.rejectedInputs().isEmpty()) {
      paragraph(out, Texts.rejectedSql(summary).plain(), "  ");
    }
    return out.toString();
  }

  private static void domain(StringBuilder out, DomainSummary d) {
    String heading = "== " + d.domain() + " ";
    line(out, heading + "=".repeat(Math.max(3, WIDTH - heading.length())));
    line(out, Texts.scope(d));
    line(out, Texts.policy(d));
    out.append('\n');
    Counts now = d.counts();
    Counts before = d.previousWeek();
    line(
        out,
        String.format(
            Locale.ROOT,
            "%-16s %12s   %-22s (previous week %s)",
            "",
            "this week",
            "change",
            Numbers.count(before.messages())));
    kpi(
        out,
        "Messages",
        Numbers.count(now.messages()),
        Numbers.delta(now.messages(), before.messages()));
    rate(out, "DMARC pass", now.dmarcPass(), now, before, Counts::dmarcPassRate);
    rate(out, "SPF aligned", now.spfAlignedPass(), now, before, Counts::spfAlignedRate);
    rate(out, "DKIM aligned", now.dkimAlignedPass(), now, before, Counts::dkimAlignedRate);
    kpi(out, "Not acted on", Numbers.count(now.none()), Numbers.delta(now.none(), before.none()));
    kpi(
        out,
        "Quarantined",
        Numbers.count(now.quarantine()),
        Numbers.delta(now.quarantine(), before.quarantine()));
    kpi(out, "Rejected", Numbers.count(now.reject()), Numbers.delta(now.reject(), before.reject()));

    out.append('\n');
    line(out, "Reporters");
    for (Reporter r : d.reporters()) {
      line(
          out,
          String.format(
              Locale.ROOT,
              "  %-50s %5s %-7s %14s %s",
              Texts.clip(r.name(), 50),
              Numbers.count(r.reports()),
              r.reports() == 1 ? "report" : "reports",
              Numbers.count(r.messages()),
              r.messages() == 1 ? "message" : "messages"));
    }
    paragraph(out, Texts.unreportedDays(d), "  ");
    paragraph(out, Texts.silent(d), "  ");

    out.append('\n');
    line(out, "Daily volume (# passed DMARC, x failed)");
    long max = d.days().stream().mapToLong(day -> day.counts().messages()).max().orElse(0);
    for (Day day : d.days()) {
      Counts c = day.counts();
      int pass = scaled(c.dmarcPass(), max);
      int fail = Math.max(scaled(c.messages(), max) - pass, c.dmarcFail() > 0 ? 1 : 0);
      line(
          out,
          String.format(
              Locale.ROOT,
              "  %-14s %12s %9s |%s%s%s",
              Texts.dayName(day.date()),
              Numbers.count(c.messages()),
              c.messages() == 0 ? "" : Numbers.percent(c.dmarcPassRate()),
              "#".repeat(pass),
              "x".repeat(fail),
              day.unreported() ? " no reports" : ""));
    }

    out.append('\n');
    line(out, "Top sources");
    line(
        out,
        String.format(
            Locale.ROOT,
            "  %-39s %11s %6s %6s %6s  %s",
            "IP",
            "messages",
            "DMARC",
            "SPF",
            "DKIM",
            "service / PTR"));
    for (Source s : d.sources().subList(0, Math.min(Texts.TOP_SOURCES, d.sources().size()))) {
      Counts c = s.counts();
      String row =
          String.format(
              Locale.ROOT,
              "  %-39s %11s %6s %6s %6s  ",
              s.ip() + (s.firstSeen() ? " *" : ""),
              Numbers.count(c.messages()),
              Numbers.percent(c.dmarcPassRate()),
              Numbers.percent(c.spfAlignedRate()),
              Numbers.percent(c.dkimAlignedRate()));
      line(out, row + Texts.clip(Texts.host(s), WIDTH - row.length()));
    }
    if (d.sources().size() > Texts.TOP_SOURCES) {
      line(
          out,
          "  ... and " + Numbers.counted(d.sources().size() - Texts.TOP_SOURCES, "more source"));
    }
    List<Source> fresh = d.newSources();
    paragraph(
        out,
        fresh.isEmpty()
            ? "New sources: none"
            : "New sources (* above, first seen this week): "
                + String.join(", ", fresh.stream().map(Source::ip).toList()),
        "");

    out.append('\n');
    line(out, "Failing sources");
    if (!d.analyzed()) {
      paragraph(out, Texts.ANALYZE_HINT.plain(), "  ");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      line(out, "  none: every message passed DMARC");
    }
    for (Source s : failing.subList(0, Math.min(Texts.TOP_SOURCES, failing.size()))) {
      paragraph(
          out,
          String.format(
              Locale.ROOT,
              "- %s%s: %s failing. %s",
              s.ip(),
              s.service() == null ? "" : " (" + s.service() + ")",
              Numbers.count(s.counts().dmarcFail()),
              d.analyzed() ? Texts.finding(s) : ""),
          "  ");
    }

    out.append('\n');
    paragraph(out, "Advice: " + d.advice().message(), "");
    for (Prose blocker : d.advice().blockers()) {
      paragraph(out, "- " + blocker.plain(), "  ");
    }
  }

  private static int scaled(long value, long max) {
    return max == 0 ? 0 : (int) Math.round((double) value * BAR / max);
  }

  private static void kpi(StringBuilder out, String label, String value, String change) {
    line(out, String.format(Locale.ROOT, "%-16s %12s   %s", label, value, change));
  }

  private static void rate(
      StringBuilder out,
      String label,
      long count,
      Counts now,
      Counts before,
      ToDoubleFunction<Counts> rate) {
    line(
        out,
        String.format(
            Locale.ROOT,
            "%-16s %12s   %-22s (%s)",
            label,
            Numbers.percent(rate.applyAsDouble(now)),
            Numbers.deltaPoints(now, before, rate),
            Numbers.counted(count, "message")));
  }

  /** Wrapped to the width; continuation lines indented two more. */
  private static void paragraph(StringBuilder out, String text, String indent) {
    if (text.isEmpty()) {
      return;
    }
    List<String> lines = Texts.wrap(text, WIDTH - indent.length() - 2);
    for (int i = 0; i < lines.size(); i++) {
      line(out, indent + (i == 0 ? "" : "  ") + lines.get(i));
    }
  }

  private static void line(StringBuilder out, String text) {
    out.append(Texts.clip(text, WIDTH)).append('\n');
  }
}
