package dev.puerto.source;

import dev.puerto.tools.NamedThreads;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting for the folder to change: IMAP IDLE where the server has it, ended by a timer before
 * servers end it themselves, else a plain sleep for the poll interval. Either wait can be cut short
 * from another thread.
 */
final class IdleWait implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdleWait.class);

  private final ImapConnection connection;
  private final UidCommands commands;
  private final ScheduledExecutorService timer;
  private final Object pollLock = new Object();
  private volatile boolean idling;
  private volatile boolean wakeRequested;

  IdleWait(ImapConnection connection, UidCommands commands) {
    this.connection = connection;
    this.commands = commands;
    this.timer = NamedThreads.scheduled("imap-idle-timer");
  }

  /** See {@link ImapSource#awaitChanges}. */
  void await(Duration maxWait) throws ImapException {
    if (!connection.canIdle()) {
      sleep(maxWait);
      return;
    }
    ScheduledFuture<?> renewal =
        timer.schedule(this::wakeUp, maxWait.toMillis(), TimeUnit.MILLISECONDS);
    idling = true;
    try {
      if (!wakeRequested) {
        connection.folder().idle(true);
      }
    } catch (MessagingException e) {
      throw ImapErrors.translate(connection.settings(), e);
    } finally {
      idling = false;
      wakeRequested = false;
      renewal.cancel(false);
    }
  }

  /** The poll interval, or less after {@link #wakeUp}. */
  private void sleep(Duration maxWait) {
    synchronized (pollLock) {
      long deadline = System.nanoTime() + maxWait.toNanos();
      long left;
      while (!wakeRequested && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(pollLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      wakeRequested = false;
    }
  }

  /** Ends {@link #await} early; callable from any thread. */
  void wakeUp() {
    wakeRequested = true;
    synchronized (pollLock) {
      pollLock.notifyAll();
    }
    if (idling) {
      try {
        // Any command on the folder from another thread makes the IDLE end.
        commands.noop();
      } catch (MessagingException | RuntimeException e) {
        log.debug("waking the IDLE failed", e);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
