package dev.puerto.cli;

import dev.puerto.ingest.Ingester;
import dev.puerto.run.ImportRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What every command that imports a batch of inputs shares: how many run at once, and how the run
 * is shown (progress on stderr, the tally on stdout).
 */
final class ImportOptions {
  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      converter = Bounds.Jobs.class,
      description =
          "inputs processed in parallel, 1 to "
              + Bounds.Jobs.MAX
              + " (default: one more than the cores, at most 4)")
  int jobs = ImportRun.defaultJobs();

  /**
   * Imports the inputs with the ingester, then prints the tally; returns the exit code. A failing
   * database ends the run: the tally of what was done is printed, then the failure is thrown on to
   * Main's handler.
   */
  <T> int importAll(
      List<T> inputs,
      Function<T, String> name,
      Ingester ingester,
      ImportRun.Step<T> step,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    long started = System.nanoTime();
    Progress progress = new Progress(Progress.interactive() ? err : null, inputs.size());
    ImportRun.Result result = ImportRun.run(inputs, name, step, jobs, progress);
    if (result.stoppedBy() != null) {
      TallyText.printStopped(out, result.tally(), Duration.ofNanos(System.nanoTime() - started));
      throw result.stoppedBy();
    }
    ingester.applyRollups(); // part of the run: its time is counted
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    TallyText.print(out, result.tally(), elapsed);
    return ExitCode.of(result.tally());
  }
}
