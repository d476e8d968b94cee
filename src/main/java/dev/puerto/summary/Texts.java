package dev.puerto.summary;

import dev.puerto.i18n.Messages;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Sentences and labels that every human-readable format shares, in the language of its {@link
 * Messages} (keys {@code summary.*}).
 */
final class Texts {
  static final int TOP_SOURCES = 10;

  /** Rejected inputs named one by one in collection health; the rest are counted. */
  static final int REJECTED_NAMED = 5;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The language every sentence is in; numbers and rates are written its way too. */
  final Messages m;

  Texts(Messages m) {
    this.m = m;
  }

  /** The sentence for a {@code summary.*} key; the short name leaves the prefix out. */
  String say(String key, Object... args) {
    return m.text("summary." + key, args);
  }

  /** A count with its noun, {@code summary.n.*}: "1 report", "2 reports", "2 informes". */
  String counted(String noun, long n) {
    return m.counted("summary.n." + noun, n);
  }

  String count(long n) {
    return m.number(n);
  }

  String percent(double rate) {
    return m.percent(rate);
  }

  /** A sentence with words to type, marked by backquotes in the bundle. */
  Prose prose(String key, Object... args) {
    return prose(m, "summary." + key, args);
  }

  /** A sentence with words to type; the odd parts of {@link Messages#parts} are code. */
  static Prose prose(Messages m, String key, Object... args) {
    List<String> parts = m.parts(key, args);
    List<Prose.Span> spans = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (!parts.get(i).isEmpty()) {
        spans.add(new Prose.Span(parts.get(i), i % 2 == 1));
      }
    }
    return new Prose(spans);
  }

  Prose analyzeHint() {
    return prose("analyzeHint");
  }

  String noDomains() {
    return say("noDomains");
  }

  String noTlsFailures() {
    return say("tls.noFailures");
  }

  String title(WeeklySummary summary) {
    IsoWeek w = summary.week();
    return say("title", w.toString(), m.date(w.monday()), m.date(w.sunday()));
  }

  String noData(DomainSummary d) {
    return say("noData", d.domain(), d.week().toString());
  }

  String scope(DomainSummary d) {
    if (d.empty()) {
      return say("scope.none", d.week().toString());
    }
    return say(
        "scope",
        counted("message", d.counts().messages()),
        counted("report", d.reports()),
        counted("reporter", d.reporters().size()));
  }

  String policy(DomainSummary d) {
    PublishedPolicy p = d.policy();
    if (p == null) {
      return say("policy.none");
    }
    return say(
        p.changedDuringWeek() ? "policy.changed" : "policy",
        orDash(p.p()),
        orDash(p.sp()),
        p.pct() == null ? "-" : p.pct().toString());
  }

  String dayName(LocalDate day) {
    return m.day(day);
  }

  String unreportedDays(DomainSummary d) {
    List<String> names =
        d.days().stream().filter(Day::unreported).map(day -> dayName(day.date())).toList();
    return names.isEmpty() ? "" : say("unreportedDays", String.join(", ", names));
  }

  String silent(DomainSummary d) {
    return d.silentReporters().isEmpty()
        ? ""
        : say("silent", SummaryReader.LOOKBACK_WEEKS, String.join(", ", d.silentReporters()));
  }

  static String host(Source s) {
    List<String> parts = new ArrayList<>();
    if (s.service() != null) {
      parts.add(s.service());
    }
    if (s.ptr() != null) {
      parts.add(s.ptr());
    }
    if (s.network() != null) {
      parts.add(s.network());
    }
    return String.join(", ", parts);
  }

  String finding(Source s) {
    return s.verdict() == null ? say("notAnalyzed") : s.verdict().code() + ": " + s.action();
  }

  /** "none" or the new sources' addresses, comma-separated. */
  String newSources(DomainSummary d) {
    List<Source> fresh = d.newSources();
    return fresh.isEmpty()
        ? say("none")
        : String.join(", ", fresh.stream().map(Source::ip).toList());
  }

  /**
   * The first {@value #REJECTED_NAMED} rejected inputs, each with the first line of its reason, and
   * how many more there are.
   */
  List<String> rejected(WeeklySummary summary) {
    List<RejectedInput> all = summary.rejectedInputs();
    List<String> lines = new ArrayList<>();
    for (RejectedInput r : all.subList(0, Math.min(REJECTED_NAMED, all.size()))) {
      lines.add(
          r.origin()
              + " ("
              + r.status().code()
              + (r.error() == null ? "" : ": " + reason(r))
              + ")");
    }
    if (all.size() > REJECTED_NAMED) {
      lines.add(say("andMore", counted("moreInput", all.size() - REJECTED_NAMED)));
    }
    return lines;
  }

  /**
   * The first line of the error, without the origin it starts with (the error names the part that
   * failed, which for a plain file is the file itself).
   */
  private static String reason(RejectedInput r) {
    String line = r.error().lines().findFirst().orElse("");
    if (line.startsWith(r.origin() + ": ")) {
      return line.substring(r.origin().length() + 2);
    }
    if (line.startsWith(r.origin() + "!")) {
      return line.substring(r.origin().length() + 1);
    }
    return line;
  }

  /**
   * Which inputs collection health counts, and how many of them were rejected. Inputs belong to the
   * week Puerto received them in, not to their reports' period: the line says so, because the two
   * differ whenever reports are imported later (a backlog, a first import).
   */
  String health(WeeklySummary summary) {
    int n = summary.rejectedInputs().size();
    return n == 0
        ? say("health.none", summary.week().toString())
        : say("health", n, counted("input", n), summary.week().toString());
  }

  /** The query that lists every rejected input of the week, with its id for puerto reparse. */
  Prose rejectedSql(WeeklySummary summary) {
    return prose("health.sql")
        .code(
            "SELECT id, received_at, status, origin, error FROM dmarc_inputs"
                + " WHERE status IN ("
                + RejectedInput.STATUSES.stream()
                    .map(s -> "'" + s.code() + "'")
                    .collect(Collectors.joining(", "))
                + ") AND received_at >= '"
                + summary.week().start().toInstant()
                + "' AND received_at < '"
                + summary.week().end().toInstant()
                + "' ORDER BY received_at, id");
  }

  /** How many failure reports the domain had, and which week a report counts in. */
  String failureReports(DomainSummary d) {
    return say(
        "failures.arrived",
        counted("failureReport", d.failureReports().reports()),
        d.week().toString());
  }

  /** Who sent the group's failing messages. */
  String source(FailureGroup g) {
    return g.sourceIp() == null ? say("failures.noSourceIp") : g.sourceIp();
  }

  /** When the group's reports arrived, in UTC: one time, or the first and the last. */
  String arrivals(FailureGroup g) {
    String first = TIME.format(g.first());
    String last = TIME.format(g.last());
    return first.equals(last) ? first : say("range", first, last);
  }

  /**
   * The identifiers worth a look: From domains other than the policy domain itself (subdomains,
   * look-alikes) and the failing signatures' d=.
   */
  static String identifiers(FailureGroup g, String domain) {
    List<String> parts = new ArrayList<>();
    List<String> froms = g.headerFroms().stream().filter(f -> !f.equals(domain)).toList();
    if (!froms.isEmpty()) {
      parts.add("From " + String.join(", ", froms));
    }
    if (!g.dkimDomains().isEmpty()) {
      parts.add("DKIM d=" + String.join(", ", g.dkimDomains()));
    }
    return String.join("; ", parts);
  }

  /** Analyze's verdict on the group's source; empty when it has none. */
  static String verdict(FailureGroup g) {
    return g.verdict() == null ? "" : g.verdict().code();
  }

  /** A group of failure reports in one sentence, for formats without tables. */
  String failureGroup(FailureGroup g, String domain) {
    String identifiers = identifiers(g, domain);
    return source(g)
        + ", "
        + g.kind()
        + ": "
        + counted("report", g.reports())
        + ", "
        + arrivals(g)
        + (identifiers.isEmpty() ? "" : "; " + identifiers)
        + (g.verdict() == null ? "" : say("failures.verdict", verdict(g)));
  }

  /** How many sessions the domain's TLS reports counted, and which week a report counts in. */
  String smtpTls(DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    return say(
        "tls.reports",
        counted("tlsReport", tls.reports()),
        d.week().toString(),
        sessions(tls.sessions()));
  }

  /** "1,200 sessions, 50 failed (4.2%)". */
  String sessions(SmtpTls.Sessions s) {
    return say(
        "tls.sessions",
        counted("session", s.total()),
        s.failed(),
        count(s.failed()),
        percent(s.failureRate()));
  }

  /** The policy's MX host patterns; a policy without any says so. */
  String mxHosts(SmtpTls.Policy p) {
    return p.mxHosts().isEmpty() ? say("tls.noMxHosts") : String.join(", ", p.mxHosts());
  }

  /** The MX a failure was met at; the sender may not name one (policy fetch errors). */
  String mx(SmtpTls.Failure f) {
    return f.mx() == null ? say("tls.mxNotNamed") : f.mx();
  }

  /** "... and 3 more groups" for the noun {@code summary.n.<noun>}; empty for none. */
  String more(long n, String noun) {
    return n <= 0 ? "" : say("andMore", counted(noun, n));
  }

  /**
   * The failure reports of the week that no domain shows, because they named none, and the query
   * that lists them.
   */
  Prose withoutDomain(WeeklySummary summary) {
    long n = summary.failureReportsWithoutDomain();
    return prose(
            "failures.withoutDomain", n, counted("failureReport", n), summary.week().toString())
        .code(
            "SELECT id, arrival_at, reporter, source_ip, header_from, subject"
                + " FROM dmarc_failure_reports WHERE reported_domain IS NULL"
                + " AND coalesce(arrival_at, report_date, imported_at) >= '"
                + summary.week().start().toInstant()
                + "' AND coalesce(arrival_at, report_date, imported_at) < '"
                + summary.week().end().toInstant()
                + "' ORDER BY 2, 1");
  }

  /** Splits text into lines of at most {@code width} characters at spaces. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word.length() > width ? word.substring(0, width - 1) + "…" : word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
