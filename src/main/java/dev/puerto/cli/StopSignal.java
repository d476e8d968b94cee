package dev.puerto.cli;

import dev.puerto.run.Stop;
import dev.puerto.tools.NamedThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT as a request to stop: the work in hand is finished and the command returns
 * normally (exit code 0), instead of the JVM ending mid-message. {@code sun.misc.Signal} is the
 * only Java API for this (JEP 260 keeps it supported); a shutdown hook cannot change the exit code
 * or let the command finish.
 */
final class StopSignal implements Stop, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

  /** How often a waiting connection is nudged until the command notices the request. */
  private static final long WAKE_INTERVAL_MILLIS = 250;

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
  private final SignalHandler previousTerm;
  private final SignalHandler previousInt;

  private StopSignal() {
    SignalHandler handler = this::onSignal;
    previousTerm = Signal.handle(new Signal("TERM"), handler);
    previousInt = Signal.handle(new Signal("INT"), handler);
  }

  /** Takes over SIGTERM and SIGINT until closed. */
  static StopSignal install() {
    return new StopSignal();
  }

  @Override
  public boolean requested() {
    return requested.getCount() == 0;
  }

  @Override
  public void onStop(Runnable waker) {
    wakers.add(waker);
  }

  @Override
  public void removeOnStop(Runnable waker) {
    wakers.remove(waker);
  }

  @Override
  public boolean sleep(Duration duration) throws InterruptedException {
    return requested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed.countDown();
    Signal.handle(new Signal("TERM"), previousTerm);
    Signal.handle(new Signal("INT"), previousInt);
  }

  @Override
  public void request(String reason) {
    NamedThreads.start("stop", () -> stopping(reason + ": stopping"));
  }

  // Runs on a thread of its own.
  private void onSignal(Signal signal) {
    stopping("SIG" + signal.getName() + " received: finishing the message in hand, then stopping");
  }

  // Keeps waking until the command has finished, since a wake-up can fall just before a wait
  // begins.
  private void stopping(String why) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    log.info("{}", why);
    requested.countDown();
    try {
      do {
        wakers.forEach(Runnable::run);
      } while (!closed.await(WAKE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
