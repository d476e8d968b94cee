package dev.puerto.cli;

import dev.puerto.cli.Mailboxes.Mailbox;
import dev.puerto.run.MailboxRun;
import dev.puerto.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Stay connected to a mailbox folder and import reports as they arrive: what is there"
          + " first, then each new message, filed as by fetch.",
      "Waits with IMAP IDLE (renewed before servers end it), or polls where the server has no"
          + " IDLE. A dropped connection is retried with exponential backoff and jitter. Logs one"
          + " line per message and a heartbeat. SIGTERM/SIGINT finish the message in hand, then"
          + " exit 0: suitable for a systemd service.",
      Mailboxes.HELP,
      "With mailbox sections, every mailbox at once, or the one --mailbox names: one connection and thread each"
          + " (log lines start with the mailbox's name; one heartbeat line lists them all). With"
          + " several, a refused login, a TLS failure or a missing folder is logged as an error"
          + " and retried (1 minute doubling to 1 hour) while the others go on.",
      "With PUERTO_PRUNE_OLDER_THAN set (e.g. 400d, in the environment or the config file),"
          + " watch also runs puerto prune with it a minute after it starts and then once a day,"
          + " keeping roll-ups and raw inputs."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT",
      "2:usage or configuration error",
      "3:database unavailable",
      "4:internal error",
      "5:the IMAP server refused the login (one mailbox)",
      "6:TLS with the IMAP server failed (one mailbox)"
    })
final class WatchCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin Mailboxes mailboxes;

  @Mixin ImapOptions imap;

  @Mixin FailureBodies failureBodies;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      description =
          "how often to look for new messages when the server has no IDLE (env"
              + " PUERTO_IMAP_POLL_INTERVAL; default 60s)")
  String pollInterval;

  @Option(
      names = "--idle-renewal",
      paramLabel = "DURATION",
      description =
          "IDLE is ended and started again this often, before servers time it out (env"
              + " PUERTO_IMAP_IDLE_RENEWAL; default 20m)")
  String idleRenewal;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      description =
          "how often to log that watch is alive (env PUERTO_HEARTBEAT_INTERVAL; default" + " 5m)")
  String heartbeatInterval;

  @Override
  public Integer call() throws Exception {
    Config config = main.config();
    Duration poll =
        ImapOptions.duration(
            "--poll-interval",
            config.get("PUERTO_IMAP_POLL_INTERVAL", pollInterval),
            Duration.ofSeconds(60));
    Duration renewal =
        ImapOptions.duration(
            "--idle-renewal",
            config.get("PUERTO_IMAP_IDLE_RENEWAL", idleRenewal),
            Duration.ofMinutes(20));
    Duration heartbeat =
        ImapOptions.duration(
            "--heartbeat-interval",
            config.get("PUERTO_HEARTBEAT_INTERVAL", heartbeatInterval),
            Duration.ofMinutes(5));
    // A silent server is given until after the IDLE renewal before the connection counts as dead.
    List<Mailbox> chosen = mailboxes.resolve(config, imap, renewal.plusMinutes(1));
    Optional<Duration> pruneAge =
        config.get(PruneCommand.OLDER_THAN_KEY, null).isPresent()
            ? Optional.of(PruneCommand.olderThan(config.get(PruneCommand.OLDER_THAN_KEY, null)))
            : Optional.empty();
    try (StopSignal stop = StopSignal.install();
        Database database = main.openDatabaseForImport();
        DailyPrune prune = DailyPrune.start(database, pruneAge)) {
      MailboxRun.Watching watching = new MailboxRun.Watching(poll, renewal, heartbeat);
      boolean keepBodies = failureBodies.keep(config);
      if (chosen.get(0).name() == null) {
        Main.mailboxRun(database, chosen.get(0).settings(), stop, keepBodies).watch(watching);
      } else {
        Main.mailboxRuns(database, chosen, stop, keepBodies).watch(watching);
      }
      return ExitCode.OK;
    }
  }
}
