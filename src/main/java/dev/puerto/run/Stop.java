package dev.puerto.run;

import java.time.Duration;

/**
 * A request to stop, as a long run sees it: checked before each message (the one in hand is always
 * finished), and able to end a wait early. The command line makes one of SIGTERM and SIGINT.
 */
public interface Stop {
  boolean requested();

  /** Sleeps; returns early (true) when a stop is requested. */
  boolean sleep(Duration duration) throws InterruptedException;

  /**
   * Runs {@code waker} when a stop is requested, and again every so often until the run ends, so
   * that a blocking wait ends even when it began just after the request.
   */
  void onStop(Runnable waker);

  void removeOnStop(Runnable waker);

  /**
   * Requests the stop from inside the program, as a signal would: one of several mailboxes met a
   * failure that ends the command, and the others must finish too.
   */
  void request(String reason);
}
