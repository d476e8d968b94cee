package dev.puerto.source;

import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import dev.puerto.source.ImapSource.MessageHandler;
import dev.puerto.source.UidCommands.Fetched;
import dev.puerto.source.UidCommands.Header;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the folder message by message in UID order and in batches, hands each to the handler, and
 * has it filed once the handler returns. A message that vanished (another client moved it) is
 * skipped; no message is held in memory beyond the size limit.
 */
final class FolderDrain {
  private static final Logger log = LoggerFactory.getLogger(FolderDrain.class);

  /**
   * Messages whose UIDs, flags and envelopes are fetched in one command; bodies come one by one.
   */
  static final int BATCH_SIZE = 50;

  /** Messages up to this size are fetched in one piece, into memory; larger ones in pieces. */
  static final int IN_MEMORY_BYTES = 4 << 20;

  private final ImapConnection connection;
  private final UidCommands commands;
  private final Filing filing;
  private final long maxMessageBytes;

  /**
   * Another client works this folder too (a message vanished, or was filed meanwhile): messages are
   * then filed one by one, each right after its commit, so two sessions rarely move one at once.
   */
  private boolean contended;

  FolderDrain(ImapConnection connection, UidCommands commands, long maxMessageBytes) {
    this.connection = connection;
    this.commands = commands;
    this.filing = new Filing(connection, commands);
    this.maxMessageBytes = maxMessageBytes;
  }

  /** See {@link ImapSource#drain}. */
  int drain(MessageHandler handler, BooleanSupplier stop) throws MessagingException {
    int handled = 0;
    long lastUid = 0;
    while (!stop.getAsBoolean()) {
      long[] uids = commands.uidsAfter(lastUid);
      if (uids.length == 0) {
        break;
      }
      for (int from = 0; from < uids.length && !stop.getAsBoolean(); from += BATCH_SIZE) {
        long[] batch = Arrays.copyOfRange(uids, from, Math.min(uids.length, from + BATCH_SIZE));
        Map<Destination, List<Long>> filings = new EnumMap<>(Destination.class);
        try {
          for (Header header : headers(batch)) {
            if (stop.getAsBoolean()) {
              break;
            }
            if (connection.settings().afterImport() == AfterImport.MARK_SEEN && header.seen()) {
              continue;
            }
            Destination destination = handle(header, handler);
            if (destination != null) {
              handled++;
              if (destination != Destination.KEEP) {
                filings.computeIfAbsent(destination, d -> new ArrayList<>()).add(header.uid());
              }
              if (contended) {
                fileAll(filings);
                filings.clear();
              }
            }
          }
        } catch (RuntimeException | Error e) {
          // The handler gave up (the database went away, say): what it committed is still filed.
          fileQuietly(filings, e);
          throw e;
        }
        // Filed per batch, after every report in it is committed: one command per folder.
        fileAll(filings);
        lastUid = batch[batch.length - 1];
      }
    }
    return handled;
  }

  private void fileAll(Map<Destination, List<Long>> filings) throws MessagingException {
    contended |= filing.fileAll(filings);
  }

  private void fileQuietly(Map<Destination, List<Long>> filings, Throwable failure) {
    try {
      fileAll(filings);
    } catch (MessagingException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The batch's headers, in UID order; those the server left out are skipped (and logged). */
  private List<Header> headers(long[] uids) throws MessagingException {
    UidCommands.Headers headers = commands.headers(uids);
    if (headers.found().size() < uids.length) {
      long[] listed = headers.found().stream().mapToLong(Header::uid).toArray();
      for (long uid : uids) {
        if (Arrays.binarySearch(listed, uid) < 0) {
          skipUnread(uid, headers.refusal());
        }
      }
    }
    return headers.found();
  }

  /**
   * Where the message belongs, or null when it was not read (it vanished: another client moved it).
   * Whatever the server says a message's size is, no more than the limit is read of it.
   */
  private Destination handle(Header header, MessageHandler handler) throws MessagingException {
    long uid = header.uid();
    boolean overLimit = header.size() > maxMessageBytes;
    ImapSource.beforeBodyFetch.accept(uid);
    // One byte over the limit tells a message whose RFC822.SIZE was too small (servers differ).
    long upTo = maxMessageBytes >= UidCommands.MAX_PARTIAL ? Long.MAX_VALUE : maxMessageBytes + 1;
    if (!overLimit && (header.size() < 0 || header.size() > IN_MEMORY_BYTES)) {
      return handleLarge(header, handler, upTo);
    }
    Fetched fetched = commands.fetch(uid, 0, overLimit ? ImapSource.PREFIX_BYTES : upTo);
    if (fetched.bytes() == null) {
      skipUnread(uid, fetched.refusal());
      return null;
    }
    ImapPosition position = position(header);
    byte[] raw = fetched.bytes();
    if (overLimit || raw.length > maxMessageBytes) {
      long size = Math.max(header.size(), raw.length);
      byte[] prefix =
          raw.length > ImapSource.PREFIX_BYTES ? Arrays.copyOf(raw, ImapSource.PREFIX_BYTES) : raw;
      log.info(
          "{} UID {}: {} bytes, over the limit of {} bytes; only its first {} bytes were read",
          connection.folder().getFullName(),
          uid,
          size,
          maxMessageBytes,
          prefix.length);
      return handler.handle(InboundMessage.ofPrefix(Origin.of(position), prefix, size));
    }
    return handler.handle(InboundMessage.ofBytes(Origin.of(position), raw));
  }

  /**
   * A large message (or one of unknown size) is fetched a piece at a time into a temporary file
   * (owner-only), so that only one piece is ever in memory, then handed over from the file.
   */
  private Destination handleLarge(Header header, MessageHandler handler, long upTo)
      throws MessagingException {
    Path copy = null;
    try {
      copy = Files.createTempFile("puerto-fetched-", ".eml");
      long written = 0;
      try (OutputStream out = Files.newOutputStream(copy)) {
        while (written < upTo) {
          long want = Math.min(IN_MEMORY_BYTES, upTo - written);
          Fetched piece = commands.fetch(header.uid(), written, want);
          if (piece.bytes() == null) {
            if (written == 0) {
              skipUnread(header.uid(), piece.refusal());
              return null;
            }
            break;
          }
          out.write(piece.bytes());
          written += piece.bytes().length;
          if (piece.bytes().length < want) {
            break;
          }
        }
      }
      ImapPosition position = position(header);
      if (written > maxMessageBytes) {
        byte[] prefix;
        try (InputStream in = Files.newInputStream(copy)) {
          prefix = in.readNBytes(ImapSource.PREFIX_BYTES);
        }
        return handler.handle(
            InboundMessage.ofPrefix(Origin.of(position), prefix, Math.max(written, header.size())));
      }
      return handler.handle(InboundMessage.ofTemporaryFile(Origin.of(position), copy, written));
    } catch (IOException e) {
      throw new MessagingException("cannot keep a copy of the message: " + e.getMessage(), e);
    } finally {
      deleteQuietly(copy);
    }
  }

  private ImapPosition position(Header header) {
    ImapSettings settings = connection.settings();
    return new ImapPosition(
        settings.server(),
        settings.login().user(),
        connection.folder().getFullName(),
        connection.uidValidity(),
        header.uid(),
        header.messageId(),
        header.sentAt());
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }

  /**
   * Logs a message the server did not hand over: gone (INFO), or still there and refused (WARN; it
   * is left where it is and read again next time). Either way the run goes on.
   */
  private void skipUnread(long uid, String refusal) throws MessagingException {
    if (!commands.stillThere(uid)) {
      contended = true;
      log.info(
          "{} UID {} vanished before it was read (another client moved it?)",
          connection.folder().getFullName(),
          uid);
    } else {
      log.warn(
          "{} UID {}: the server did not send it{}; left in place, to be read again next time",
          connection.folder().getFullName(),
          uid,
          refusal == null ? "" : " (" + refusal + ")");
    }
  }
}
