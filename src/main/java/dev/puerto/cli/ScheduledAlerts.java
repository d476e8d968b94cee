package dev.puerto.cli;

import dev.puerto.store.Database;
import dev.puerto.tools.NamedThreads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code watch}'s alerts: evaluated every PUERTO_ALERTS_INTERVAL and soon after each drain that
 * imported something ({@link #soon}), always on one thread of their own, so the mailbox never waits
 * for a webhook and two evaluations never overlap. Does nothing when alerts go nowhere.
 */
final class ScheduledAlerts implements AutoCloseable {
  private final ScheduledExecutorService thread;
  private final Runnable evaluation;
  private final AtomicBoolean queued = new AtomicBoolean();

  private ScheduledAlerts(ScheduledExecutorService thread, Runnable evaluation) {
    this.thread = thread;
    this.evaluation = evaluation;
  }

  static ScheduledAlerts start(Optional<AlertRun> run, Database database, Duration interval) {
    if (run.isEmpty()) {
      return new ScheduledAlerts(null, null);
    }
    ScheduledExecutorService thread = NamedThreads.scheduled("alerts");
    Runnable evaluation = () -> run.get().afterImport(database);
    thread.scheduleWithFixedDelay(
        evaluation, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new ScheduledAlerts(thread, evaluation);
  }

  /** Asks for an evaluation now; one already waiting covers this one too. */
  void soon() {
    if (thread != null && queued.compareAndSet(false, true)) {
      thread.execute(
          () -> {
            queued.set(false);
            evaluation.run();
          });
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
