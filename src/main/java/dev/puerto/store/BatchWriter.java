package dev.puerto.store;

import dev.puerto.tools.Causes;
import dev.puerto.tools.NamedThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the writes of one large report on a second thread, so that the next batch of records is
 * parsed while the last one is written: parsing and the database then work at the same time instead
 * of taking turns. Writes run one at a time and in order (they share the transaction's connection);
 * at most one waits, which bounds memory to two batches.
 */
final class BatchWriter implements AutoCloseable {
  private final ExecutorService thread = NamedThreads.single("puerto-batch-writer");
  private Future<?> pending = CompletableFuture.completedFuture(null);

  /** Starts {@code write} once the previous write has finished. */
  void submit(Callable<?> write) {
    awaitPrevious();
    pending = thread.submit(write);
  }

  /** Waits for the last write; its failure is thrown here, as it was thrown. */
  void awaitPrevious() {
    try {
      pending.get();
    } catch (ExecutionException e) {
      throw Causes.rethrown(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a batch of records", e);
    }
  }

  /**
   * Waits for a write still running (the transaction cannot end under it), then stops the thread. A
   * failure of that write was either seen already or is superseded by the one being thrown.
   */
  @Override
  public void close() {
    try {
      pending.get();
    } catch (ExecutionException ignored) {
      // reported by awaitPrevious, or the caller is already failing for another reason
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdownNow();
    }
  }
}
