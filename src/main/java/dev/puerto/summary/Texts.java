package dev.puerto.summary;

import java.time.LocalDate;
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

  private Texts() {}

  static String title(WeeklySummary summary) {
    IsoWeek w = summary.week();
    return "DMARC summary " + w + " (" + w.monday() + " to " + w.sunday() + ", UTC)";
  }

  static String noData(DomainSummary d) {
    return d.domain() + ": no reports for " + d.week() + ".";
  }

  static String scope(DomainSummary d) {
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
