package dev.puerto.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How numbers, rates and times read on a page (the templates call these); CSV and JSON carry the
 * raw values instead ({@link Exports}).
 */
final class Format {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private Format() {}

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** 0.985 as "98.5 %"; one decimal, so that 99.95 % is not shown as 100 %. */
  static String rate(double share) {
    double percent = share * 100;
    if (percent > 99.9 && percent < 100) {
      return "99.9 %";
    }
    return String.format(Locale.ROOT, "%.1f %%", percent);
  }

  static String change(double points) {
    return String.format(Locale.ROOT, "%+.1f pp", points * 100);
  }

  static String time(OffsetDateTime t) {
    return MINUTE.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** A cell as the page shows it; links, sparks and badges are drawn by the template. */
  static String cell(Table.Column column, Object value) {
    if (value == null) {
      return "";
    }
    return switch (column.kind()) {
      case COUNT -> value instanceof Number n ? count(n.longValue()) : value.toString();
      case RATE -> value instanceof Number n ? rate(n.doubleValue()) : value.toString();
      case CHANGE -> value instanceof Number n ? change(n.doubleValue()) : value.toString();
      case TIME -> value instanceof OffsetDateTime t ? time(t) : value.toString();
      case FLAG -> Boolean.TRUE.equals(value) ? "yes" : "";
      case TEXT, PROSE, SPARK, BADGES -> value.toString();
    };
  }

  /** Right-aligned columns. */
  static boolean numeric(Table.Column column) {
    return switch (column.kind()) {
      case COUNT, RATE, CHANGE -> true;
      default -> false;
    };
  }

  /** The cell's class: numbers right-aligned, sentences given room. */
  static String cellClass(Table.Column column) {
    return numeric(column) ? "num" : column.kind() == Table.Kind.PROSE ? "prose" : null;
  }

  /** A rate's class: good from 98 %, poor below 90 %. */
  static String rateClass(Object value) {
    if (!(value instanceof Number n)) {
      return "";
    }
    double share = n.doubleValue();
    return share >= 0.98 ? "good" : share < 0.90 ? "poor" : "fair";
  }

  /** The CSV download of {@code table} from the page at {@code page} (its path and query). */
  static String csvHref(String page, Table table) {
    return page + (page.contains("?") ? "&" : "?") + "format=csv&table=" + table.key();
  }

  @SuppressWarnings("unchecked")
  static List<Table.Badge> badges(Object value) {
    return value instanceof List<?> list ? (List<Table.Badge>) list : List.of();
  }
}
