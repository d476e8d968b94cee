package dev.puerto.tlsrpt;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** The conversions from JSON text to record values: counts, date-times, names. */
final class TlsValues {
  /** Longest value quoted in a message; the rest is cut so that a message stays a line. */
  private static final int MAX_QUOTED = 64;

  /** Digits of the largest long; more cannot fit. */
  private static final int MAX_LONG_DIGITS = 19;

  /**
   * RFC 3339 date-time, read liberally: lower-case {@code t} and {@code z}, no seconds, and no
   * offset at all (Microsoft sends {@code 2023-01-10T00:00:00}; UTC is meant). Four-digit years
   * only, so that every instant fits a PostgreSQL timestamp.
   */
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(YEAR, 4)
          .appendLiteral('-')
          .appendValue(MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);

  private TlsValues() {}

  /** A count sent as a JSON number, which may be written {@code 5.0} or {@code 1e3}. */
  static long count(BigDecimal value, String sent, String path) {
    if (value.signum() < 0) {
      throw new TlsRejection(path + " is negative (" + quoted(sent) + ")");
    }
    // Checked before any conversion: 1e999999999 is a short literal but a huge number.
    if (value.precision() - value.scale() > MAX_LONG_DIGITS) {
      throw tooLarge(quoted(sent), path);
    }
    BigDecimal whole = value.stripTrailingZeros();
    if (whole.scale() > 0) {
      throw new TlsRejection(path + " is not a whole number (" + quoted(sent) + ")");
    }
    try {
      return whole.longValueExact();
    } catch (ArithmeticException overflow) {
      throw tooLarge(quoted(sent), path);
    }
  }

  /** A count sent as a JSON string: digits only, as some reporters quote their numbers. */
  static long count(String sent, String path) {
    String text = sent.strip();
    boolean negative = text.startsWith("-");
    String digits = negative ? text.substring(1) : text;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new TlsRejection(path + " is not a whole number (\"" + quoted(sent) + "\")");
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (negative && !significant.equals("0")) {
      throw new TlsRejection(path + " is negative (\"" + quoted(sent) + "\")");
    }
    // Length first: parsing a million digits would take long for nothing.
    if (significant.length() > MAX_LONG_DIGITS) {
      throw tooLarge("\"" + quoted(sent) + "\"", path);
    }
    try {
      return Long.parseLong(significant);
    } catch (NumberFormatException overflow) {
      throw tooLarge("\"" + quoted(sent) + "\"", path);
    }
  }

  static Instant dateTime(String sent, String path) {
    String text = sent.strip();
    // RFC 3339 section 5.6 allows a space for the T; a formatter cannot say "T or space".
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      TemporalAccessor parsed =
          DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime withOffset
          ? withOffset.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new TlsRejection(path + " is not an RFC 3339 date-time (\"" + quoted(sent) + "\")");
    }
  }

  static String text(String sent) {
    return sent == null ? null : sent.strip();
  }

  /** The start of {@code value}, for a message. */
  static String quoted(String value) {
    return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
  }

  private static TlsRejection tooLarge(String shown, String path) {
    return new TlsRejection(path + " is too large for a count (" + shown + ")");
  }
}
