package dev.puerto.generate;

import java.util.SplittableRandom;

/**
 * Splits a total record count over reports the way real mailboxes look: most reports hold a handful
 * of records, a few hold thousands.
 */
final class RecordBudget {
  private static final double ALPHA = 0.9;

  private RecordBudget() {}

  /** Record counts of at least 1 each, summing to about {@code total} (exactly n if total < n). */
  static int[] split(SplittableRandom random, int reports, long total) {
    double[] weights = new double[reports];
    for (int i = 0; i < reports; i++) {
      weights[i] = HeavyTail.pareto(random, ALPHA);
    }
    double low = 0;
    double high = Math.max(1, total);
    for (int step = 0; step < 100; step++) {
      double middle = (low + high) / 2;
      if (sum(weights, middle) < total) {
        low = middle;
      } else {
        high = middle;
      }
    }
    int[] counts = new int[reports];
    for (int i = 0; i < reports; i++) {
      counts[i] = count(weights[i], high);
    }
    return counts;
  }

  private static long sum(double[] weights, double scale) {
    long sum = 0;
    for (double weight : weights) {
      sum += count(weight, scale);
    }
    return sum;
  }

  private static int count(double weight, double scale) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(weight * scale)));
  }
}
