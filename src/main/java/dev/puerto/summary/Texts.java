package dev.puerto.summary;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sentences and labels that every human-readable format shares. */
final class Texts {
  static final int TOP_SOURCES = 10;
  static final String ANALYZE_HINT =
      "No analysis for this week: run `puerto analyze` to classify the failing sources and get"
          + " the fix for each.";

  private Texts() {}

  static String title(WeeklySummary summary) {
    IsoWeek w = summary.week();
    return "DMARC summary " + w + " (" + w.monday() + " to " + w.sunday() + ", UTC)";
  }

  static String noData(DomainSummary d) {
    return d.domain() + ": no reports for " + d.week() + ".";
  }

  static String scope(DomainSummary d) {
    return String.format(
        Locale.ROOT,
        "%s messages in %s reports from %s reporters",
        Numbers.count(d.counts().messages()),
        Numbers.count(d.reports()),
        Numbers.count(d.reporters().size()));
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
    return s.verdict() == null ? "not analyzed" : s.verdict() + ": " + s.action();
  }

  static List<String> rejected(WeeklySummary summary) {
    return summary.rejectedInputs().stream()
        .map(
            r ->
                r.origin()
                    + " ("
                    + r.status()
                    + (r.error() == null ? "" : ": " + r.error().lines().findFirst().orElse(""))
                    + ")")
        .toList();
  }

  static String health(WeeklySummary summary) {
    int n = summary.rejectedInputs().size();
    return n == 0
        ? "Collection health: no input was rejected this week."
        : "Collection health: "
            + n
            + " input"
            + (n == 1 ? " was" : "s were")
            + " rejected this week:";
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
