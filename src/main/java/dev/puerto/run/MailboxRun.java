package dev.puerto.run;

import dev.puerto.ingest.Ingester;
import dev.puerto.ingest.InputResult;
import dev.puerto.source.ImapException;
import dev.puerto.source.ImapSettings;
import dev.puerto.source.ImapSource;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import dev.puerto.store.WorkLock;
import dev.puerto.unpack.UnpackLimits;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox pipeline: {@code puerto fetch} runs it once, {@code puerto watch} until stopped.
 * {@link #stages} lists its stages in order; each names the method or type that does it.
 *
 * <p>Only the database going away ends a run early (the message in hand stays in the folder, for
 * the next run); a message that cannot be imported is filed as invalid and the run goes on.
 */
public final class MailboxRun {
  private static final Logger log = LoggerFactory.getLogger(MailboxRun.class);

  /**
   * Messages larger than the import pipeline reads (Main's pipeline uses the default limits) are
   * fetched only in part and filed as invalid.
   */
  static final long MAX_MESSAGE_BYTES = UnpackLimits.defaults().maxInputBytes();

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  /**
   * Retries of a refused login, a TLS failure or a setting (among several mailboxes only): slow, as
   * a fix takes a person, and as servers lock accounts that fail to log in too often.
   */
  private static final Duration FIRST_RETRY_AFTER_REFUSAL = Duration.ofMinutes(1);

  private static final Duration MAX_RETRY_AFTER_REFUSAL = Duration.ofHours(1);

  /** Characters of the last error the heartbeat shows. */
  private static final int BRIEF_ERROR = 100;

  /** How often a watch standing by asks again whether the mailbox is free. */
  private static final Duration STANDBY_CHECK = Duration.ofSeconds(10);

  /** The import pipeline as the mailbox sees it ({@code Ingester::ingest}). */
  @FunctionalInterface
  public interface Importer {
    InputResult ingest(InboundMessage message) throws IOException;
  }

  /**
   * How {@code watch} waits.
   *
   * @param poll how often to look for new messages where the server has no IDLE
   * @param idleRenewal how long one IDLE lasts before it is started again
   * @param heartbeat how often to log that watch is alive
   */
  public record Watching(Duration poll, Duration idleRenewal, Duration heartbeat) {}

  private final Database database;
  private final ImapSettings settings;
  private final Stop stop;
  private final Ingester ingester;
  private final MessageImport messages;

  /** Run after a drain that imported at least one message (its reports committed). */
  private Runnable afterImport = () -> {};

  // What watch is doing, for the heartbeat (read from its thread).
  private volatile String state = "starting";
  private volatile Instant nextTry;
  private volatile String lastError;

  /**
   * @param database where the reports go, and whose lock keeps a second Puerto off the mailbox
   * @param ingester the import pipeline over that database
   */
  public MailboxRun(Database database, Ingester ingester, ImapSettings settings, Stop stop) {
    this.database = database;
    this.settings = settings;
    this.stop = stop;
    this.ingester = ingester;
    this.messages = new MessageImport(ingester::ingest, settings.folders(), settings.afterImport());
  }

  /**
   * Runs {@code hook} after each drain of the folder that handled at least one message, once its
   * reports are committed and rolled up (watch evaluates the alerts there); returns this run.
   */
  public MailboxRun afterImport(Runnable hook) {
    this.afterImport = hook;
    return this;
  }

  /**
   * One pass over the folder: every message now in it (and any arriving meanwhile), then done.
   *
   * @return the tally, or empty when another Puerto is reading the mailbox (nothing was done)
   */
  public Optional<ImportTally> fetch() throws ImapException, InterruptedException {
    return stages(null, false) ? Optional.of(messages.tally()) : Optional.empty();
  }

  /**
   * Stays with the folder until stopped: drains it, waits for more, drains again; reconnects with
   * backoff when the connection drops. A second watch on the same mailbox stands by.
   */
  public void watch(Watching watching) throws ImapException, InterruptedException {
    try (Heartbeat heartbeat = Heartbeat.every(watching.heartbeat(), this::status)) {
      serve(watching, false);
    }
  }

  /**
   * Watch without a heartbeat of its own ({@link MailboxRuns} has one for all).
   *
   * @param keepTrying also retry (slowly) after a refused login, a TLS failure or a setting, which
   *     end a watch of one mailbox: among several, one broken mailbox must not stop the others
   */
  void serve(Watching watching, boolean keepTrying) throws ImapException, InterruptedException {
    stages(watching, keepTrying);
    log.info("stopped; {} messages processed", messages.messages());
  }

  /**
   * What the run is doing, how many messages it handled, and its last error, e.g. {@code waiting
   * with IDLE on INBOX of u on host:993; 3 messages processed}.
   */
  String status() {
    StringBuilder status = new StringBuilder(state);
    Instant next = nextTry;
    if (next != null) {
      long seconds = Math.max(0, Duration.between(Instant.now(), next).toSeconds());
      status.append(", next try in ").append(seconds).append(" s");
    }
    status.append("; ").append(messages.messages()).append(" messages processed");
    String error = lastError;
    if (error != null) {
      status.append("; last error ").append(error);
    }
    return status.toString();
  }

  /**
   * The mailbox pipeline, stage by stage. Fetch passes once ({@code watching} null); watch goes
   * round until stopped.
   *
   * @return false when another Puerto holds the mailbox and fetch did nothing
   */
  private boolean stages(Watching watching, boolean keepTrying)
      throws ImapException, InterruptedException {
    try (WorkLock lock = lock(watching)) { // 1. one Puerto per mailbox and database
      if (lock == null) {
        return false;
      }
      Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
      Backoff refused = new Backoff(FIRST_RETRY_AFTER_REFUSAL, MAX_RETRY_AFTER_REFUSAL);
      do {
        try (ImapSource mailbox = connect(watching, backoff, refused)) { // 2. connect, log in
          do {
            drain(mailbox); // 3. drain, oldest first: 4. import each message, 5. file it
          } while (watching != null && waitForMore(mailbox, watching)); // 6. IDLE, or poll
        } catch (ImapException e) {
          // 7. watch connects again after a while; fetch fails
          backOff(e, watching, keepTrying ? refused : null, backoff);
        }
      } while (watching != null && !stop.requested());
      return true;
    }
  }

  /**
   * The mailbox's lock. Fetch takes it or gives up (null); watch stands by until no other Puerto on
   * this database reads the mailbox, and takes over when the other stops (null when stopped while
   * waiting).
   */
  private WorkLock lock(Watching watching) throws InterruptedException {
    String mailbox = settings.mailbox();
    if (watching == null) {
      Optional<WorkLock> lock = database.tryLock(mailbox);
      if (lock.isEmpty()) {
        log.info(
            "another Puerto (fetch or watch) is reading {} on this database; nothing to do",
            mailbox);
      }
      return lock.orElse(null);
    }
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

  private ImapSource connect(Watching watching, Backoff backoff, Backoff refused)
      throws ImapException {
    state = "connecting";
    nextTry = null;
    ImapSource mailbox = ImapSource.open(settings, MAX_MESSAGE_BYTES);
    if (watching != null) {
      backoff.reset();
      refused.reset();
      log.info("watching {}, {}", mailbox.describe(), waiting(mailbox, watching));
    }
    return mailbox;
  }

  /**
   * Every message in the folder, oldest first: each is imported and told where it belongs ({@link
   * MessageImport}), then filed there by the mailbox once its reports are committed.
   */
  private void drain(ImapSource mailbox) throws ImapException {
    state = "processing " + mailbox.describe();
    long before = messages.messages();
    mailbox.drain(messages, stop::requested);
    ingester.applyRollups();
    if (messages.messages() > before) {
      afterImport.run();
    }
  }

  /** Waits with IDLE, or polls; returns false when a stop is requested (before or meanwhile). */
  private boolean waitForMore(ImapSource mailbox, Watching watching) throws ImapException {
    if (stop.requested()) {
      return false;
    }
    state = waiting(mailbox, watching) + " on " + mailbox.describe();
    // Only while waiting: a stop keeps waking (Stop.onStop), so one just before this is seen too.
    Runnable waker = mailbox::wakeUp;
    stop.onStop(waker);
    try {
      mailbox.awaitChanges(mailbox.idleSupported() ? watching.idleRenewal() : watching.poll());
    } finally {
      stop.removeOnStop(waker);
    }
    return !stop.requested();
  }

  private static String waiting(ImapSource mailbox, Watching watching) {
    return mailbox.idleSupported()
        ? "waiting with IDLE"
        : "polling every " + watching.poll().toSeconds() + " s";
  }

  /** The start of a failure's message: the heartbeat repeats it, the log line has it whole. */
  private static String brief(ImapException e) {
    String message = e.getMessage();
    return message.length() <= BRIEF_ERROR ? message : message.substring(0, BRIEF_ERROR) + " ...";
  }

  /**
   * A dropped connection, in watch: waits (exponential backoff with jitter) before the next
   * attempt; any other failure too when {@code refused} is given, with its slower backoff. Anything
   * else, and anything in fetch, ends the run.
   */
  private void backOff(ImapException e, Watching watching, Backoff refused, Backoff backoff)
      throws ImapException, InterruptedException {
    boolean dropped = e.kind() == ImapException.Kind.UNREACHABLE;
    if (watching == null || (!dropped && refused == null)) {
      throw e;
    }
    if (stop.requested()) {
      return;
    }
    Duration wait = dropped ? backoff.next() : refused.next();
    long seconds = Math.max(1, wait.toSeconds());
    lastError = "at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + ": " + brief(e);
    nextTry = Instant.now().plus(wait);
    if (dropped) {
      state = "disconnected";
      log.warn("{}; reconnecting in {} s", e.getMessage(), seconds);
    } else {
      state = "failing";
      log.error("{}; trying again in {} s", e.getMessage(), seconds);
    }
    stop.sleep(wait);
  }
}
