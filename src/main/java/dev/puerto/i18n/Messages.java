package dev.puerto.i18n;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The sentences of one language, by key, and that language's numbers and dates. A key missing from
 * a language's bundle is a bug ({@code MessagesTest} compares the bundles), so a lookup of an
 * unknown key throws rather than printing the key.
 */
public final class Messages {
  private static final String BUNDLE = "dev.puerto.i18n.messages";

  private final Lang lang;
  private final ResourceBundle bundle;

  private Messages(Lang lang, ResourceBundle bundle) {
    this.lang = lang;
    this.bundle = bundle;
  }

  public static Messages of(Lang lang) {
    // No fallback to the JVM's default locale: a Spanish user on an English machine, or the
    // reverse, reads the language asked for.
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            lang.locale(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new Messages(lang, bundle);
  }

  public Lang lang() {
    return lang;
  }

  public Locale locale() {
    return lang.locale();
  }

  /**
   * The sentence for {@code key} with its {@link MessageFormat} arguments ({@code {0}}, {@code
   * {0,number,integer}}, {@code {0,choice,1#report|1<reports}}), formatted for this language.
   *
   * @throws java.util.MissingResourceException if no bundle has the key
   */
  public String text(String key, Object... args) {
    // Always through MessageFormat, so that every pattern quotes the same way ('' for ').
    return new MessageFormat(bundle.getString(key), locale()).format(args);
  }

  /**
   * A count with its noun, for a key whose pattern chooses the form by {@code {0}} and writes the
   * number as {@code {1}}: {@code {0,choice,0#{1} reports|1#{1} report|1<{1} reports}} gives "1
   * report", "1,234 reports", "1.234 informes".
   */
  public String counted(String key, long count) {
    return text(key, count, number(count));
  }

  /**
   * The sentence for {@code key} cut at its backquotes: the odd parts are words to type (a command,
   * a query), which a renderer may mark as code. The arguments are put in after the cut, so a
   * backquote in them is only text.
   */
  public List<String> parts(String key, Object... args) {
    List<String> parts = new ArrayList<>();
    for (String part : bundle.getString(key).split("`", -1)) {
      parts.add(new MessageFormat(part, locale()).format(args));
    }
    return parts;
  }

  /** 1234567 as "1,234,567" in English and "1.234.567" in Spanish. */
  public String number(long value) {
    NumberFormat format = NumberFormat.getIntegerInstance(locale());
    // Spanish (CLDR) leaves four-digit numbers ungrouped; a column of counts reads better grouped.
    format.setGroupingUsed(true);
    if (format instanceof java.text.DecimalFormat decimal) {
      decimal.setGroupingSize(3);
    }
    return format.format(value);
  }

  /**
   * A rate from 0 to 1 with one decimal, "98.8%" or "98,8 %"; exactly 1 and 0 as "100%" and "0%",
   * and a rate below 1 never rounded up to 100.
   */
  public String percent(double rate) {
    String digits;
    if (rate >= 1) {
      digits = "100";
    } else if (rate <= 0) {
      digits = "0";
    } else {
      digits = decimal(Math.min(rate * 100, 99.9));
    }
    return text("format.percent", digits);
  }

  /** The change of a count: "+1,234", "-3", "±0". */
  public String change(long delta) {
    return delta == 0 ? "±0" : (delta > 0 ? "+" : "-") + number(Math.abs(delta));
  }

  /**
   * The change of a rate in percentage points, with one decimal: "+1.2 pp", "-0.4 pp", "±0.0 pp" in
   * English, "+1,2 p. p." in Spanish.
   */
  public String points(double points) {
    if (Math.abs(points) < 0.05) {
      return text("format.points", "±" + decimal(0));
    }
    return text("format.points", (points > 0 ? "+" : "-") + decimal(Math.abs(points)));
  }

  /** A number with one decimal, "98.8" or "98,8" (half up, as printf rounds). */
  private String decimal(double value) {
    return String.format(locale(), "%.1f", value);
  }

  /** A date as the language writes it in a sentence: "2026-03-09" (ISO in both, unambiguous). */
  public String date(LocalDate date) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
  }

  /** "Mon 2026-03-09", "lun 2026-03-09". */
  public String day(LocalDate date) {
    String name = date.getDayOfWeek().getDisplayName(TextStyle.SHORT, locale());
    return name.replace(".", "") + " " + date(date);
  }
}
