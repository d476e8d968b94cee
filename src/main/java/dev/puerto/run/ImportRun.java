package dev.puerto.run;

import dev.puerto.ingest.InputResult;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.DatabaseFailedException;
import dev.puerto.tools.Causes;
import dev.puerto.tools.NamedThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the import pipeline over a list of inputs on a few worker threads (each input is
 * independent: one parses while another waits for the database), telling a listener how far it is,
 * and returns the tally. Whatever goes wrong with one input is counted against it and the run goes
 * on; only the database failing stops the run, and the tally then says what was done before.
 */
public final class ImportRun {
  private static final Logger log = LoggerFactory.getLogger(ImportRun.class);

  /** How often the progress is brought up to date while no input finishes (a slow database). */
  private static final Duration TICK = Duration.ofSeconds(1);

  /** The pipeline for one input ({@code Ingester::ingest}, {@code Ingester::reingest}). */
  @FunctionalInterface
  public interface Step<T> {
    InputResult apply(T input) throws IOException;
  }

  /** How far the run is, told on the thread that called {@link #run}: for a progress display. */
  public interface Listener {
    /** Nothing finished for a while; {@code slowest} is the input at it the longest, or null. */
    void waiting(ImportTally tally, InFlight slowest);

    /** Another input finished; {@code done} of them so far. */
    void update(long done, ImportTally tally);

    /** The run stops early (the database failed). */
    void stopped();
  }

  /** An input being imported, and since when ({@link System#nanoTime}). */
  public record InFlight(String name, long startedNanos) {}

  /**
   * What a run did.
   *
   * @param stoppedBy the database failure that ended the run early, or null when every input was
   *     done
   */
  public record Result(ImportTally tally, DatabaseFailedException stoppedBy) {}

  private ImportRun() {}

  /**
   * The default number of workers: one more than the cores, at most 4. A worker waiting for the
   * database leaves its core to the extra one (measured: a tenth faster on two cores); more would
   * only hold more inputs in memory at once.
   */
  public static int defaultJobs() {
    return Math.min(4, Runtime.getRuntime().availableProcessors() + 1);
  }

  /** Imports every input, or those before the database failed. */
  public static <T> Result run(
      List<T> inputs, Function<T, String> name, Step<T> step, int jobs, Listener progress)
      throws InterruptedException {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs); // --jobs checks
    }
    ImportTally tally = new ImportTally();
    Map<Object, InFlight> working = new ConcurrentHashMap<>();
    ExecutorService workers =
        Executors.newFixedThreadPool(jobs, NamedThreads.factory("puerto-import"));
    try {
      CompletionService<Outcome> done = new ExecutorCompletionService<>(workers);
      for (T input : inputs) {
        done.submit(() -> attempt(input, name, step, working));
      }
      for (int finished = 0; finished < inputs.size(); ) {
        Future<Outcome> next = done.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          progress.waiting(tally, oldest(working));
          continue;
        }
        next.get().addTo(tally);
        finished++;
        progress.update(tally.inputs(), tally);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DatabaseFailedException failed) {
        progress.stopped();
        return new Result(tally, failed);
      }
      // Bugs stop the run; they reach Main's handler unchanged.
      throw Causes.rethrown(e);
    } finally {
      workers.shutdownNow();
    }
    return new Result(tally, null);
  }

  /**
   * One input, whatever happens to it; only a failing database escapes. The pipeline confines
   * failures inside the input; this also catches what happens around it.
   */
  private static <T> Outcome attempt(
      T input, Function<T, String> name, Step<T> step, Map<Object, InFlight> working) {
    String key = name.apply(input);
    Object token = new Object();
    working.put(token, new InFlight(key, System.nanoTime()));
    try {
      return new Outcome(step.apply(input), null, null);
    } catch (IOException e) {
      return new Outcome(null, key, "cannot read it: " + InboundMessage.describe(e));
    } catch (DatabaseFailedException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      log.warn("internal error while importing {} (a bug in Puerto; please report it)", key);
      log.debug("stack trace", e);
      return new Outcome(null, key, "internal error (a bug in Puerto; please report it): " + e);
    } finally {
      working.remove(token);
    }
  }

  /** The input in progress the longest, or null when none is. */
  private static InFlight oldest(Map<Object, InFlight> working) {
    return working.values().stream()
        .min(Comparator.comparingLong(InFlight::startedNanos))
        .orElse(null);
  }

  /** One input's result, or why it could not be read. */
  private record Outcome(InputResult result, String unreadableName, String reason) {
    void addTo(ImportTally tally) {
      if (result != null) {
        tally.add(result);
      } else {
        tally.addUnreadable(unreadableName, reason);
      }
    }
  }
}
