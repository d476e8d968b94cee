package dev.puerto.summary;

import dev.puerto.i18n.Messages;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML file: inline styles only (mail clients drop style sheets), no scripts, no
 * images or fonts from elsewhere. The daily chart is a table of coloured cells rather than SVG,
 * because Gmail and Outlook do not show inline SVG.
 */
final class HtmlRenderer extends SectionedRenderer {
  private static final String FONT =
      "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  private static final String PASS = "#2e7d32";
  private static final String FAIL = "#c62828";
  private static final String TABLE =
      "border-collapse:collapse;margin:6px 0 14px 0;font-size:14px;";
  private static final String TH =
      "text-align:left;padding:4px 10px;border-bottom:2px solid #ccc;color:#555;font-weight:600;";
  private static final String TD = "padding:4px 10px;border-bottom:1px solid #eee;";
  private static final String NUM = TD + "text-align:right;white-space:nowrap;";
  private static final String H2 =
      "font-size:20px;margin:28px 0 4px 0;padding-bottom:4px;border-bottom:3px solid #1a5276;";
  private static final String H3 = "font-size:16px;margin:18px 0 4px 0;color:#1a5276;";
  private static final String MUTED = "color:#666;font-size:13px;margin:4px 0;";
  private static final String CODE =
      "font-family:Menlo,Consolas,monospace;font-size:13px;background:#f0f2f4;padding:0 3px;";

  HtmlRenderer(Messages messages) {
    super(messages);
  }

  @Override
  void title(StringBuilder out, WeeklySummary summary) {
    out.append("<!DOCTYPE html>\n<html lang=\"")
        .append(texts.m.lang().tag())
        .append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>")
        .append(escape(texts.title(summary)))
        .append("</title></head>\n<body style=\"margin:0;padding:16px;background:#f4f6f8;")
        .append(FONT)
        .append("color:#222;\">\n<div style=\"max-width:900px;margin:0 auto;background:#fff;")
        .append("padding:20px 28px;border:1px solid #dde;\">\n<h1 style=\"font-size:22px;")
        .append("margin:0 0 8px 0;\">")
        .append(escape(texts.title(summary)))
        .append("</h1>\n");
  }

  @Override
  void noDomains(StringBuilder out) {
    paragraph(out, texts.noDomains(), "");
  }

  @Override
  void noData(StringBuilder out, DomainSummary d) {
    paragraph(out, texts.noData(d), "margin:12px 0;");
  }

  @Override
  void heading(StringBuilder out, DomainSummary d) {
    out.append("<h2 style=\"")
        .append(H2)
        .append("\">")
        .append(escape(d.domain()))
        .append("</h2>\n");
    out.append("<p style=\"")
        .append(MUTED)
        .append("\">")
        .append(escape(texts.scope(d)))
        .append("<br>")
        .append(escape(texts.policy(d)))
        .append("</p>\n");
  }

  @Override
  void figures(StringBuilder out, DomainSummary d) {
    table(
        out,
        List.of(
            "",
            texts.say("column.thisWeek"),
            texts.say("column.change"),
            texts.say("column.previousWeek")),
        List.of(false, true, true, true));
    for (Figure f : FIGURES) {
      out.append("<tr>");
      cell(out, label(f), TD);
      cell(out, f.valueWithCount(texts.m, d.counts()), NUM + "font-weight:600;");
      cell(out, f.change(texts.m, d.counts(), d.previousWeek()), NUM);
      cell(out, f.previous(texts.m, d.previousWeek()), NUM + "color:#666;");
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  @Override
  void reporters(StringBuilder out, DomainSummary d) {
    h3(out, "reporters");
    table(
        out,
        List.of(
            texts.say("column.reporter"),
            texts.say("column.reports"),
            texts.say("column.messages")),
        List.of(false, true, true));
    for (Reporter r : d.reporters()) {
      out.append("<tr>");
      cell(out, r.name(), TD);
      cell(out, texts.count(r.reports()), NUM);
      cell(out, texts.count(r.messages()), NUM);
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    paragraph(out, texts.unreportedDays(d), "color:" + FAIL + ";");
    paragraph(out, texts.silent(d), "color:" + FAIL + ";");
  }

  @Override
  void dailyVolume(StringBuilder out, DomainSummary d) {
    h3(out, "dailyVolume");
    chart(out, d);
  }

  @Override
  void topSources(StringBuilder out, DomainSummary d) {
    h3(out, "topSources");
    table(
        out,
        List.of(
            texts.say("column.ip"),
            texts.say("column.messages"),
            "DMARC",
            "SPF",
            "DKIM",
            texts.say("column.host")),
        List.of(false, true, true, true, true, false));
    for (Source s : top(d.sources())) {
      Counts c = s.counts();
      out.append("<tr>");
      out.append("<td style=\"")
          .append(TD)
          .append("font-family:monospace;\">")
          .append(escape(s.ip()))
          .append(
              s.firstSeen()
                  ? " <strong style=\"color:#b9770e;\">" + escape(texts.say("new")) + "</strong>"
                  : "")
          .append("</td>");
      cell(out, texts.count(c.messages()), NUM);
      cell(out, texts.percent(c.dmarcPassRate()), NUM + rateColour(c));
      cell(out, texts.percent(c.spfAlignedRate()), NUM);
      cell(out, texts.percent(c.dkimAlignedRate()), NUM);
      cell(out, Texts.host(s), TD);
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    paragraph(out, texts.say("newSources", texts.newSources(d)), "");
  }

  @Override
  void failingSources(StringBuilder out, DomainSummary d) {
    h3(out, "failingSources");
    if (!d.analyzed()) {
      paragraph(out, texts.analyzeHint(), "color:#b9770e;");
    }
    List<Source> failing = d.failingSources();
    if (failing.isEmpty()) {
      paragraph(out, texts.say("noFailing"), "");
      return;
    }
    List<String> headers =
        List.of(
            texts.say("column.ip"),
            texts.say("column.failing"),
            texts.say("column.service"),
            texts.say("column.finding"));
    table(out, d.analyzed() ? headers : headers.subList(0, 3), List.of(false, true, false, false));
    for (Source s : top(failing)) {
      out.append("<tr>");
      cell(out, s.ip(), TD + "font-family:monospace;");
      cell(out, texts.count(s.counts().dmarcFail()), NUM + "color:" + FAIL + ";");
      cell(out, s.service() == null ? "" : s.service(), TD);
      if (d.analyzed()) {
        cell(out, texts.finding(s), TD);
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  @Override
  void failureReports(StringBuilder out, DomainSummary d) {
    h3(out, "failureReports");
    paragraph(out, texts.failureReports(d) + ".", "");
    table(out, FAILURE_COLUMNS);
    d.failureReports().top().forEach(g -> row(out, FAILURE_COLUMNS, cells(g, d.domain())));
    out.append("</table>\n");
    paragraph(out, texts.more(d.failureReports().moreGroups(), "moreGroup"), MUTED);
  }

  @Override
  void smtpTls(StringBuilder out, DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    h3(out, "smtpTls");
    paragraph(out, texts.smtpTls(d) + ".", "");
    table(out, TLS_POLICY_COLUMNS);
    tls.policies().forEach(p -> row(out, TLS_POLICY_COLUMNS, cells(p)));
    out.append("</table>\n");
    paragraph(out, texts.more(tls.policyGroups() - tls.policies().size(), "morePolicy"), MUTED);
    if (tls.failures().isEmpty()) {
      paragraph(out, texts.noTlsFailures(), "");
      return;
    }
    table(out, TLS_FAILURE_COLUMNS);
    tls.failures().forEach(f -> row(out, TLS_FAILURE_COLUMNS, cells(f)));
    out.append("</table>\n");
    paragraph(out, texts.more(tls.failureGroups() - tls.failures().size(), "moreFailure"), MUTED);
  }

  @Override
  void advice(StringBuilder out, DomainSummary d) {
    h3(out, "advice");
    paragraph(out, d.advice().message(), "font-weight:600;");
    proseList(out, d.advice().blockers());
  }

  @Override
  void health(StringBuilder out, WeeklySummary summary) {
    out.append("<h2 style=\"")
        .append(H2)
        .append("\">")
        .append(escape(texts.say("heading.health")))
        .append("</h2>\n");
    paragraph(out, texts.health(summary), "");
    list(out, texts.rejected(summary));
    if (!summary.rejectedInputs().isEmpty()) {
      paragraph(out, texts.rejectedSql(summary), "");
    }
  }

  @Override
  void failureReportsWithoutDomain(StringBuilder out, WeeklySummary summary) {
    paragraph(out, texts.withoutDomain(summary), "");
  }

  @Override
  void end(StringBuilder out) {
    out.append("<p style=\"")
        .append(MUTED)
        .append("\">")
        .append(escape(texts.say("html.generated")))
        .append("</p>\n");
    out.append("</div>\n</body></html>\n");
  }

  /** One row per day: a bar of passing (green) and failing (red) messages, scaled to the week. */
  private void chart(StringBuilder out, DomainSummary d) {
    long max = busiestDay(d);
    out.append("<table role=\"presentation\" style=\"").append(TABLE).append("width:100%;\">\n");
    for (Day day : d.days()) {
      Counts c = day.counts();
      out.append("<tr>");
      cell(out, texts.dayName(day.date()), TD + "white-space:nowrap;width:120px;");
      cell(out, texts.count(c.messages()), NUM + "width:80px;");
      out.append("<td style=\"").append(TD).append("\">");
      if (day.unreported()) {
        out.append("<span style=\"color:")
            .append(FAIL)
            .append(";\">")
            .append(escape(texts.say("noReports")))
            .append("</span>");
      } else if (c.messages() > 0) {
        long width = Math.max(1, Math.round(100.0 * c.messages() / max));
        out.append("<table role=\"presentation\" style=\"border-collapse:collapse;width:")
            .append(width)
            .append("%;\"><tr>");
        bar(out, c.dmarcPass(), c.messages(), PASS);
        bar(out, c.dmarcFail(), c.messages(), FAIL);
        out.append("</tr></table>");
      }
      out.append("</td></tr>\n");
    }
    out.append("</table>\n<p style=\"")
        .append(MUTED)
        .append("\">")
        .append("<span style=\"color:")
        .append(PASS)
        .append(";\">&#9632;</span> ")
        .append(escape(texts.say("html.passed")))
        .append(" &nbsp; ")
        .append("<span style=\"color:")
        .append(FAIL)
        .append(";\">&#9632;</span> ")
        .append(escape(texts.say("html.failed")))
        .append(' ')
        .append(escape(texts.say("html.spread")))
        .append("</p>\n");
  }

  private static void bar(StringBuilder out, long part, long whole, String colour) {
    if (part > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "<td style=\"background:%s;height:14px;width:%.1f%%;padding:0;font-size:1px;"
                  + "line-height:14px;\">&nbsp;</td>",
              colour,
              100.0 * part / whole));
    }
  }

  private static String rateColour(Counts c) {
    return c.dmarcFail() > 0 ? "color:" + FAIL + ";" : "color:" + PASS + ";";
  }

  private static void table(StringBuilder out, List<String> headers, List<Boolean> numeric) {
    out.append("<table style=\"").append(TABLE).append("\">\n<tr>");
    for (int i = 0; i < headers.size(); i++) {
      cell(out, headers.get(i), "th", TH + (numeric.get(i) ? "text-align:right;" : ""));
    }
    out.append("</tr>\n");
  }

  private void table(StringBuilder out, List<Column> columns) {
    table(
        out,
        columns.stream().map(this::header).toList(),
        columns.stream().map(Column::numeric).toList());
  }

  /** A row of text cells, numbers aligned as their columns say. */
  private static void row(StringBuilder out, List<Column> columns, List<String> cells) {
    out.append("<tr>");
    for (int i = 0; i < cells.size(); i++) {
      cell(out, cells.get(i), columns.get(i).numeric() ? NUM : TD);
    }
    out.append("</tr>\n");
  }

  /** A section's heading, {@code summary.heading.<key>}. */
  private void h3(StringBuilder out, String key) {
    out.append("<h3 style=\"")
        .append(H3)
        .append("\">")
        .append(escape(texts.say("heading." + key)))
        .append("</h3>\n");
  }

  private static void paragraph(StringBuilder out, String text, String style) {
    if (!text.isEmpty()) {
      out.append("<p style=\"margin:6px 0;")
          .append(style)
          .append("\">")
          .append(escape(text))
          .append("</p>\n");
    }
  }

  private static void paragraph(StringBuilder out, Prose text, String style) {
    out.append("<p style=\"margin:6px 0;")
        .append(style)
        .append("\">")
        .append(html(text))
        .append("</p>\n");
  }

  private static void list(StringBuilder out, List<String> items) {
    proseList(out, items.stream().map(Prose::of).toList());
  }

  private static void proseList(StringBuilder out, List<Prose> items) {
    if (items.isEmpty()) {
      return;
    }
    out.append("<ul style=\"margin:4px 0 10px 0;\">\n");
    items.forEach(i -> out.append("<li>").append(html(i)).append("</li>\n"));
    out.append("</ul>\n");
  }

  /** Code spans in {@code <code>}, everything escaped. */
  private static String html(Prose prose) {
    StringBuilder html = new StringBuilder();
    for (Prose.Span span : prose.spans()) {
      if (span.code()) {
        html.append("<code style=\"")
            .append(CODE)
            .append("\">")
            .append(escape(span.text()))
            .append("</code>");
      } else {
        html.append(escape(span.text()));
      }
    }
    return html.toString();
  }

  private static void cell(StringBuilder out, String text, String style) {
    cell(out, text, "td", style);
  }

  private static void cell(StringBuilder out, String text, String tag, String style) {
    out.append('<')
        .append(tag)
        .append(" style=\"")
        .append(style)
        .append("\">")
        .append(escape(text))
        .append("</")
        .append(tag)
        .append('>');
  }

  /** Everything from reports is data, never markup. */
  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(ch);
      }
    }
    return escaped.toString();
  }
}
