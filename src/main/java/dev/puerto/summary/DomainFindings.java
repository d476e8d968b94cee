package dev.puerto.summary;

import dev.puerto.schema.Verdict;
import dev.puerto.schema.tables.records.FindingsRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code puerto analyze} found about a domain's sources in the summary's weeks: its findings
 * as the analyzer stored them, by source address. A finding speaks for every week its window
 * overlaps.
 */
record DomainFindings(Map<String, List<FindingsRecord>> bySource) {
  DomainFindings {
    bySource = Map.copyOf(bySource);
  }

  /** The finding checked last among the source's whose window overlaps the week. */
  Optional<FindingsRecord> latest(String ip, IsoWeek w) {
    return bySource.getOrDefault(ip, List.of()).stream()
        .filter(f -> covers(f, w))
        .max(Comparator.comparing(FindingsRecord::getCheckedAt));
  }

  /** True when the latest finding of the week judged the source unauthorized (spoofing). */
  boolean spoofed(String ip, IsoWeek w) {
    return latest(ip, w).map(f -> f.getVerdict() == Verdict.UNAUTHORIZED).orElse(false);
  }

  /** True when some finding covers the week: analyze has looked at it. */
  boolean analyzed(IsoWeek w) {
    return bySource.values().stream().flatMap(List::stream).anyMatch(f -> covers(f, w));
  }

  private static boolean covers(FindingsRecord f, IsoWeek w) {
    return f.getWindowStart().isBefore(w.end()) && f.getWindowEnd().isAfter(w.start());
  }
}
