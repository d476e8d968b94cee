package dev.puerto.cli;

import dev.puerto.ingest.InputResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Runs the import pipeline over a list of inputs with progress, then prints the tally. */
final class ImportRun {
  interface Step<T> {
    InputResult apply(T input) throws IOException;
  }

  private ImportRun() {}

  /** Returns the exit code: 0, or 1 when anything was rejected. */
  static <T> int run(
      List<T> inputs, Function<T, String> name, Step<T> step, PrintWriter out, PrintWriter err) {
    long started = System.nanoTime();
    ImportTally tally = new ImportTally();
    Progress progress = new Progress(Progress.interactive() ? err : null, inputs.size());
    for (T input : inputs) {
      try {
        tally.add(step.apply(input));
      } catch (IOException e) {
        tally.addUnreadable(name.apply(input), "cannot read: " + e.getMessage());
      }
      progress.update(tally.inputs(), tally);
    }
    tally.print(out, Duration.ofNanos(System.nanoTime() - started));
    return tally.rejected() > 0 ? ExitCode.REJECTED : ExitCode.OK;
  }
}
