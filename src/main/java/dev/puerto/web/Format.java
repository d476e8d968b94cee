package dev.puerto.web;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How the words, numbers, rates and times of a page read in the dashboard's language (the templates
 * call these; sentences are the bundle's {@code web.*} keys); CSV and JSON carry the raw values and
 * language-neutral keys instead ({@link Exports}).
 */
final class Format {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private final Messages m;

  Format(Messages m) {
    this.m = m;
  }

  /** The language's tag, for {@code <html lang>}. */
  String lang() {
    return m.lang().tag();
  }

  Lang language() {
    return m.lang();
  }

  /** The sentence {@code web.<key>}. */
  String t(String key, Object... args) {
    return m.text("web." + key, args);
  }

  /** A count with its noun, {@code web.n.<noun>}: "3 failing sources". */
  String counted(String noun, long n) {
    return m.counted("web.n." + noun, n);
  }

  String count(long n) {
    return m.number(n);
  }

  /** 0.985 as "98.5%" ("98,5 %"); one decimal, so that 99.95 % is not shown as 100 %. */
  String rate(double share) {
    return m.percent(share);
  }

  /** A change of rates (shares 0..1) in percentage points. */
  String change(double points) {
    return m.points(points * 100);
  }

  static String time(OffsetDateTime t) {
    return MINUTE.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** "Mon 9" under a day's bar. */
  String dayLabel(java.time.LocalDate day) {
    return m.day(day).split(" ")[0] + " " + day.getDayOfMonth();
  }

  /** A cell as the page shows it; links, sparks and badges are drawn by the template. */
  String cell(Table.Column column, Object value) {
    if (value == null) {
      return "";
    }
    return switch (column.kind()) {
      case COUNT -> value instanceof Number n ? count(n.longValue()) : value.toString();
      case RATE -> value instanceof Number n ? rate(n.doubleValue()) : value.toString();
      case CHANGE -> value instanceof Number n ? change(n.doubleValue()) : value.toString();
      case TIME -> value instanceof OffsetDateTime t ? time(t) : value.toString();
      case FLAG -> Boolean.TRUE.equals(value) ? t("yes") : "";
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
