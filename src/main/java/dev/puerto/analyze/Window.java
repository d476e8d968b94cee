package dev.puerto.analyze;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The reports analysed: those whose period begins in [start, end). Whole UTC days, so that running
 * analyze again the same day names the same window and replaces its findings.
 */
public record Window(Instant start, Instant end) {
  public Window {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("the window ends before it starts");
    }
  }

  /** The {@code days} days up to the end of {@code today} (UTC). */
  public static Window daysUpTo(LocalDate today, int days) {
    Instant end = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return new Window(end.minus(Duration.ofDays(days)), end);
  }
}
