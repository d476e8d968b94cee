package dev.puerto.summary;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.stream.IntStream;

/** An ISO 8601 week in UTC: Monday 00:00 UTC to the next Monday 00:00 UTC. */
public record IsoWeek(LocalDate monday) {
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(IsoFields.WEEK_BASED_YEAR, 4)
          .appendLiteral("-W")
          .appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2)
          .parseDefaulting(ChronoField.DAY_OF_WEEK, 1)
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  public IsoWeek {
    if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException(monday + " is not a Monday");
    }
  }

  /** Parses {@code 2026-W47}; throws {@link IllegalArgumentException} with the expected form. */
  public static IsoWeek parse(String text) {
    try {
      return new IsoWeek(LocalDate.parse(text.strip(), FORMAT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO week; write it as YYYY-Www, e.g. 2026-W47", e);
    }
  }

  public static IsoWeek containing(LocalDate day) {
    return new IsoWeek(day.with(DayOfWeek.MONDAY));
  }

  /** The last week that has ended, in UTC. */
  public static IsoWeek lastComplete(Clock clock) {
    return containing(LocalDate.now(clock.withZone(ZoneOffset.UTC))).minusWeeks(1);
  }

  public IsoWeek minusWeeks(int weeks) {
    return new IsoWeek(monday.minusWeeks(weeks));
  }

  public OffsetDateTime start() {
    return monday.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** The first instant after the week. */
  public OffsetDateTime end() {
    return start().plusWeeks(1);
  }

  public LocalDate sunday() {
    return monday.plusDays(6);
  }

  public List<LocalDate> days() {
    return IntStream.range(0, 7).mapToObj(monday::plusDays).toList();
  }

  @Override
  public String toString() {
    return FORMAT.format(monday);
  }
}
