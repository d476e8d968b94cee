package dev.puerto.cli;

import dev.puerto.ingest.Ingester;
import dev.puerto.parse.ReportParser;
import dev.puerto.store.Database;
import dev.puerto.store.ReportStore;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import picocli.CommandLine.Option;

/** What every command that imports shares: the pipeline, and how many inputs run at once. */
final class ImportOptions {
  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "inputs processed in parallel (default: the number of cores, at most 4)")
  int jobs = ImportRun.defaultJobs();

  Ingester ingester(Database database) {
    return new Ingester(
        new Unpacker(UnpackLimits.defaults()), new ReportParser(), new ReportStore(database));
  }
}
