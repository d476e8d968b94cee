package dev.puerto.cli;

import dev.puerto.ingest.Ingester;
import dev.puerto.schema.InputStatus;
import dev.puerto.store.Database;
import dev.puerto.store.ReportStore;
import dev.puerto.store.StoredInput;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "reparse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse stored inputs again from their recorded raw bytes, without the original files:"
          + " after an upgrade, rejected reports that are now understood get imported."
    })
final class ReparseCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Option(
      names = "--status",
      split = ",",
      paramLabel = "STATUS",
      completionCandidates = StatusNames.class,
      description =
          "reparse inputs with these statuses (default: rejected, partial, pending); any of"
              + " ${COMPLETION-CANDIDATES}",
      defaultValue = "rejected,partial,pending")
  EnumSet<InputStatus> statuses;

  @Option(
      names = "--input",
      split = ",",
      paramLabel = "ID",
      description = "reparse these inputs (dmarc_inputs.id) whatever their status")
  List<Long> ids = List.of();

  @Mixin ImportOptions importOptions;

  @Mixin FailureBodies failureBodies;

  /** The statuses as they are written on the command line. */
  static final class StatusNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(InputStatus.values()).map(EnumNames::of).iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    try (Database database = main.openDatabaseForImport()) {
      ReportStore store = new ReportStore(database);
      List<StoredInput> inputs = store.findInputs(statuses, ids);
      Ingester ingester = Main.ingester(database, failureBodies.keep(main.config()));
      return importOptions.importAll(
          inputs,
          input -> input.origin().name(),
          ingester,
          ingester::reingest,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }
}
