package dev.puerto.summary;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** CommonMark with GitHub-style tables: renders on GitHub, GitLab, Gitea and most chat tools. */
final class MarkdownRenderer {
  private MarkdownRenderer() {}

  static String render(WeeklySummary summary) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Texts.title(summary)).append("\n\n");
    if (summary.domains().isEmpty()) {
      out.append("No domain has reports in this week or the four before.\n\n");
    }
    for (DomainSummary d : summary.domains()) {
      if (d.empty()) {
        out.append(cell(Texts.noData(d))).append("\n\n");
      } else {
        domain(out, d);
      }
    }
    out.append("## Collection health\n\n").append(Texts.health(summary)).append("\n\n");
    Texts.rejected(summary).forEach(r -> out.append("- ").append(cell(r)).append('\n'));
    if (!summary.rejectedInputs().isEmpty()) {
      out.append('\n').append(prose(Texts.rejectedSql(summary))).append('\n');
    }
    return out.toString();
  }

  private static void domain(StringBuilder out, DomainSummary d) {
    Counts now = d.counts();
    Counts before = d.previousWeek();
    out.append("## ").append(d.domain()).append("\n\n");
    out.append(Texts.scope(d)).append(". ").append(Texts.policy(d)).append(".\n\n");
    out.append("| | this week | change | previous week |\n|---|---:|---:|---:|\n");
    row(out, "Messages", now.messages(), before.messages(), Numbers.count(now.messages()));
    rate(out, "DMARC pass", now, before, Counts::dmarcPassRate, Counts::dmarcPass);
    rate(out, "SPF aligned", now, before, Counts::spfAlignedRate, Counts::spfAlignedPass);
    rate(out, "DKIM aligned", now, before, Counts::dkimAlignedRate, Counts::dkimAlignedPass);
    row(out, "Not acted on", now.none(), before.none(), Numbers.count(now.none()));
    row(out, "Quarantined", now.quarantine(), before.quarantine(), Numbers.count(now.quarantine()));
    row(out, "Rejected", now.reject(), before.reject(), Numbers.count(now.reject()));

    out.append("\n### Reporters\n\n| reporter | reports | messages |\n|---|---:|---:|\n");
    for (Reporter r : d.reporters()) {
      out.append("| ")
          .append(cell(r.name()))
          .append(" | ")
          .append(Numbers.count(r.reports()))
          .append(" | ")
          .append(Numbers.count(r.messages()))
          .append(" |\n");
    }
    note(out, Texts.unreportedDays(d));
    note(out, Texts.silent(d));

    out.append(
        "\n### Daily volume\n\n| day | reports | messages | passed | failed | pass rate |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (Day day : d.days()) {
      Counts c = day.counts();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              Texts.dayName(day.date()) + (day.unreported() ? " (no reports)" : ""),
              Numbers.count(day.reports()),
              Numbers.count(c.messages()),
              Numbers.count(c.dmarcPass()),
              Numbers.count(c.dmarcFail()),
              c.messages() == 0 ? "" : Numbers.percent(c.dmarcPassRate())));
    }

    out.append("\n### Top sources\n\n| IP | messages | DMARC | SPF | DKIM | service / PTR |\n");
    out.append("|---|---:|---:|---:|---:|---|\n");
    for (Source s : d.sources().subList(0, Math.min(Texts.TOP_SOURCES, d.sources().size()))) {
      Counts c = s.counts();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s%s | %s | %s | %s | %s | %s |%n",
              s.ip(),
              s.firstSeen() ? " (new)" : "",
              Numbers.count(c.messages()),
              Numbers.percent(c.dmarcPassRate()),
              Numbers.percent(c.spfAlignedRate()),
              Numbers.percent(c.dkimAlignedRate()),
              cell(Texts.host(s))));
    }
    List<Source> fresh = d.newSources();
    out.append("\nNew sources: ")
        .append(
            fresh.isEmpty() ? "none" : String.join(", ", fresh.stream().map(Source::ip).toList()))
        .append("\n\n### Failing sources\n\n");
    if (!d.analyzed()) {
      out.append(prose(Texts.ANALYZE_HINT)).append("\n\n");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      out.append("None: every message passed DMARC.\n");
    }
    for (Source s : failing.subList(0, Math.min(Texts.TOP_SOURCES, failing.size()))) {
      out.append("- **")
          .append(s.ip())
          .append("**")
          .append(s.service() == null ? "" : " (" + cell(s.service()) + ")")
          .append(": ")
          .append(Numbers.count(s.counts().dmarcFail()))
          .append(" failing")
          .append(d.analyzed() ? ". " + cell(Texts.finding(s)) : "")
          .append('\n');
    }
    out.append("\n### Policy advice\n\n").append(d.advice().message()).append('\n');
    d.advice().blockers().forEach(b -> out.append("- ").append(prose(b)).append('\n'));
    out.append('\n');
  }

  private static void row(StringBuilder out, String label, long now, long before, String value) {
    out.append("| ")
        .append(label)
        .append(" | ")
        .append(value)
        .append(" | ")
        .append(Numbers.delta(now, before))
        .append(" | ")
        .append(Numbers.count(before))
        .append(" |\n");
  }

  private static void rate(
      StringBuilder out,
      String label,
      Counts now,
      Counts before,
      ToDoubleFunction<Counts> rate,
      ToLongFunction<Counts> count) {
    out.append("| ")
        .append(label)
        .append(" | ")
        .append(Numbers.percent(rate.applyAsDouble(now)))
        .append(" (")
        .append(Numbers.count(count.applyAsLong(now)))
        .append(") | ")
        .append(Numbers.deltaPoints(now, before, rate))
        .append(" | ")
        .append(before.messages() == 0 ? "" : Numbers.percent(rate.applyAsDouble(before)))
        .append(" |\n");
  }

  private static void note(StringBuilder out, String text) {
    if (!text.isEmpty()) {
      out.append('\n').append(cell(text)).append('\n');
    }
  }

  /** Code spans in backticks; the plain spans escaped as data. */
  private static String prose(Prose prose) {
    StringBuilder text = new StringBuilder();
    for (Prose.Span span : prose.spans()) {
      text.append(span.code() ? "`" + span.text() + "`" : cell(span.text()));
    }
    return text.toString();
  }

  /** Text from reports is data: keep it from turning into Markdown (tables, links, emphasis). */
  private static String cell(String text) {
    return text.replace("\\", "\\\\")
        .replace("`", "\\`")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("<", "&lt;")
        .replace("\n", " ");
  }
}
