package dev.puerto.generate;

import java.util.SplittableRandom;

/** Pareto draws: mail volumes are dominated by a few big senders and reports by a few big days. */
final class HeavyTail {
  private HeavyTail() {}

  /** A Pareto value of minimum 1; smaller alpha means a heavier tail. */
  static double pareto(SplittableRandom random, double alpha) {
    return Math.pow(1.0 - random.nextDouble(), -1.0 / alpha);
  }

  /** A whole number of at least {@code scale}, at most {@code cap}. */
  static long draw(SplittableRandom random, double scale, double alpha, long cap) {
    return Math.min(cap, (long) Math.floor(scale * pareto(random, alpha)));
  }

  /** An index in [0, size) where low indexes are far more likely, as with popular hosts. */
  static int popularIndex(SplittableRandom random, int size) {
    return (int) Math.min(size - 1, draw(random, 1, 1.0, size) - 1);
  }
}
