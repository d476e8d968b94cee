package dev.puerto.cli;

import dev.puerto.cli.Mailboxes.Mailbox;
import dev.puerto.dns.DnsClient;
import dev.puerto.enrich.BackgroundNaming;
import dev.puerto.enrich.IpDatabase;
import dev.puerto.run.MailboxRun;
import dev.puerto.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
          + " keeping roll-ups and raw inputs.",
      "With PUERTO_ALERT_MAIL_TO or PUERTO_ALERT_WEBHOOK_URL set, watch evaluates the alert"
          + " rules after each batch of messages it imported and every PUERTO_ALERTS_INTERVAL"
          + " (default 15m); see puerto alerts --help.",
      "After each batch, and once at the start, watch names the new sources in the background"
          + " (PTR, ASN, AS name, country, known service; see puerto analyze --help and the"
          + " dmarc_sources view), never holding up an import."
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

  @Mixin DnsOptions dnsOptions;

  @Mixin NamingOptions naming;

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
    Supplier<DnsClient> dns = dnsOptions.clients(config);
    Optional<AlertRun> alertRun = AlertRun.ifDelivering(config, main.messages().lang());
    Duration alertInterval = new AlertConfig(config, main.messages().lang()).interval();
    try (StopSignal stop = StopSignal.install();
        Database database = main.openDatabaseForImport();
        DailyPrune prune = DailyPrune.start(database, pruneAge);
        ScheduledAlerts alerts = ScheduledAlerts.start(alertRun, database, alertInterval);
        IpDatabase ipDatabase = naming.database(config);
        BackgroundNaming names =
            new BackgroundNaming(
                Main.sourceEnricher(
                    database,
                    dns,
                    ipDatabase,
                    naming.settings(config, dnsOptions.concurrency(config))))) {
      // Alerts and the naming of new sources follow each batch, off the mailbox's thread.
      Runnable afterImport =
          () -> {
            alerts.soon();
            names.poke();
          };
      names.poke();
      MailboxRun.Watching watching = new MailboxRun.Watching(poll, renewal, heartbeat);
      boolean keepBodies = failureBodies.keep(config);
      if (chosen.get(0).name() == null) {
        Main.mailboxRun(database, chosen.get(0).settings(), stop, keepBodies)
            .afterImport(afterImport)
            .watch(watching);
      } else {
        Main.mailboxRuns(database, chosen, stop, keepBodies)
            .afterImport(afterImport)
            .watch(watching);
      }
      return ExitCode.OK;
    }
  }
}
