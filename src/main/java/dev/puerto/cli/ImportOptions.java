package dev.puerto.cli;

import picocli.CommandLine.Option;

/** What every command that imports a batch of inputs shares: how many run at once. */
final class ImportOptions {
  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "inputs processed in parallel (default: one more than the cores, at most 4)")
  int jobs = ImportRun.defaultJobs();
}
