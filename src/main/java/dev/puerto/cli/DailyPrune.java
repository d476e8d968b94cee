package dev.puerto.cli;

import dev.puerto.store.Database;
import dev.puerto.store.Retention;
import dev.puerto.tools.NamedThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code watch}'s daily {@code prune} (PUERTO_PRUNE_OLDER_THAN): a minute after the start, then
 * every 24 hours, keeping roll-ups and raw inputs. A failed prune is logged and tried the next day;
 * it never stops the watch.
 */
final class DailyPrune implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DailyPrune.class);
  private static final Duration FIRST = Duration.ofMinutes(1);
  private static final Duration EVERY = Duration.ofDays(1);

  private final ScheduledExecutorService thread;

  private DailyPrune(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  /** Starts pruning what is older than {@code age}; with no age, does nothing. */
  static DailyPrune start(Database database, Optional<Duration> age) {
    if (age.isEmpty()) {
      return new DailyPrune(null);
    }
    ScheduledExecutorService thread = NamedThreads.scheduled("prune");
    Retention retention = new Retention(database);
    thread.scheduleAtFixedRate(
        () -> prune(retention, age.get()), FIRST.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    return new DailyPrune(thread);
  }

  private static void prune(Retention retention, Duration age) {
    try {
      Retention.Plan plan =
          retention.prune(
              Clock.systemUTC().instant().minus(age), Retention.Raw.KEEP, Retention.Rollups.KEEP);
      log.info(
          "prune: {} months of records dropped ({} records) older than {}",
          plan.months().size(),
          plan.records(),
          age.toDays() + "d");
    } catch (RuntimeException e) {
      log.warn("prune failed, tried again in a day: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
