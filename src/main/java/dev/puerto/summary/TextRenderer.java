package dev.puerto.summary;

import dev.puerto.i18n.Messages;
import java.util.List;
import java.util.Locale;

/** Plain text for terminals and the text part of the mail; no line is longer than 100 columns. */
final class TextRenderer extends SectionedRenderer {
  static final int WIDTH = 100;
  private static final int BAR = 40;

  TextRenderer(Messages messages) {
    super(messages);
  }

  @Override
  void title(StringBuilder out, WeeklySummary summary) {
    line(out, texts.title(summary));
  }

  @Override
  void noDomains(StringBuilder out) {
    line(out, texts.noDomains());
  }

  @Override
  void noData(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, texts.noData(d));
  }

  @Override
  void heading(StringBuilder out, DomainSummary d) {
    out.append('\n');
    String heading = "== " + d.domain() + " ";
    line(out, heading + "=".repeat(Math.max(3, WIDTH - heading.length())));
    line(out, texts.scope(d));
    line(out, texts.policy(d));
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
            "%-16s %12s   %-22s %s",
            "",
            texts.say("column.thisWeek"),
            texts.say("column.change"),
            texts.say("text.previousWeek", texts.count(before.messages()))));
    for (Figure f : FIGURES) {
      line(
          out,
          f.isRate()
              ? String.format(
                  Locale.ROOT,
                  "%-16s %12s   %-22s (%s)",
                  label(f),
                  f.value(texts.m, now),
                  f.change(texts.m, now, before),
                  texts.counted("message", f.count(now)))
              : String.format(
                  Locale.ROOT,
                  "%-16s %12s   %s",
                  label(f),
                  f.value(texts.m, now),
                  f.change(texts.m, now, before)));
    }
  }

  @Override
  void reporters(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, texts.say("heading.reporters"));
    // the nouns' column is as wide as the longer of its two forms, so the numbers after it align
    String reports = "%-" + Math.max(word("report", 1).length(), word("report", 2).length()) + "s";
    for (Reporter r : d.reporters()) {
      line(
          out,
          String.format(
              Locale.ROOT,
              "  %-50s %5s " + reports + " %14s %s",
              Texts.clip(r.name(), 50),
              texts.count(r.reports()),
              word("report", r.reports()),
              texts.count(r.messages()),
              word("message", r.messages())));
    }
    paragraph(out, texts.unreportedDays(d), "  ");
    paragraph(out, texts.silent(d), "  ");
  }

  @Override
  void dailyVolume(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, texts.say("text.dailyVolume"));
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
              texts.dayName(day.date()),
              texts.count(c.messages()),
              c.messages() == 0 ? "" : texts.percent(c.dmarcPassRate()),
              "#".repeat(pass),
              "x".repeat(fail),
              day.unreported() ? " " + texts.say("noReports") : ""));
    }
  }

  @Override
  void topSources(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, texts.say("heading.topSources"));
    line(
        out,
        String.format(
            Locale.ROOT,
            "  %-39s %11s %6s %6s %6s  %s",
            texts.say("column.ip"),
            texts.say("column.messages"),
            "DMARC",
            "SPF",
            "DKIM",
            texts.say("column.host")));
    for (Source s : top(d.sources())) {
      Counts c = s.counts();
      String row =
          String.format(
              Locale.ROOT,
              "  %-39s %11s %6s %6s %6s  ",
              s.ip() + (s.firstSeen() ? " *" : ""),
              texts.count(c.messages()),
              texts.percent(c.dmarcPassRate()),
              texts.percent(c.spfAlignedRate()),
              texts.percent(c.dkimAlignedRate()));
      line(out, row + Texts.clip(Texts.host(s), WIDTH - row.length()));
    }
    if (d.sources().size() > Texts.TOP_SOURCES) {
      line(out, "  " + texts.more(d.sources().size() - Texts.TOP_SOURCES, "moreSource"));
    }
    paragraph(
        out,
        d.newSources().isEmpty()
            ? texts.say("newSources", texts.newSources(d))
            : texts.say("text.newSourcesMarked", texts.newSources(d)),
        "");
  }

  @Override
  void failingSources(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, texts.say("heading.failingSources"));
    if (!d.analyzed()) {
      paragraph(out, texts.analyzeHint().plain(), "  ");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      line(out, "  " + texts.say("text.noFailing"));
    }
    for (Source s : top(failing)) {
      paragraph(
          out,
          String.format(
              Locale.ROOT,
              "- %s%s: %s %s",
              s.ip(),
              s.service() == null ? "" : " (" + s.service() + ")",
              texts.say("text.failing", texts.count(s.counts().dmarcFail())),
              d.analyzed() ? texts.finding(s) : ""),
          "  ");
    }
  }

  @Override
  void failureReports(StringBuilder out, DomainSummary d) {
    out.append('\n');
    line(out, texts.say("heading.failureReports"));
    paragraph(out, texts.failureReports(d), "  ");
    for (FailureGroup g : d.failureReports().top()) {
      paragraph(out, "- " + texts.failureGroup(g, d.domain()), "  ");
    }
    paragraph(out, texts.more(d.failureReports().moreGroups(), "moreGroup"), "  ");
  }

  @Override
  void smtpTls(StringBuilder out, DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    out.append('\n');
    line(out, texts.say("heading.smtpTls"));
    paragraph(out, texts.smtpTls(d), "  ");
    String columns = "  %-15s %-42s %12s %10s %12s";
    line(
        out,
        String.format(
            Locale.ROOT, columns, TLS_POLICY_COLUMNS.stream().map(this::header).toArray()));
    for (SmtpTls.Policy p : tls.policies()) {
      line(
          out,
          String.format(
              Locale.ROOT,
              columns,
              Texts.clip(p.type(), 15),
              Texts.clip(texts.mxHosts(p), 42),
              texts.count(p.sessions().successful()),
              texts.count(p.sessions().failed()),
              texts.percent(p.sessions().failureRate())));
    }
    paragraph(out, texts.more(tls.policyGroups() - tls.policies().size(), "morePolicy"), "  ");
    paragraph(
        out,
        tls.failures().isEmpty() ? texts.noTlsFailures() : texts.say("text.tlsFailures"),
        "  ");
    for (SmtpTls.Failure f : tls.failures()) {
      paragraph(
          out,
          "- "
              + texts.say(
                  "text.tlsFailure",
                  f.resultType(),
                  texts.mx(f),
                  texts.counted("session", f.sessions()),
                  f.fix()),
          "  ");
    }
    paragraph(out, texts.more(tls.failureGroups() - tls.failures().size(), "moreFailure"), "  ");
  }

  @Override
  void advice(StringBuilder out, DomainSummary d) {
    out.append('\n');
    paragraph(out, texts.say("text.advice", d.advice().message()), "");
    for (Prose blocker : d.advice().blockers()) {
      paragraph(out, "- " + blocker.plain(), "  ");
    }
  }

  @Override
  void health(StringBuilder out, WeeklySummary summary) {
    out.append('\n');
    paragraph(out, texts.health(summary), "");
    texts.rejected(summary).forEach(r -> paragraph(out, "- " + r, "  "));
    if (!summary.rejectedInputs().isEmpty()) {
      paragraph(out, texts.rejectedSql(summary).plain(), "  ");
    }
  }

  @Override
  void failureReportsWithoutDomain(StringBuilder out, WeeklySummary summary) {
    paragraph(out, texts.withoutDomain(summary).plain(), "");
  }

  /** A noun for a count, without the number: "report", "reports", "informes". */
  private String word(String noun, long n) {
    return texts.say("word." + noun, n);
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
