package dev.puerto.enrich;

import dev.puerto.tools.NamedThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names new sources on a thread of its own while {@code watch} imports: each import pokes it, and
 * pokes that arrive during a pass are folded into one more pass. A failure (database or DNS down)
 * is logged and waits for the next poke; it never reaches the import.
 */
public final class BackgroundNaming implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackgroundNaming.class);

  /** Sources per pass; a pass that fills it is followed by another. */
  static final int PER_PASS = 5_000;

  private final SourceEnricher enricher;
  private final ExecutorService thread = NamedThreads.single("enrich");
  private final AtomicBoolean queued = new AtomicBoolean();

  public BackgroundNaming(SourceEnricher enricher) {
    this.enricher = enricher;
  }

  /** Asks for a pass soon; returns at once. */
  public void poke() {
    if (queued.compareAndSet(false, true)) {
      thread.execute(this::pass);
    }
  }

  private void pass() {
    queued.set(false);
    try {
      SourceEnricher.Tally tally;
      do {
        tally = enricher.run(PER_PASS);
        if (tally.looked() > 0) {
          log.info(
              "named {} sources in {} ms: {} with a PTR name, {} placed (ASN/country), {} to retry",
              tally.looked(),
              tally.took().toMillis(),
              tally.withPtr(),
              tally.placed(),
              tally.failed());
        }
      } while (tally.looked() == PER_PASS && !Thread.currentThread().isInterrupted());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("naming sources failed, tried again after the next import: {}", e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
