package dev.puerto.run;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between reconnection attempts: doubling from {@code first} up to {@code max}, each wait
 * drawn at random from its upper half so that many clients do not reconnect in step.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration ceiling;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.ceiling = first;
  }

  Duration next() {
    long ceilingMillis = ceiling.toMillis();
    long wait = ThreadLocalRandom.current().nextLong(ceilingMillis / 2, ceilingMillis + 1);
    ceiling = ceiling.multipliedBy(2).compareTo(max) > 0 ? max : ceiling.multipliedBy(2);
    return Duration.ofMillis(wait);
  }

  void reset() {
    ceiling = first;
  }
}
