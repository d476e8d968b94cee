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
  void failureReports(StringBuilder out, DomainSummary d) {
    out.append("\n### Failure reports\n\n").append(cell(Texts.failureReports(d))).append(".\n\n");
    table(out, FAILURE_COLUMNS);
    d.failureReports().top().forEach(g -> row(out, cells(cells(g, d.domain()))));
    note(out, Texts.more(d.failureReports().moreGroups(), "group", "groups"));
  }

  @Override
  void smtpTls(StringBuilder out, DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    out.append("\n### SMTP TLS\n\n").append(cell(Texts.smtpTls(d))).append(".\n\n");
    table(out, TLS_POLICY_COLUMNS);
    tls.policies().forEach(p -> row(out, cells(cells(p))));
    note(out, Texts.more(tls.policyGroups() - tls.policies().size(), "policy", "policies"));
    if (tls.failures().isEmpty()) {
      note(out, Texts.NO_TLS_FAILURES);
      return;
    }
    out.append('\n');
    table(out, TLS_FAILURE_COLUMNS);
    tls.failures().forEach(f -> row(out, cells(cells(f))));
    note(out, Texts.more(tls.failureGroups() - tls.failures().size(), "failure", "failures"));
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

  @Override
  void failureReportsWithoutDomain(StringBuilder out, WeeklySummary summary) {
    // Collection health ends with a blank line unless it listed rejected inputs.
    if (!out.toString().endsWith("\n\n")) {
      out.append('\n');
    }
    out.append(prose(Texts.withoutDomain(summary))).append('\n');
  }

  /** The header and alignment rows of a table. */
  private static void table(StringBuilder out, List<Column> columns) {
    row(out, columns.stream().map(c -> cell(c.header())).toArray(String[]::new));
    out.append('|');
    columns.forEach(c -> out.append(c.numeric() ? "---:|" : "---|"));
    out.append('\n');
  }

  /** Text cells escaped as data. */
  private static String[] cells(List<String> texts) {
    return texts.stream().map(MarkdownRenderer::cell).toArray(String[]::new);
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
