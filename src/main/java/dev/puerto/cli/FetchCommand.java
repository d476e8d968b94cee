package dev.puerto.cli;

import dev.puerto.run.ImportTally;
import dev.puerto.source.ImapSettings;
import dev.puerto.store.Database;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Import the reports in a mailbox folder, then exit: one pass, oldest message first.",
      "Each message's reports are committed to the database before the message is moved to the"
          + " processed folder; one with a failure report or an SMTP TLS report stored to the"
          + " failure or TLS folder, one with nothing stored to the invalid folder, never"
          + " deleted. Folders are created if"
          + " missing. Interrupted runs lose nothing: a message read again counts as a"
          + " duplicate. SIGINT/SIGTERM finish the message in hand, then stop."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every message imported and filed (or already there)",
      "1:some message or report was rejected (it was filed in its folder)",
      "2:usage or configuration error",
      "3:database unavailable",
      "4:internal error",
      "5:the IMAP server refused the login",
      "6:the IMAP server is unreachable, the connection broke, or TLS failed"
    })
final class FetchCommand implements Callable<Integer> {
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Mixin ImapOptions imap;

  @Mixin FailureBodies failureBodies;

  @Override
  public Integer call() throws Exception {
    ImapSettings settings = imap.settings(main.config(), READ_TIMEOUT);
    Optional<AlertRun> alerts = AlertRun.ifDelivering(main.config(), main.messages().lang());
    long started = System.nanoTime();
    try (StopSignal stop = StopSignal.install();
        Database database = main.openDatabaseForImport()) {
      Optional<ImportTally> tally =
          Main.mailboxRun(database, settings, stop, failureBodies.keep(main.config())).fetch();
      if (tally.isEmpty()) {
        return ExitCode.OK; // another Puerto is reading the mailbox
      }
      TallyText.print(
          spec.commandLine().getOut(), tally.get(), Duration.ofNanos(System.nanoTime() - started));
      alerts.ifPresent(run -> run.afterImport(database));
      return ExitCode.of(tally.get());
    }
  }
}
