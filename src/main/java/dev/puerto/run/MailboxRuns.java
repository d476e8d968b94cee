package dev.puerto.run;

import dev.puerto.run.MailboxRun.Watching;
import dev.puerto.source.ImapException;
import dev.puerto.tools.NamedThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Named mailboxes in one process: {@code fetch} passes over them in turn, {@code watch} serves each
 * on a thread of its own ({@code watch-NAME}) with its own connection and backoff; when there are
 * several, a mailbox that refuses the login or fails TLS is retried (slowly) while the others go
 * on, as is one that cannot be reached. Every log line of a mailbox's run carries its name (MDC key
 * {@value #MDC_KEY}); one heartbeat line lists them all.
 *
 * <p>Only what would end any run ends them all: the database failing, or a bug; the others are then
 * stopped and the failure is thrown.
 */
public final class MailboxRuns {
  private static final Logger log = LoggerFactory.getLogger(MailboxRuns.class);

  /** The MDC key naming the mailbox of a log line (logback.xml shows it). */
  public static final String MDC_KEY = "mailbox";

  /** One mailbox of several, by its name. */
  public record Named(String name, MailboxRun run) {}

  /**
   * What a fetch did with one mailbox.
   *
   * @param tally what was imported, or empty when another Puerto reads the mailbox or it failed
   * @param failure why the mailbox could not be read, or null
   */
  public record Fetched(
      String name, Optional<ImportTally> tally, ImapException failure, Duration elapsed) {}

  private final List<Named> runs;
  private final Stop stop;

  /**
   * @param stop the stop every run was made with; requested here when one run fails for good
   */
  public MailboxRuns(List<Named> runs, Stop stop) {
    this.runs = List.copyOf(runs);
    this.stop = stop;
  }

  /**
   * Runs {@code hook} after each drain of any of the mailboxes that handled at least one message
   * ({@link MailboxRun#afterImport}); it may be called from every mailbox's thread. Returns this.
   */
  public MailboxRuns afterImport(Runnable hook) {
    runs.forEach(named -> named.run().afterImport(hook));
    return this;
  }

  /**
   * One pass over each mailbox in turn; a mailbox that cannot be read is logged and the next one is
   * read. A requested stop skips the mailboxes not yet begun.
   */
  public List<Fetched> fetch() throws InterruptedException {
    List<Fetched> fetched = new ArrayList<>();
    for (Named named : runs) {
      if (stop.requested()) {
        break;
      }
      MDC.put(MDC_KEY, named.name());
      long started = System.nanoTime();
      try {
        Optional<ImportTally> tally = named.run().fetch();
        fetched.add(new Fetched(named.name(), tally, null, since(started)));
      } catch (ImapException e) {
        log.error("{}", e.getMessage());
        fetched.add(new Fetched(named.name(), Optional.empty(), e, since(started)));
      } finally {
        MDC.remove(MDC_KEY);
      }
    }
    return fetched;
  }

  /**
   * Serves every mailbox until stopped, each on its thread; one heartbeat line lists them all.
   *
   * @throws RuntimeException what ended one run (the database failed, a bug), once all stopped
   */
  public void watch(Watching watching) throws ImapException, InterruptedException {
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    try (Heartbeat heartbeat = Heartbeat.every(watching.heartbeat(), this::status)) {
      for (Named named : runs) {
        threads.add(
            NamedThreads.start("watch-" + named.name(), () -> serve(named, watching, fatal)));
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    Throwable failure = fatal.get();
    if (failure instanceof ImapException e) {
      throw e;
    }
    if (failure instanceof InterruptedException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  private void serve(Named named, Watching watching, AtomicReference<Throwable> fatal) {
    MDC.put(MDC_KEY, named.name());
    try {
      named.run().serve(watching, runs.size() > 1);
    } catch (ImapException | InterruptedException | RuntimeException | Error e) {
      if (fatal.compareAndSet(null, e)) {
        stop.request("mailbox " + named.name() + " failed");
      }
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  /** {@code sales: waiting with IDLE ...; 3 messages processed | support: ...}. */
  private String status() {
    return runs.stream()
        .map(named -> named.name() + ": " + named.run().status())
        .collect(Collectors.joining(" | "));
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
