package dev.puerto.cli;

import dev.puerto.ingest.Ingester;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import DMARC aggregate reports, DMARC failure reports (ARF) and SMTP TLS reports (RFC"
          + " 8460 JSON) from files, directories (recursively) and - (stdin).",
      "XML, JSON, gzip, zip (every entry) and e-mail (.eml, mbox) are recognised by content,"
          + " nested"
          + " in any order. Reports already stored count as duplicates; a broken or hostile"
          + " input is recorded with its reason and the rest is imported."
    })
final class ImportCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "file, directory or -")
  List<String> paths;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "skip files and directories below a PATH directory whose relative path or name matches"
              + " (e.g. --exclude '*.tsv' --exclude 'archive/**'); repeatable")
  List<String> excludes = List.of();

  @Mixin ImportOptions importOptions;

  @Mixin FailureBodies failureBodies;

  @Override
  public Integer call() throws Exception {
    List<InboundMessage> inputs;
    try {
      inputs = Main.fileSource(excludes).expand(paths, main.stdin());
    } catch (NoSuchFileException e) {
      throw new ConfigException("cannot import " + e.getFile() + ": no such file or directory");
    } catch (IOException e) {
      throw new ConfigException("cannot list the inputs: " + e.getMessage(), e);
    }
    Optional<AlertRun> alerts = AlertRun.ifDelivering(main.config(), main.messages().lang());
    try (Database database = main.openDatabaseForImport()) {
      Ingester ingester = Main.ingester(database, failureBodies.keep(main.config()));
      int exit =
          importOptions.importAll(
              inputs,
              InboundMessage::displayName,
              ingester,
              ingester::ingest,
              spec.commandLine().getOut(),
              spec.commandLine().getErr());
      alerts.ifPresent(run -> run.afterImport(database));
      return exit;
    }
  }
}
