package dev.puerto.summary;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** How the renderers write numbers, rates and changes, the same way in every format. */
final class Numbers {
  private Numbers() {}

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /**
   * A count with its noun: "1 report", "2 reports", "1,234 messages"; the noun is singular for one.
   */
  static String counted(long value, String singular) {
    return counted(value, singular, singular + "s");
  }

  /** A count with its noun, for nouns whose plural is not the singular plus "s". */
  static String counted(long value, String singular, String plural) {
    return count(value) + " " + (value == 1 ? singular : plural);
  }

  /** 0.9876 as "98.8%"; 1 and 0 exactly as "100%" and "0%". */
  static String percent(double rate) {
    if (rate >= 1) {
      return "100%";
    }
    if (rate <= 0) {
      return "0%";
    }
    // Never round a rate below 100% up to "100.0%".
    return String.format(Locale.ROOT, "%.1f%%", Math.min(rate * 100, 99.9));
  }

  /** The change of a count: "+12", "-3", "±0". */
  static String delta(long now, long before) {
    long d = now - before;
    return d == 0 ? "±0" : String.format(Locale.ROOT, "%+,d", d);
  }

  /**
   * The change of a rate in percentage points: "+1.2 pp"; empty when there is nothing to compare.
   */
  static String deltaPoints(Counts now, Counts before, ToDoubleFunction<Counts> rate) {
    if (now.messages() == 0 || before.messages() == 0) {
      return "";
    }
    double points = (rate.applyAsDouble(now) - rate.applyAsDouble(before)) * 100;
    return Math.abs(points) < 0.05 ? "±0.0 pp" : String.format(Locale.ROOT, "%+.1f pp", points);
  }
}
