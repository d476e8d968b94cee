package dev.puerto.summary;

import java.util.List;

/** CommonMark with GitHub-style tables: renders on GitHub, GitLab, Gitea and most chat tools. */
final class MarkdownRenderer extends SectionedRenderer {
  @Override
  void title(StringBuilder out, WeeklySummary summary) {
    out.append("# ").append(Texts.title(summary)).append("\n\n");
  }

  @Override
  void noDomains(StringBuilder out) {
    out.append(Texts.NO_DOMAINS).append("\n\n");
  }

  @Override
  void noData(StringBuilder out, DomainSummary d) {
    out.append(cell(Texts.noData(d))).append("\n\n");
  }

  @Override
  void heading(StringBuilder out, DomainSummary d) {
    out.append("## ").append(d.domain()).append("\n\n");
    out.append(Texts.scope(d)).append(". ").append(Texts.policy(d)).append(".\n\n");
  }

  @Override
  void figures(StringBuilder out, DomainSummary d) {
    out.append("| | this week | change | previous week |\n|---|---:|---:|---:|\n");
    for (Figure f : FIGURES) {
      row(
          out,
          f.label(),
          f.valueWithCount(d.counts()),
          f.change(d.counts(), d.previousWeek()),
          f.previous(d.previousWeek()));
    }
  }

  @Override
  void reporters(StringBuilder out, DomainSummary d) {
    out.append("\n### Reporters\n\n| reporter | reports | messages |\n|---|---:|---:|\n");
    for (Reporter r : d.reporters()) {
      row(out, cell(r.name()), Numbers.count(r.reports()), Numbers.count(r.messages()));
    }
    note(out, Texts.unreportedDays(d));
    note(out, Texts.silent(d));
  }

  @Override
  void dailyVolume(StringBuilder out, DomainSummary d) {
    out.append(
        "\n### Daily volume\n\n| day | reports | messages | passed | failed | pass rate |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (Day day : d.days()) {
      Counts c = day.counts();
      row(
          out,
          Texts.dayName(day.date()) + (day.unreported() ? " (no reports)" : ""),
          Numbers.count(day.reports()),
          Numbers.count(c.messages()),
          Numbers.count(c.dmarcPass()),
          Numbers.count(c.dmarcFail()),
          c.messages() == 0 ? "" : Numbers.percent(c.dmarcPassRate()));
    }
  }

  @Override
  void topSources(StringBuilder out, DomainSummary d) {
    out.append("\n### Top sources\n\n| IP | messages | DMARC | SPF | DKIM | service / PTR |\n");
    out.append("|---|---:|---:|---:|---:|---|\n");
    for (Source s : top(d.sources())) {
      Counts c = s.counts();
      row(
          out,
          s.ip() + (s.firstSeen() ? " (new)" : ""),
          Numbers.count(c.messages()),
          Numbers.percent(c.dmarcPassRate()),
          Numbers.percent(c.spfAlignedRate()),
          Numbers.percent(c.dkimAlignedRate()),
          cell(Texts.host(s)));
    }
    out.append("\nNew sources: ").append(newSources(d)).append('\n');
  }

  @Override
  void failingSources(StringBuilder out, DomainSummary d) {
    out.append("\n### Failing sources\n\n");
    if (!d.analyzed()) {
      out.append(prose(Texts.ANALYZE_HINT)).append("\n\n");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      out.append("None: every message passed DMARC.\n");
    }
    for (Source s : top(failing)) {
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
  }

  @Override
  void advice(StringBuilder out, DomainSummary d) {
    out.append("\n### Policy advice\n\n").append(d.advice().message()).append('\n');
    d.advice().blockers().forEach(b -> out.append("- ").append(prose(b)).append('\n'));
    out.append('\n');
  }

  @Override
  void health(StringBuilder out, WeeklySummary summary) {
    out.append("## Collection health\n\n").append(Texts.health(summary)).append("\n\n");
    Texts.rejected(summary).forEach(r -> out.append("- ").append(cell(r)).append('\n'));
    if (!summary.rejectedInputs().isEmpty()) {
      out.append('\n').append(prose(Texts.rejectedSql(summary))).append('\n');
    }
  }

  /** A table row of cells already escaped (or numbers). */
  private static void row(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
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
