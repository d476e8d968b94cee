package dev.puerto.source;

import dev.puerto.source.ImapFolders.Destination;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * One folder of an IMAP mailbox, read message by message in UID order and in batches, so a mailbox
 * of any size is never loaded at once. Each message is handed over as raw bytes; once the handler
 * returns (its reports are committed), the message is moved, flagged or deleted as configured. A
 * crash in between leaves the message where it was: the next run reads it again, and the database
 * recognises it.
 *
 * <p>Other clients (a second Puerto, a person's mail program) may move messages at any time. A
 * message that is gone when its turn comes is skipped with an INFO line, whichever way the server
 * says so: a FETCH without it, {@code BODY[] NIL} (Dovecot), a NO, or a refused MOVE. No message is
 * held in memory beyond the size limit: a larger one is handed over as its first bytes only.
 *
 * <p>The parts, one job each: {@link ImapConnection} (connecting, TLS, timeouts), {@link
 * UidCommands} (the raw UID commands), {@link FolderDrain} (reading and handing over) with {@link
 * Filing} (filing), {@link IdleWait} (IDLE or polling) and {@link ImapErrors} (what a failure means
 * and what to check).
 */
public final class ImapSource implements AutoCloseable {
  /** Bytes fetched of a message over the size limit, so that its headers can be recorded. */
  public static final int PREFIX_BYTES = 64 * 1024;

  /** Called with a message's UID just before its body is fetched; tests make races happen there. */
  static volatile LongConsumer beforeBodyFetch = uid -> {};

  /** Receives each message; returns where it belongs once its reports are committed. */
  @FunctionalInterface
  public interface MessageHandler {
    Destination handle(InboundMessage message);
  }

  private final ImapSettings settings;
  private final ImapConnection connection;
  private final FolderDrain drain;
  private final IdleWait waiting;

  private ImapSource(ImapConnection connection, long maxMessageBytes) {
    this.settings = connection.settings();
    this.connection = connection;
    UidCommands commands = new UidCommands(connection.folder());
    this.drain = new FolderDrain(connection, commands, maxMessageBytes);
    this.waiting = new IdleWait(connection, commands);
  }

  /**
   * Connects, logs in and opens the folder for reading and writing.
   *
   * @param maxMessageBytes the input size limit: a larger message is not fetched whole, but handed
   *     over as its first {@value #PREFIX_BYTES} bytes ({@link InboundMessage#ofPrefix})
   */
  public static ImapSource open(ImapSettings settings, long maxMessageBytes) throws ImapException {
    return open(settings, maxMessageBytes, true);
  }

  /** {@code preferMove} false uses COPY + \Deleted + EXPUNGE even where MOVE exists (tests). */
  static ImapSource open(ImapSettings settings, long maxMessageBytes, boolean preferMove)
      throws ImapException {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("the message size limit must be positive");
    }
    return new ImapSource(ImapConnection.open(settings, preferMove), maxMessageBytes);
  }

  /** The folder and server, for log lines. */
  public String describe() {
    return settings.folders().source()
        + " of "
        + settings.login().user()
        + " on "
        + settings.server();
  }

  public boolean idleSupported() {
    return connection.canIdle();
  }

  /**
   * Hands every message now in the folder to the handler, oldest first, then files it. New messages
   * that arrive meanwhile are included. Returns the number of messages handled.
   *
   * <p>The UIDs are listed first (a number each, whatever the mailbox size); flags and envelopes
   * are then fetched {@value FolderDrain#BATCH_SIZE} at a time, and bodies one by one. Every
   * command names messages by UID, never by sequence number, so a second client moving messages
   * meanwhile can never make Puerto read or move the wrong one.
   *
   * @param stop checked before each message: the message in hand is always finished
   */
  public int drain(MessageHandler handler, BooleanSupplier stop) throws ImapException {
    try {
      return drain.drain(handler, stop);
    } catch (MessagingException e) {
      throw ImapErrors.translate(settings, e);
    }
  }

  /**
   * Waits until the folder may have changed: with IDLE until the server reports something, else
   * until the poll interval passed; at most {@code maxWait} either way, and less after {@link
   * #wakeUp}.
   */
  public void awaitChanges(Duration maxWait) throws ImapException {
    waiting.await(maxWait);
  }

  /** Ends {@link #awaitChanges} early; callable from any thread. */
  public void wakeUp() {
    waiting.wakeUp();
  }

  @Override
  public void close() {
    waiting.close();
    connection.close();
  }
}
