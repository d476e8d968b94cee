package dev.puerto.run;

import dev.puerto.ingest.DocumentResult.Outcome;
import dev.puerto.ingest.InputResult;
import dev.puerto.source.ImapFolders;
import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import dev.puerto.source.ImapPosition;
import dev.puerto.source.ImapSource;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.DatabaseFailedException;
import dev.puerto.unpack.DocumentKind;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox pipeline's middle stages for one message: import it, then say which folder it belongs
 * in (the filing rule, {@link #destinationOf}); logs one line for it and counts it.
 *
 * <p>A message that cannot be imported, for whatever reason (the pipeline failed on it, it is over
 * the size limit, it holds no report), is counted as rejected and filed in the invalid folder, so
 * it never blocks the messages after it and is never read again. Only the database going away stops
 * the run: the message in hand is then left where it is, for the next run.
 */
final class MessageImport implements ImapSource.MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(MessageImport.class);

  private final MailboxRun.Importer ingester;
  private final ImapFolders folders;
  private final AfterImport afterImport;
  private final ImportTally tally = new ImportTally();
  private final AtomicLong messages = new AtomicLong();

  MessageImport(MailboxRun.Importer ingester, ImapFolders folders, AfterImport afterImport) {
    this.ingester = ingester;
    this.folders = folders;
    this.afterImport = afterImport;
  }

  @Override
  public Destination handle(InboundMessage message) {
    ImapPosition position = message.origin().imap();
    String name =
        position.folder()
            + " UID "
            + position.uid()
            + " <"
            + (position.messageId() == null ? "no Message-ID" : position.messageId())
            + ">";
    InputResult result;
    try {
      result = ingester.ingest(message);
    } catch (DatabaseFailedException e) {
      log.warn("{}: the database failed; left in place for the next run", name);
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return cannotImport(message, name, e);
    }
    tally.add(result);
    messages.incrementAndGet();
    Destination destination = destinationOf(result);
    log.info("{}: {} -> {}", name, summary(result), action(destination));
    return destination;
  }

  private Destination cannotImport(InboundMessage message, String name, Throwable failure) {
    String reason = reason(failure);
    tally.addUnreadable(message.displayName(), "cannot be imported: " + reason);
    messages.incrementAndGet();
    log.warn("{}: cannot be imported ({}) -> {}", name, reason, action(Destination.INVALID));
    log.debug("{}: import failure", name, failure);
    return Destination.INVALID;
  }

  private static String reason(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank()
        ? failure.getClass().getSimpleName()
        : failure.getClass().getSimpleName() + ": " + firstLine(message.strip());
  }

  ImportTally tally() {
    return tally;
  }

  /** Messages handled so far; read by the heartbeat from another thread. */
  long messages() {
    return messages.get();
  }

  /**
   * The filing rule, in order: a message seen before, or with an aggregate report stored (new or
   * duplicate), is processed; else one with a failure report stored goes to the failure-report
   * folder, else one with an SMTP TLS report stored to the TLS folder; a message with nothing
   * stored is invalid, whatever it holds.
   */
  static Destination destinationOf(InputResult result) {
    if (result.seenBefore() || stored(result, DocumentKind.AGGREGATE_REPORT)) {
      return Destination.PROCESSED;
    }
    if (stored(result, DocumentKind.FAILURE_REPORT)) {
      return Destination.FAILURE_REPORT;
    }
    if (stored(result, DocumentKind.TLS_REPORT)) {
      return Destination.TLS_REPORT;
    }
    return Destination.INVALID;
  }

  private static boolean stored(InputResult result, DocumentKind kind) {
    return result.documents().stream().anyMatch(d -> d.is(kind) && d.outcome() != Outcome.REJECTED);
  }

  private static String summary(InputResult result) {
    if (result.seenBefore()) {
      return "seen before";
    }
    long imported = result.count(Outcome.IMPORTED);
    long duplicates = result.count(Outcome.DUPLICATE);
    long rejected = result.count(Outcome.REJECTED);
    StringBuilder text = new StringBuilder();
    text.append(imported).append(" imported, ").append(duplicates).append(" duplicate");
    if (rejected > 0) {
      text.append(", ").append(rejected).append(" rejected (");
      text.append(firstLine(result.rejections().get(0).reason())).append(')');
    }
    return text.toString();
  }

  private String action(Destination destination) {
    if (afterImport == AfterImport.MARK_SEEN) {
      return "marked seen";
    }
    if (afterImport == AfterImport.DELETE && destination == Destination.PROCESSED) {
      return "deleted";
    }
    return folders.folderFor(destination);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
