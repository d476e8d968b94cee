package dev.puerto.cli;

import dev.puerto.source.ImapException;
import dev.puerto.source.ImapSettings;
import dev.puerto.source.ImapSource;
import dev.puerto.store.Database;
import dev.puerto.store.ReportStore;
import dev.puerto.store.WorkLock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
          + " exit 0: suitable for a systemd service."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT",
      "2:usage or configuration error",
      "3:database unavailable",
      "4:internal error",
      "5:the IMAP server refused the login",
      "6:TLS with the IMAP server failed"
    })
final class WatchCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WatchCommand.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  /** How often a watch standing by asks again whether the mailbox is free. */
  private static final Duration STANDBY_CHECK = Duration.ofSeconds(10);

  @ParentCommand Main main;

  @Mixin ImapOptions imap;

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

  private volatile String state = "starting";

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
    ImapSettings settings = imap.settings(config, renewal.plusMinutes(1));
    ScheduledExecutorService heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    try (StopSignal stop = StopSignal.install();
        Database database = main.openDatabase()) {
      MailboxRun run =
          new MailboxRun(
              Main.ingester(new ReportStore(database))::ingest,
              settings.folders(),
              settings.afterImport());
      heartbeats.scheduleAtFixedRate(
          () -> log.info("heartbeat: {}; {} messages processed", state, run.messages()),
          heartbeat.toMillis(),
          heartbeat.toMillis(),
          TimeUnit.MILLISECONDS);
      try (WorkLock lock = awaitLock(database, settings.mailbox(), stop)) {
        if (lock != null) {
          watch(settings, run, stop, poll, renewal);
        }
      }
      log.info("stopped; {} messages processed", run.messages());
      return ExitCode.OK;
    } finally {
      heartbeats.shutdownNow();
    }
  }

  /**
   * The mailbox's lock, once no other Puerto on this database watches it (a second watch stands by
   * and takes over when the first stops), or null when stopped while waiting.
   */
  private WorkLock awaitLock(Database database, String mailbox, StopSignal stop)
      throws InterruptedException {
    boolean told = false;
    while (!stop.requested()) {
      Optional<WorkLock> lock = database.tryLock(mailbox);
      if (lock.isPresent()) {
        if (told) {
          log.info("the other Puerto stopped; watching {} now", mailbox);
        }
        return lock.get();
      }
      if (!told) {
        log.info(
            "another Puerto (fetch or watch) is reading {} on this database; standing by", mailbox);
        told = true;
      }
      state = "standing by for " + mailbox;
      stop.sleep(STANDBY_CHECK);
    }
    return null;
  }

  private void watch(
      ImapSettings settings, MailboxRun run, StopSignal stop, Duration poll, Duration renewal)
      throws ImapException, InterruptedException {
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    while (!stop.requested()) {
      try (ImapSource source = ImapSource.open(settings, MailboxRun.MAX_MESSAGE_BYTES)) {
        Runnable waker = source::wakeUp;
        stop.onStop(waker);
        try {
          backoff.reset();
          String waiting =
              source.idleSupported()
                  ? "waiting with IDLE"
                  : "polling every " + poll.toSeconds() + " s";
          log.info("watching {}, {}", source.describe(), waiting);
          while (!stop.requested()) {
            state = "processing " + source.describe();
            source.drain(run, stop::requested);
            if (stop.requested()) {
              break;
            }
            state = waiting + " on " + source.describe();
            source.awaitChanges(source.idleSupported() ? renewal : poll);
          }
        } finally {
          stop.removeOnStop(waker);
        }
      } catch (ImapException e) {
        if (e.kind() != ImapException.Kind.UNREACHABLE) {
          throw e;
        }
        if (stop.requested()) {
          break;
        }
        Duration wait = backoff.next();
        state = "disconnected, retrying";
        log.warn("{}; reconnecting in {} s", e.getMessage(), Math.max(1, wait.toSeconds()));
        stop.sleep(wait);
      }
    }
  }
}
