package dev.puerto.cli;

import dev.puerto.cli.Mailboxes.Mailbox;
import dev.puerto.run.ImportTally;
import dev.puerto.run.MailboxRuns;
import dev.puerto.source.ImapSettings;
import dev.puerto.store.Database;
import java.time.Duration;
import java.util.List;
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
          + " duplicate. SIGINT/SIGTERM finish the message in hand, then stop.",
      Mailboxes.HELP,
      "With mailbox sections, one pass over each mailbox in turn, or over the one --mailbox names; a mailbox that cannot"
          + " be read is logged and the next one is read. The exit code is then the worst of"
          + " the mailboxes', in this order: 2 (a mailbox's setting, e.g. a missing folder),"
          + " 5, 6, 1, 0."
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

  @Mixin Mailboxes mailboxes;

  @Mixin ImapOptions imap;

  @Mixin FailureBodies failureBodies;

  @Override
  public Integer call() throws Exception {
    Config config = main.config();
    List<Mailbox> chosen = mailboxes.resolve(config, imap, READ_TIMEOUT);
    Optional<AlertRun> alerts = AlertRun.ifDelivering(config, main.messages().lang());
    if (chosen.get(0).name() != null) {
      return fetchEach(chosen, failureBodies.keep(config), alerts);
    }
    ImapSettings settings = chosen.get(0).settings();
    long started = System.nanoTime();
    try (StopSignal stop = StopSignal.install();
        Database database = main.openDatabaseForImport()) {
      Optional<ImportTally> tally =
          Main.mailboxRun(database, settings, stop, failureBodies.keep(config)).fetch();
      if (tally.isEmpty()) {
        return ExitCode.OK; // another Puerto is reading the mailbox
      }
      TallyText.print(
          spec.commandLine().getOut(), tally.get(), Duration.ofNanos(System.nanoTime() - started));
      alerts.ifPresent(run -> run.afterImport(database));
      return ExitCode.of(tally.get());
    }
  }

  /** The named mailboxes, in turn: a tally for each that was read, the worst exit code. */
  private int fetchEach(List<Mailbox> chosen, boolean keepFailureBodies, Optional<AlertRun> alerts)
      throws Exception {
    try (StopSignal stop = StopSignal.install();
        Database database = main.openDatabaseForImport()) {
      int exitCode = ExitCode.OK;
      for (MailboxRuns.Fetched fetched :
          Main.mailboxRuns(database, chosen, stop, keepFailureBodies).fetch()) {
        if (fetched.tally().isPresent()) {
          TallyText.printMailbox(
              spec.commandLine().getOut(),
              fetched.name(),
              fetched.tally().get(),
              fetched.elapsed());
        }
        int outcome =
            fetched.failure() != null
                ? ExitCode.of(fetched.failure().kind())
                : fetched.tally().map(ExitCode::of).orElse(ExitCode.OK);
        exitCode = ExitCode.worst(exitCode, outcome);
      }
      alerts.ifPresent(run -> run.afterImport(database));
      return exitCode;
    }
  }
}
