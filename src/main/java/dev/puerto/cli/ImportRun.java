package dev.puerto.cli;

import dev.puerto.ingest.InputResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs the import pipeline over a list of inputs on a few worker threads (each input is
 * independent: one parses while another waits for the database), with progress, then prints the
 * tally.
 */
final class ImportRun {
  interface Step<T> {
    InputResult apply(T input) throws IOException;
  }

  private ImportRun() {}

  /**
   * The default number of workers: one more than the cores, at most 4. A worker waiting for the
   * database leaves its core to the extra one (measured: a tenth faster on two cores); more would
   * only hold more inputs in memory at once.
   */
  static int defaultJobs() {
    return Math.min(4, Runtime.getRuntime().availableProcessors() + 1);
  }

  /** Returns the exit code: 0, or 1 when anything was rejected. */
  static <T> int run(
      List<T> inputs,
      Function<T, String> name,
      Step<T> step,
      int jobs,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException, ConfigException {
    if (jobs < 1) {
      throw new ConfigException("--jobs must be at least 1, not " + jobs);
    }
    long started = System.nanoTime();
    ImportTally tally = new ImportTally();
    Progress progress = new Progress(Progress.interactive() ? err : null, inputs.size());
    ExecutorService workers = Executors.newFixedThreadPool(jobs, ImportRun::workerThread);
    try {
      CompletionService<Outcome> done = new ExecutorCompletionService<>(workers);
      for (T input : inputs) {
        done.submit(() -> attempt(input, name, step));
      }
      for (int i = 0; i < inputs.size(); i++) {
        done.take().get().addTo(tally);
        progress.update(tally.inputs(), tally);
      }
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      workers.shutdownNow();
    }
    tally.print(out, Duration.ofNanos(System.nanoTime() - started));
    return tally.rejected() > 0 ? ExitCode.REJECTED : ExitCode.OK;
  }

  private static <T> Outcome attempt(T input, Function<T, String> name, Step<T> step) {
    try {
      return new Outcome(step.apply(input), null, null);
    } catch (IOException e) {
      return new Outcome(null, name.apply(input), "cannot read: " + e.getMessage());
    }
  }

  /** Database failures and bugs stop the run; they reach Main's handler unchanged. */
  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(failure);
  }

  private static Thread workerThread(Runnable task) {
    Thread thread = new Thread(task, "puerto-import");
    thread.setDaemon(true);
    return thread;
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
