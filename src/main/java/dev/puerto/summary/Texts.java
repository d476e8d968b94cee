package dev.puerto.summary;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Sentences and labels that every human-readable format shares. */
final class Texts {
  static final int TOP_SOURCES = 10;

  /** Rejected inputs named one by one in collection health; the rest are counted. */
  static final int REJECTED_NAMED = 5;

  static final Prose ANALYZE_HINT =
      Prose.of("No analysis for this week: run ")
          .code("puerto analyze")
          .then(" to classify the failing sources and get the fix for each.");

  static final String NO_DOMAINS = "No domain has reports in this week or the four before.";

  static final String NO_TLS_FAILURES = "No failure details: no session failed.";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Texts() {}

  static String title(WeeklySummary summary) {
    IsoWeek w = summary.week();
    return "DMARC summary " + w + " (" + w.monday() + " to " + w.sunday() + ", UTC)";
  }

  static String noData(DomainSummary d) {
    return d.domain() + ": no reports for " + d.week() + ".";
  }

  static String scope(DomainSummary d) {
    if (d.empty()) {
      return "No aggregate reports for " + d.week();
    }
    return Numbers.counted(d.counts().messages(), "message")
        + " in "
        + Numbers.counted(d.reports(), "report")
        + " from "
        + Numbers.counted(d.reporters().size(), "reporter");
  }

  static String policy(DomainSummary d) {
    PublishedPolicy p = d.policy();
    if (p == null) {
      return "Published policy: not reported this week";
    }
    return "Published policy as reported: p="
        + orDash(p.p())
        + " sp="
        + orDash(p.sp())
        + " pct="
        + (p.pct() == null ? "-" : p.pct())
        + (p.changedDuringWeek() ? " (changed during the week; latest shown)" : "");
  }

  static String dayName(LocalDate day) {
    return day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + day;
  }

  static String unreportedDays(DomainSummary d) {
    List<String> names =
        d.days().stream().filter(Day::unreported).map(day -> dayName(day.date())).toList();
    return names.isEmpty() ? "" : "Days with no reports: " + String.join(", ", names);
  }

  static String silent(DomainSummary d) {
    return d.silentReporters().isEmpty()
        ? ""
        : "Silent this week (reported in the "
            + SummaryReader.LOOKBACK_WEEKS
            + " weeks before): "
            + String.join(", ", d.silentReporters());
  }

  static String host(Source s) {
    List<String> parts = new ArrayList<>();
    if (s.service() != null) {
      parts.add(s.service());
    }
    if (s.ptr() != null) {
      parts.add(s.ptr());
    }
    return String.join(", ", parts);
  }

  static String finding(Source s) {
    return s.verdict() == null ? "not analyzed" : s.verdict().code() + ": " + s.action();
  }

  /**
   * The first {@value #REJECTED_NAMED} rejected inputs, each with the first line of its reason, and
   * how many more there are.
   */
  static List<String> rejected(WeeklySummary summary) {
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
      lines.add("... and " + Numbers.counted(all.size() - REJECTED_NAMED, "more input"));
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
  static String health(WeeklySummary summary) {
    int n = summary.rejectedInputs().size();
    String counted = " (inputs count by when Puerto received them, not by report period)";
    return n == 0
        ? "Collection health: no input received in "
            + summary.week()
            + " was rejected"
            + counted
            + "."
        : "Collection health: "
            + Numbers.counted(n, "input")
            + " received in "
            + summary.week()
            + (n == 1 ? " was" : " were")
            + " rejected"
            + counted
            + ":";
  }

  /** The query that lists every rejected input of the week, with its id for puerto reparse. */
  static Prose rejectedSql(WeeklySummary summary) {
    return Prose.of("All of them, with ids for ")
        .code("puerto reparse --input")
        .then(": ")
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
  static String failureReports(DomainSummary d) {
    return Numbers.counted(d.failureReports().reports(), "failure report")
        + " arrived in "
        + d.week()
        + " (counted by arrival date; by report date, then import time, for a report without"
        + " one)";
  }

  /** Who sent the group's failing messages. */
  static String source(FailureGroup g) {
    return g.sourceIp() == null ? "no source IP" : g.sourceIp();
  }

  /** When the group's reports arrived, in UTC: one time, or the first and the last. */
  static String arrivals(FailureGroup g) {
    String first = TIME.format(g.first());
    String last = TIME.format(g.last());
    return first.equals(last) ? first : first + " to " + last;
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
  static String failureGroup(FailureGroup g, String domain) {
    String identifiers = identifiers(g, domain);
    return source(g)
        + ", "
        + g.kind()
        + ": "
        + Numbers.counted(g.reports(), "report")
        + ", "
        + arrivals(g)
        + (identifiers.isEmpty() ? "" : "; " + identifiers)
        + (g.verdict() == null ? "" : ". Verdict: " + verdict(g));
  }

  /** How many sessions the domain's TLS reports counted, and which week a report counts in. */
  static String smtpTls(DomainSummary d) {
    SmtpTls tls = d.smtpTls();
    return Numbers.counted(tls.reports(), "SMTP TLS report")
        + " with periods beginning in "
        + d.week()
        + ": "
        + sessions(tls.sessions());
  }

  /** "1,200 sessions, 50 failed (4.2%)". */
  static String sessions(SmtpTls.Sessions s) {
    return Numbers.counted(s.total(), "session")
        + ", "
        + Numbers.count(s.failed())
        + " failed ("
        + Numbers.percent(s.failureRate())
        + ")";
  }

  /** The policy's MX host patterns; a policy without any says so. */
  static String mxHosts(SmtpTls.Policy p) {
    return p.mxHosts().isEmpty() ? "(none given)" : String.join(", ", p.mxHosts());
  }

  /** The MX a failure was met at; the sender may not name one (policy fetch errors). */
  static String mx(SmtpTls.Failure f) {
    return f.mx() == null ? "(not named)" : f.mx();
  }

  /** "... and 3 more groups"; empty for none. */
  static String more(long n, String singular, String plural) {
    return n <= 0 ? "" : "... and " + Numbers.counted(n, "more " + singular, "more " + plural);
  }

  /**
   * The failure reports of the week that no domain shows, because they named none, and the query
   * that lists them.
   */
  static Prose withoutDomain(WeeklySummary summary) {
    long n = summary.failureReportsWithoutDomain();
    return Prose.of(
            Numbers.counted(n, "failure report")
                + " of "
                + summary.week()
                + " named no domain (no Reported-Domain), so no domain above shows "
                + (n == 1 ? "it" : "them")
                + ": ")
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
