package dev.puerto.summary;

import dev.puerto.i18n.Messages;
import java.util.List;

/** CommonMark with GitHub-style tables: renders on GitHub, GitLab, Gitea and most chat tools. */
final class MarkdownRenderer extends SectionedRenderer {
  MarkdownRenderer(Messages messages) {
    super(messages);
  }

  @Override
  void title(StringBuilder out, WeeklySummary summary) {
    out.append("# ").append(texts.title(summary)).append("\n\n");
  }

  @Override
  void noDomains(StringBuilder out) {
    out.append(texts.noDomains()).append("\n\n");
  }

  @Override
  void noData(StringBuilder out, DomainSummary d) {
    out.append(cell(texts.noData(d))).append("\n\n");
  }

  @Override
  void heading(StringBuilder out, DomainSummary d) {
    out.append("## ").append(d.domain()).append("\n\n");
    out.append(texts.scope(d)).append(". ").append(texts.policy(d)).append(".\n\n");
  }

  @Override
  void figures(StringBuilder out, DomainSummary d) {
    out.append("| ");
    row(
        out,
        texts.say("column.thisWeek"),
        texts.say("column.change"),
        texts.say("column.previousWeek"));
    out.append("|---|---:|---:|---:|\n");
    for (Figure f : FIGURES) {
      row(
          out,
          label(f),
          f.valueWithCount(texts.m, d.counts()),
          f.change(texts.m, d.counts(), d.previousWeek()),
          f.previous(texts.m, d.previousWeek()));
    }
  }

  @Override
  void reporters(StringBuilder out, DomainSummary d) {
    heading(out, "reporters");
    row(
        out,
        texts.say("column.reporter"),
        texts.say("column.reports"),
        texts.say("column.messages"));
    out.append("|---|---:|---:|\n");
    for (Reporter r : d.reporters()) {
      row(out, cell(r.name()), texts.count(r.reports()), texts.count(r.messages()));
    }
    note(out, texts.unreportedDays(d));
    note(out, texts.silent(d));
  }

  @Override
  void dailyVolume(StringBuilder out, DomainSummary d) {
    heading(out, "dailyVolume");
    row(
        out,
        texts.say("column.day"),
        texts.say("column.reports"),
        texts.say("column.messages"),
        texts.say("column.passed"),
        texts.say("column.failed"),
        texts.say("column.passRate"));
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (Day day : d.days()) {
      Counts c = day.counts();
      row(
          out,
          texts.dayName(day.date()) + (day.unreported() ? " (" + texts.say("noReports") + ")" : ""),
          texts.count(day.reports()),
          texts.count(c.messages()),
          texts.count(c.dmarcPass()),
          texts.count(c.dmarcFail()),
          c.messages() == 0 ? "" : texts.percent(c.dmarcPassRate()));
    }
  }

  @Override
  void topSources(StringBuilder out, DomainSummary d) {
    heading(out, "topSources");
    row(
        out,
        texts.say("column.ip"),
        texts.say("column.messages"),
        "DMARC",
        "SPF",
        "DKIM",
        cell(texts.say("column.host")));
    out.append("|---|---:|---:|---:|---:|---|\n");
    for (Source s : top(d.sources())) {
      Counts c = s.counts();
      row(
          out,
          s.ip() + (s.firstSeen() ? " (" + texts.say("new") + ")" : ""),
          texts.count(c.messages()),
          texts.percent(c.dmarcPassRate()),
          texts.percent(c.spfAlignedRate()),
          texts.percent(c.dkimAlignedRate()),
          cell(Texts.host(s)));
    }
    out.append('\n').append(texts.say("newSources", texts.newSources(d))).append('\n');
  }

  @Override
  void failingSources(StringBuilder out, DomainSummary d) {
    heading(out, "failingSources");
    if (!d.analyzed()) {
      out.append(prose(texts.analyzeHint())).append("\n\n");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      out.append(texts.say("noFailing")).append('\n');
    }
    for (Source s : top(failing)) {
      out.append("- **")
          .append(s.ip())
          .append("**")
          .append(s.service() == null ? "" : " (" + cell(s.service()) + ")")
          .append(": ")
          .append(texts.say("failing", texts.count(s.counts().dmarcFail())))
          .append(d.analyzed() ? ". " + cell(texts.finding(s)) : "")
          .append('\n');
    }
  }

  @Override
  void failureReports(StringBuilder out, DomainSummary d) {
    heading(out, "failureReports");
    out.append(cell(texts.failureReports(d))).append(".\n\n");
    table(out, FAILURE_COLUMNS);
    d.failureReports().top().forEach(g -> row(out, cells(cells(g, d.domain()))));
    note(out, texts.more(d.failureReports().moreGroups(), "moreGroup"));
  }

  @Override
  void smtpTls(StringBuilder out, DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    heading(out, "smtpTls");
    out.append(cell(texts.smtpTls(d))).append(".\n\n");
    table(out, TLS_POLICY_COLUMNS);
    tls.policies().forEach(p -> row(out, cells(cells(p))));
    note(out, texts.more(tls.policyGroups() - tls.policies().size(), "morePolicy"));
    if (tls.failures().isEmpty()) {
      note(out, texts.noTlsFailures());
      return;
    }
    out.append('\n');
    table(out, TLS_FAILURE_COLUMNS);
    tls.failures().forEach(f -> row(out, cells(cells(f))));
    note(out, texts.more(tls.failureGroups() - tls.failures().size(), "moreFailure"));
  }

  @Override
  void advice(StringBuilder out, DomainSummary d) {
    heading(out, "advice");
    out.append(d.advice().message()).append('\n');
    d.advice().blockers().forEach(b -> out.append("- ").append(prose(b)).append('\n'));
    out.append('\n');
  }

  @Override
  void health(StringBuilder out, WeeklySummary summary) {
    out.append("## ").append(texts.say("heading.health")).append("\n\n");
    out.append(texts.health(summary)).append("\n\n");
    texts.rejected(summary).forEach(r -> out.append("- ").append(cell(r)).append('\n'));
    if (!summary.rejectedInputs().isEmpty()) {
      out.append('\n').append(prose(texts.rejectedSql(summary))).append('\n');
    }
  }

  @Override
  void failureReportsWithoutDomain(StringBuilder out, WeeklySummary summary) {
    // Collection health ends with a blank line unless it listed rejected inputs.
    if (!out.toString().endsWith("\n\n")) {
      out.append('\n');
    }
    out.append(prose(texts.withoutDomain(summary))).append('\n');
  }

  /** A section's heading, {@code summary.heading.<key>}, after a blank line. */
  private void heading(StringBuilder out, String key) {
    out.append("\n### ").append(texts.say("heading." + key)).append("\n\n");
  }

  /** The header and alignment rows of a table. */
  private void table(StringBuilder out, List<Column> columns) {
    row(out, columns.stream().map(c -> cell(header(c))).toArray(String[]::new));
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
