package dev.puerto.cli;

import picocli.CommandLine.Option;

/** What every command that imports a batch of inputs shares: how many run at once. */
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
}
