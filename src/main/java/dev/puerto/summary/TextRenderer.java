package dev.puerto.summary;

import java.util.List;
import java.util.Locale;

/** Plain text for terminals and the text part of the mail; no line is longer than 100 columns. */
final class TextRenderer extends SectionedRenderer {
  static final int WIDTH = 100;
  private static final int BAR = 40;

  @Override
  void title(StringBuilder out, WeeklySummary summary) {
    line(out, Texts.title(summary));
  }

  @Override
  void noDomains(StringBuilder out) {
    line(out, Texts.NO_DOMAINS);
  }

  @Override
  void noData(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, Texts.noData(d));
  }

  @Override
  void heading(StringBuilder out, DomainSummary d) {
    out.append('\n');
    String heading = "== " + d.domain() + " ";
    line(out, heading + "=".repeat(Math.max(3, WIDTH - heading.length())));
    line(out, Texts.scope(d));
    line(out, Texts.policy(d));
  }

  @Override
  void figures(StringBuilder out, DomainSummary d) {
    Counts now = d.counts();
    Counts before = d.previousWeek();
    out.append('\n');
    line(
        out,
        String.format(
            Locale.ROOT,
            "%-16s %12s   %-22s (previous week %s)",
            "",
            "this week",
            "change",
            Numbers.count(before.messages())));
    for (Figure f : FIGURES) {
      line(
          out,
          f.isRate()
              ? String.format(
                  Locale.ROOT,
                  "%-16s %12s   %-22s (%s)",
                  f.label(),
                  f.value(now),
                  f.change(now, before),
                  Numbers.counted(f.count(now), "message"))
              : String.format(
                  Locale.ROOT, "%-16s %12s   %s", f.label(), f.value(now), f.change(now, before)));
    }
  }

  @Override
  void reporters(StringBuilder out, DomainSummary d) {
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
  }

  @Override
  void dailyVolume(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, "Daily volume (# passed DMARC, x failed)");
    long max = busiestDay(d);
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
  }

  @Override
  void topSources(StringBuilder out, DomainSummary d) {
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
    for (Source s : top(d.sources())) {
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
    paragraph(
        out,
        d.newSources().isEmpty()
            ? "New sources: none"
            : "New sources (* above, first seen this week): " + newSources(d),
        "");
  }

  @Override
  void failingSources(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, "Failing sources");
    if (!d.analyzed()) {
      paragraph(out, Texts.ANALYZE_HINT.plain(), "  ");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      line(out, "  none: every message passed DMARC");
    }
    for (Source s : top(failing)) {
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
  }

  @Override
  void failureReports(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, "Failure reports");
    paragraph(out, Texts.failureReports(d), "  ");
    for (FailureGroup g : d.failureReports().top()) {
      paragraph(out, "- " + Texts.failureGroup(g, d.domain()), "  ");
    }
    paragraph(out, Texts.more(d.failureReports().moreGroups(), "group", "groups"), "  ");
  }

  @Override
  void smtpTls(StringBuilder out, DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    out.append('\n');
    line(out, "SMTP TLS");
    paragraph(out, Texts.smtpTls(d), "  ");
    String columns = "  %-15s %-42s %12s %10s %12s";
    line(
        out,
        String.format(
            Locale.ROOT, columns, "policy", "MX hosts", "successful", "failed", "failure rate"));
    for (SmtpTls.Policy p : tls.policies()) {
      line(
          out,
          String.format(
              Locale.ROOT,
              columns,
              Texts.clip(p.type(), 15),
              Texts.clip(Texts.mxHosts(p), 42),
              Numbers.count(p.sessions().successful()),
              Numbers.count(p.sessions().failed()),
              Numbers.percent(p.sessions().failureRate())));
    }
    paragraph(
        out, Texts.more(tls.policyGroups() - tls.policies().size(), "policy", "policies"), "  ");
    paragraph(
        out, tls.failures().isEmpty() ? Texts.NO_TLS_FAILURES : "Failures, and what to fix:", "  ");
    for (SmtpTls.Failure f : tls.failures()) {
      paragraph(
          out,
          "- "
              + f.resultType()
              + " at "
              + Texts.mx(f)
              + ": "
              + Numbers.counted(f.sessions(), "session")
              + ". Fix: "
              + f.fix(),
          "  ");
    }
    paragraph(
        out, Texts.more(tls.failureGroups() - tls.failures().size(), "failure", "failures"), "  ");
  }

  @Override
  void advice(StringBuilder out, DomainSummary d) {
    out.append('\n');
    paragraph(out, "Advice: " + d.advice().message(), "");
    for (Prose blocker : d.advice().blockers()) {
      paragraph(out, "- " + blocker.plain(), "  ");
    }
  }

  @Override
  void health(StringBuilder out, WeeklySummary summary) {
    out.append('\n');
    paragraph(out, Texts.health(summary), "");
    Texts.rejected(summary).forEach(r -> paragraph(out, "- " + r, "  "));
    if (!summary.rejectedInputs().isEmpty()) {
      paragraph(out, Texts.rejectedSql(summary).plain(), "  ");
    }
  }

  @Override
  void failureReportsWithoutDomain(StringBuilder out, WeeklySummary summary) {
    paragraph(out, Texts.withoutDomain(summary).plain(), "");
  }

  private static int scaled(long value, long max) {
    return max == 0 ? 0 : (int) Math.round((double) value * BAR / max);
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
