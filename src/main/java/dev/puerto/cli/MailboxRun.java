package dev.puerto.cli;

import dev.puerto.ingest.DocumentResult;
import dev.puerto.ingest.DocumentResult.Outcome;
import dev.puerto.ingest.DocumentResult.RejectionKind;
import dev.puerto.ingest.Ingester;
import dev.puerto.ingest.InputResult;
import dev.puerto.source.ImapFolders;
import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import dev.puerto.source.ImapPosition;
import dev.puerto.source.ImapSource;
import dev.puerto.source.InboundMessage;
import dev.puerto.unpack.UnpackLimits;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports each mailbox message through the import pipeline, logs one line for it, counts it, and
 * says which folder it belongs in.
 */
final class MailboxRun implements ImapSource.MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(MailboxRun.class);

  /**
   * Messages larger than the import pipeline reads ({@link Main#ingester} uses the default limits)
   * are fetched only in part and filed as invalid.
   */
  static final long MAX_MESSAGE_BYTES = UnpackLimits.defaults().maxInputBytes();

  private final Ingester ingester;
  private final ImapFolders folders;
  private final AfterImport afterImport;
  private final ImportTally tally = new ImportTally();
  private final AtomicLong messages = new AtomicLong();

  MailboxRun(Ingester ingester, ImapFolders folders, AfterImport afterImport) {
    this.ingester = ingester;
    this.folders = folders;
    this.afterImport = afterImport;
  }

  @Override
  public Destination handle(InboundMessage message) {
    ImapPosition position = message.origin().imap();
    String name = position.folder() + " UID " + position.uid();
    InputResult result;
    try {
      result = ingester.ingest(message);
    } catch (IOException e) {
      tally.addUnreadable(message.displayName(), "cannot read: " + e.getMessage());
      log.warn("{}: cannot read it ({}); left in place", name, e.getMessage());
      return Destination.KEEP;
    }
    tally.add(result);
    messages.incrementAndGet();
    Destination destination = destinationOf(result);
    log.info(
        "{} <{}>: {} -> {}",
        name,
        position.messageId() == null ? "no Message-ID" : position.messageId(),
        summary(result),
        action(destination));
    return destination;
  }

  ImportTally tally() {
    return tally;
  }

  /** Messages handled so far; read by the heartbeat from another thread. */
  long messages() {
    return messages.get();
  }

  /** A message with any aggregate report is processed; otherwise it is filed by what it is. */
  static Destination destinationOf(InputResult result) {
    if (result.seenBefore()
        || result.count(Outcome.IMPORTED) + result.count(Outcome.DUPLICATE) > 0) {
      return Destination.PROCESSED;
    }
    boolean tls = false;
    for (DocumentResult rejection : result.rejections()) {
      if (rejection.kind() == RejectionKind.FAILURE_REPORT) {
        return Destination.FAILURE_REPORT;
      }
      tls |= rejection.kind() == RejectionKind.TLS_REPORT;
    }
    return tls ? Destination.TLS_REPORT : Destination.INVALID;
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
