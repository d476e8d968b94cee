package dev.puerto.i18n;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
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
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
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
      NumberFormat format = NumberFormat.getNumberInstance(locale());
      format.setMinimumFractionDigits(1);
      format.setMaximumFractionDigits(1);
      digits = format.format(Math.min(rate * 100, 99.9));
    }
    return text("format.percent", digits);
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
