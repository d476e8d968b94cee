package dev.puerto.source;

import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class ImapSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapSource.class);

  /**
   * Messages whose UIDs, flags and envelopes are fetched in one command; bodies come one by one.
   */
  static final int BATCH_SIZE = 50;

  /** Bytes fetched of a message over the size limit, so that its headers can be recorded. */
  public static final int PREFIX_BYTES = 64 * 1024;

  /** Messages up to this size are fetched in one piece, into memory; larger ones in pieces. */
  static final int IN_MEMORY_BYTES = 4 << 20;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private static final String SYNTHETIC_BYE = "* BYE Jakarta Mail Exception:";

  /** Writes are small commands: one that does not go out within this time means a dead peer. */
  private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

  /** The largest partial fetch IMAP can express: a 32-bit number of bytes. */
  private static final long MAX_PARTIAL = 0xFFFF_FFFFL;

  /** Called with a message's UID just before its body is fetched; tests make races happen there. */
  static volatile LongConsumer beforeBodyFetch = uid -> {};

  /** Receives each message; returns where it belongs once its reports are committed. */
  @FunctionalInterface
  public interface MessageHandler {
    Destination handle(InboundMessage message);
  }

  private final ImapSettings settings;
  private final long maxMessageBytes;
  private final IMAPStore store;
  private final IMAPFolder folder;
  private final long uidValidity;
  private final char separator;
  private final boolean canMove;
  private final boolean canExpungeByUid;
  private final boolean canIdle;
  private final Map<Destination, Folder> targets = new EnumMap<>(Destination.class);
  private final ScheduledExecutorService timer;
  private final Object pollLock = new Object();

  /**
   * Another client works this folder too (a message vanished, or was filed meanwhile): messages are
   * then filed one by one, each right after its commit, so two sessions rarely move one at once.
   */
  private boolean contended;

  private volatile boolean idling;
  private volatile boolean wakeRequested;

  private ImapSource(
      ImapSettings settings, long maxMessageBytes, IMAPStore store, boolean preferMove)
      throws MessagingException, ImapException {
    this.settings = settings;
    this.maxMessageBytes = maxMessageBytes;
    this.store = store;
    this.separator = store.getDefaultFolder().getSeparator();
    this.folder = (IMAPFolder) store.getFolder(serverName(settings.folders().source()));
    if (!folder.exists()) {
      throw new ImapException(
          ImapException.Kind.CONFIGURATION,
          "the folder "
              + settings.folders().source()
              + " does not exist in the mailbox of "
              + settings.login().user()
              + " on "
              + settings.server()
              + " (check --imap-folder)");
    }
    folder.open(Folder.READ_WRITE);
    this.uidValidity = folder.getUIDValidity();
    this.canMove = preferMove && store.hasCapability("MOVE");
    this.canExpungeByUid = store.hasCapability("UIDPLUS");
    this.canIdle = store.hasCapability("IDLE");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "imap-idle-timer");
              thread.setDaemon(true);
              return thread;
            });
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
    Session session = Session.getInstance(properties(settings, socketFactory(settings)));
    IMAPStore store;
    try {
      store =
          (IMAPStore)
              session.getStore(settings.security() == ImapSecurity.IMAPS ? "imaps" : "imap");
    } catch (MessagingException e) {
      throw new IllegalStateException("the IMAP provider is part of Puerto", e);
    }
    try {
      store.connect(
          settings.host(),
          settings.port(),
          settings.login().user(),
          settings.login().secret().get());
      return new ImapSource(settings, maxMessageBytes, store, preferMove);
    } catch (MessagingException e) {
      closeQuietly(store);
      throw translate(settings, e);
    } catch (ImapException | RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
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
    return canIdle;
  }

  /**
   * Hands every message now in the folder to the handler, oldest first, then files it. New messages
   * that arrive meanwhile are included. Returns the number of messages handled.
   *
   * <p>The UIDs are listed first (a number each, whatever the mailbox size); flags and envelopes
   * are then fetched {@link #BATCH_SIZE} at a time, and bodies one by one. Every command names
   * messages by UID, never by sequence number, so a second client moving messages meanwhile can
   * never make Puerto read or move the wrong one.
   *
   * @param stop checked before each message: the message in hand is always finished
   */
  public int drain(MessageHandler handler, BooleanSupplier stop) throws ImapException {
    int handled = 0;
    long lastUid = 0;
    try {
      while (!stop.getAsBoolean()) {
        long[] uids = uidsAfter(lastUid);
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
              if (settings.afterImport() == AfterImport.MARK_SEEN && header.seen()) {
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
    } catch (MessagingException e) {
      throw translate(settings, e);
    }
  }

  private void fileQuietly(Map<Destination, List<Long>> filings, Throwable failure) {
    try {
      fileAll(filings);
    } catch (MessagingException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Files each message in its folder, leaving out those another client (a second Puerto reading the
   * same messages) filed meanwhile: two sessions moving one message at once can both copy it, so
   * asking first keeps the target folders free of most duplicates.
   */
  private void fileAll(Map<Destination, List<Long>> filings) throws MessagingException {
    if (filings.isEmpty()) {
      return;
    }
    Set<Long> present = present(filings.values().stream().flatMap(List::stream).toList());
    int gone = 0;
    for (Map.Entry<Destination, List<Long>> filing : filings.entrySet()) {
      List<Long> still = filing.getValue().stream().filter(present::contains).toList();
      gone += filing.getValue().size() - still.size();
      if (!still.isEmpty()) {
        file(still, filing.getKey());
      }
    }
    if (gone > 0) {
      log.info(
          "{}: {} of the messages just read were filed meanwhile by another client",
          folder.getFullName(),
          gone);
      contended = true;
    }
  }

  /** Those of these UIDs still in the folder, known after a NOOP (see {@link #stillThere}). */
  private Set<Long> present(List<Long> uids) throws MessagingException {
    noop();
    String set = uids.stream().map(Object::toString).collect(Collectors.joining(","));
    return Arrays.stream(uidSearch("UID " + set)).boxed().collect(Collectors.toSet());
  }

  private void noop() throws MessagingException {
    folder.doCommand(
        protocol -> {
          protocol.simpleCommand("NOOP", null);
          return null;
        });
  }

  /**
   * What the batch fetch tells about one message.
   *
   * @param size its RFC822.SIZE, or -1 when the server did not say
   */
  private record Header(long uid, boolean seen, String messageId, Instant sentAt, long size) {}

  /** UIDs above {@code lastUid}, ascending ({@code UID SEARCH UID n:*}). */
  private long[] uidsAfter(long lastUid) throws MessagingException {
    long[] found = uidSearch("UID " + (lastUid + 1) + ":*");
    // "n:*" always includes the highest UID, even when it is below n.
    return Arrays.stream(found).filter(uid -> uid > lastUid).sorted().toArray();
  }

  /** The UIDs that {@code UID SEARCH criteria} finds, in the server's order. */
  private long[] uidSearch(String criteria) throws MessagingException {
    return (long[])
        folder.doCommand(
            protocol -> {
              Response[] responses = protocol.command("UID SEARCH " + criteria, null);
              LongStream.Builder uids = LongStream.builder();
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof IMAPResponse response && response.keyEquals("SEARCH")) {
                  for (long uid = response.readLong(); uid != -1; uid = response.readLong()) {
                    uids.add(uid);
                  }
                  responses[i] = null;
                }
              }
              finish(protocol, responses);
              return uids.build().toArray();
            });
  }

  /**
   * Flags, envelopes and sizes of these messages, in UID order. Messages the server leaves out are
   * skipped (and logged): another client moved them, or the server cannot read them now.
   */
  private List<Header> headers(long[] uids) throws MessagingException {
    String set = Arrays.stream(uids).mapToObj(Long::toString).collect(Collectors.joining(","));
    String[] refusal = new String[1];
    @SuppressWarnings("unchecked")
    List<Header> headers =
        (List<Header>)
            folder.doCommand(
                protocol -> {
                  Response[] responses =
                      protocol.command(
                          "UID FETCH " + set + " (UID FLAGS ENVELOPE RFC822.SIZE)", null);
                  List<Header> found = new ArrayList<>();
                  for (int i = 0; i < responses.length - 1; i++) {
                    if (responses[i] instanceof FetchResponse fetch) {
                      UID uid = fetch.getItem(UID.class);
                      ENVELOPE envelope = fetch.getItem(ENVELOPE.class);
                      FLAGS flags = fetch.getItem(FLAGS.class);
                      RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                      if (uid != null && envelope != null) {
                        found.add(
                            new Header(
                                uid.uid,
                                flags != null && flags.contains(Flags.Flag.SEEN),
                                messageId(envelope.messageId),
                                envelope.date == null ? null : envelope.date.toInstant(),
                                size == null ? -1 : size.size));
                      }
                      responses[i] = null;
                    }
                  }
                  refusal[0] = finishUnlessNo(protocol, responses);
                  found.sort(Comparator.comparingLong(Header::uid));
                  return found;
                });
    if (headers.size() < uids.length) {
      long[] listed = headers.stream().mapToLong(Header::uid).toArray();
      for (long uid : uids) {
        if (Arrays.binarySearch(listed, uid) < 0) {
          skipUnread(uid, refusal[0]);
        }
      }
    }
    return headers;
  }

  /**
   * Bytes of a message, at most {@code maxBytes} from its start ({@code BODY.PEEK[]<0.n>}).
   *
   * @return the bytes, or null when the server sent none (the message is gone, or refused)
   */
  private Fetched fetch(long uid, long maxBytes) throws MessagingException {
    return fetch(uid, 0, maxBytes);
  }

  /** Bytes of a message from {@code offset}, at most {@code maxBytes} of them. */
  private Fetched fetch(long uid, long offset, long maxBytes) throws MessagingException {
    String section =
        maxBytes > MAX_PARTIAL ? "BODY.PEEK[]" : "BODY.PEEK[]<" + offset + "." + maxBytes + ">";
    return (Fetched)
        folder.doCommand(
            protocol -> {
              Response[] responses =
                  protocol.command("UID FETCH " + uid + " (" + section + ")", null);
              byte[] raw = null;
              for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse fetch) {
                  UID fetched = fetch.getItem(UID.class);
                  BODY body = fetch.getItem(BODY.class);
                  // BODY[] NIL is how Dovecot answers for a message another session expunged.
                  if (fetched != null
                      && fetched.uid == uid
                      && body != null
                      && body.getByteArray() != null) {
                    raw = body.getByteArray().getNewBytes();
                  }
                  responses[i] = null;
                }
              }
              String refusal = finishUnlessNo(protocol, responses);
              return new Fetched(raw, refusal);
            });
  }

  /**
   * What a body fetch gave.
   *
   * @param bytes the message's bytes (from its start), or null when none came
   * @param refusal the server's text when it answered NO, else null
   */
  private record Fetched(byte[] bytes, String refusal) {}

  /** {@code UID <command> <uids> <arguments>}, e.g. UID MOVE 7,9 "Archive/DMARC". */
  private void uidCommand(String command, String uidSet, String mailbox, String atoms)
      throws MessagingException {
    folder.doCommand(
        protocol -> {
          Argument arguments = new Argument();
          arguments.writeAtom(uidSet);
          if (mailbox != null) {
            arguments.writeString(BASE64MailboxEncoder.encode(mailbox));
          }
          if (atoms != null) {
            arguments.writeAtom(atoms);
          }
          finish(protocol, protocol.command("UID " + command, arguments));
          return null;
        });
  }

  // Untagged responses (EXISTS, EXPUNGE) go to the folder as usual; a NO or BAD throws.
  private static void finish(IMAPProtocol protocol, Response[] responses) throws ProtocolException {
    Response result = responses[responses.length - 1];
    protocol.notifyResponseHandlers(responses);
    protocol.handleResult(result);
  }

  /**
   * As {@link #finish}, but a NO is returned (its text) instead of thrown: to a FETCH it means that
   * some of the messages are gone or unreadable, and what did come is good. BAD and BYE still
   * throw.
   */
  private static String finishUnlessNo(IMAPProtocol protocol, Response[] responses)
      throws ProtocolException {
    Response result = responses[responses.length - 1];
    protocol.notifyResponseHandlers(responses);
    if (result.isNO()) {
      String text = result.getRest();
      return text == null || text.isBlank() ? "NO" : text.strip();
    }
    protocol.handleResult(result);
    return null;
  }

  /**
   * Waits until the folder may have changed: with IDLE until the server reports something, else
   * until the poll interval passed; at most {@code maxWait} either way, and less after {@link
   * #wakeUp}.
   */
  public void awaitChanges(Duration maxWait) throws ImapException {
    if (!canIdle) {
      synchronized (pollLock) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long left;
        while (!wakeRequested && (left = deadline - System.nanoTime()) > 0) {
          try {
            TimeUnit.NANOSECONDS.timedWait(pollLock, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        wakeRequested = false;
      }
      return;
    }
    ScheduledFuture<?> renewal =
        timer.schedule(this::wakeUp, maxWait.toMillis(), TimeUnit.MILLISECONDS);
    idling = true;
    try {
      if (!wakeRequested) {
        folder.idle(true);
      }
    } catch (MessagingException e) {
      throw translate(settings, e);
    } finally {
      idling = false;
      wakeRequested = false;
      renewal.cancel(false);
    }
  }

  /** Ends {@link #awaitChanges} early; callable from any thread. */
  public void wakeUp() {
    wakeRequested = true;
    synchronized (pollLock) {
      pollLock.notifyAll();
    }
    if (idling) {
      try {
        // Any command on the folder from another thread makes the IDLE end.
        folder.doCommand(
            protocol -> {
              protocol.simpleCommand("NOOP", null);
              return null;
            });
      } catch (MessagingException | RuntimeException e) {
        log.debug("waking the IDLE failed", e);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      log.debug("closing the folder failed", e);
    }
    closeQuietly(store);
  }

  /**
   * Where the message belongs, or null when it was not read (it vanished: another client moved it).
   * Whatever the server says a message's size is, no more than the limit is read of it.
   */
  private Destination handle(Header header, MessageHandler handler) throws MessagingException {
    long uid = header.uid();
    boolean overLimit = header.size() > maxMessageBytes;
    beforeBodyFetch.accept(uid);
    // One byte over the limit tells a message whose RFC822.SIZE was too small (servers differ).
    long upTo = maxMessageBytes >= MAX_PARTIAL ? Long.MAX_VALUE : maxMessageBytes + 1;
    if (!overLimit && (header.size() < 0 || header.size() > IN_MEMORY_BYTES)) {
      return handleLarge(header, handler, upTo);
    }
    Fetched fetched = fetch(uid, overLimit ? PREFIX_BYTES : upTo);
    if (fetched.bytes() == null) {
      skipUnread(uid, fetched.refusal());
      return null;
    }
    ImapPosition position = position(header);
    byte[] raw = fetched.bytes();
    if (overLimit || raw.length > maxMessageBytes) {
      long size = Math.max(header.size(), raw.length);
      byte[] prefix = raw.length > PREFIX_BYTES ? Arrays.copyOf(raw, PREFIX_BYTES) : raw;
      log.info(
          "{} UID {}: {} bytes, over the limit of {} bytes; only its first {} bytes were read",
          folder.getFullName(),
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
          Fetched piece = fetch(header.uid(), written, want);
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
          prefix = in.readNBytes(PREFIX_BYTES);
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
    return new ImapPosition(
        settings.server(),
        settings.login().user(),
        folder.getFullName(),
        uidValidity,
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
    if (!stillThere(uid)) {
      contended = true;
      log.info(
          "{} UID {} vanished before it was read (another client moved it?)",
          folder.getFullName(),
          uid);
    } else {
      log.warn(
          "{} UID {}: the server did not send it{}; left in place, to be read again next time",
          folder.getFullName(),
          uid,
          refusal == null ? "" : " (" + refusal + ")");
    }
  }

  /**
   * Files messages whose reports are committed. When the server refuses the whole set because one
   * of them is gone (another client filed it), they are filed one by one.
   */
  private void file(List<Long> uids, Destination destination) throws MessagingException {
    String set = uids.stream().map(Object::toString).collect(Collectors.joining(","));
    try {
      file(set, destination);
    } catch (MessagingException e) {
      if (uids.size() == 1 || find(e, CommandFailedException.class) == null) {
        unlessVanished(
            uids.get(0),
            () -> {
              throw e;
            });
        return;
      }
      for (long uid : uids) {
        unlessVanished(
            uid,
            () -> {
              file(Long.toString(uid), destination);
              return destination;
            });
      }
    }
  }

  /**
   * Whether the message is still in the folder. A NOOP first makes the server report expunges by
   * other sessions that it had not told this one yet (Dovecot still lists those in a SEARCH).
   */
  private boolean stillThere(long uid) throws MessagingException {
    noop();
    return Arrays.stream(uidSearch("UID " + uid)).anyMatch(found -> found == uid);
  }

  private interface UidStep<T> {
    T run() throws MessagingException;
  }

  /**
   * Runs a command on one message; when the server refuses it because the message is gone (another
   * client filed it meanwhile), returns null instead of failing.
   */
  private <T> T unlessVanished(long uid, UidStep<T> step) throws MessagingException {
    try {
      return step.run();
    } catch (MessagingException e) {
      if (find(e, CommandFailedException.class) == null || stillThere(uid)) {
        throw e;
      }
      contended = true;
      log.info(
          "{} UID {} vanished meanwhile (another client filed it?)", folder.getFullName(), uid);
      return null;
    }
  }

  // Servers ignore a UID that is gone, or refuse it (GreenMail): see file(List, Destination).
  private void file(String uidSet, Destination destination) throws MessagingException {
    AfterImport after = settings.afterImport();
    if (after == AfterImport.MARK_SEEN) {
      uidCommand("STORE", uidSet, null, "+FLAGS.SILENT (\\Seen)");
    } else if (after == AfterImport.DELETE && destination == Destination.PROCESSED) {
      delete(uidSet);
    } else if (canMove) {
      uidCommand("MOVE", uidSet, target(destination), null);
    } else {
      uidCommand("COPY", uidSet, target(destination), null);
      delete(uidSet);
    }
  }

  private void delete(String uidSet) throws MessagingException {
    uidCommand("STORE", uidSet, null, "+FLAGS.SILENT (\\Deleted)");
    if (canExpungeByUid) {
      uidCommand("EXPUNGE", uidSet, null, null);
    } else {
      folder.expunge();
    }
  }

  /** The server's full name of the destination's folder, created the first time if missing. */
  private String target(Destination destination) throws MessagingException {
    Folder target = targets.get(destination);
    if (target == null) {
      String name = settings.folders().folderFor(destination);
      target = store.getFolder(serverName(name));
      // Another client (a second puerto) may create it at the same moment: fine either way.
      if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES) && !target.exists()) {
        throw new MessagingException("cannot create the folder " + name);
      }
      targets.put(destination, target);
    }
    return target.getFullName();
  }

  private static String messageId(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String id = header.strip();
    return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
  }

  /** The server's name for a folder written with {@code /} between levels. */
  private String serverName(String name) {
    return name.replace('/', separator);
  }

  static Properties properties(ImapSettings settings, SSLSocketFactory tls) {
    String protocol = settings.security() == ImapSecurity.IMAPS ? "imaps" : "imap";
    String prefix = "mail." + protocol + ".";
    Properties properties = new Properties();
    // A server that stops answering, or stops reading, ends in an error, never in a hang.
    properties.put(prefix + "connectiontimeout", Long.toString(shorter(CONNECT_TIMEOUT, settings)));
    properties.put(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
    properties.put(prefix + "writetimeout", Long.toString(shorter(WRITE_TIMEOUT, settings)));
    // Fetching does not set \Seen; Puerto files the message itself once it is committed.
    properties.put(prefix + "peek", "true");
    // Reports are small: one FETCH per message instead of 16 KiB pieces.
    properties.put(prefix + "partialfetch", "false");
    // A failing socket factory must fail the connection, not be silently replaced by the default.
    properties.put(prefix + "socketFactory.fallback", "false");
    if (settings.login().oauth2()) {
      properties.put(prefix + "auth.mechanisms", "XOAUTH2");
    }
    if (settings.security() != ImapSecurity.PLAIN) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
      if (tls != null) {
        properties.put(prefix + "ssl.socketFactory", tls);
      }
    }
    if (settings.security() == ImapSecurity.STARTTLS) {
      properties.put(prefix + "starttls.enable", "true");
      properties.put(prefix + "starttls.required", "true");
    }
    return properties;
  }

  private static long shorter(Duration timeout, ImapSettings settings) {
    return Math.min(timeout.toMillis(), settings.readTimeout().toMillis());
  }

  private static SSLSocketFactory socketFactory(ImapSettings settings) throws ImapException {
    Path file = settings.trustStore();
    if (file == null) {
      return null;
    }
    char[] password =
        settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
    try {
      KeyStore trusted = KeyStore.getInstance(file.toFile(), password);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new ImapException(
          ImapException.Kind.CONFIGURATION,
          "cannot read the trust store "
              + file
              + ": "
              + (Files.isReadable(file) ? rootMessage(e) : "no such readable file")
              + " (it must be a PKCS#12 or JKS key store; check --trust-store-password-file)",
          e);
    }
  }

  static ImapException translate(ImapSettings settings, MessagingException e) {
    String server = settings.server();
    if (e instanceof AuthenticationFailedException) {
      return new ImapException(
          ImapException.Kind.LOGIN_REFUSED,
          server
              + " refused the login of "
              + settings.login().user()
              + (e.getMessage() == null ? "" : " (" + e.getMessage().strip() + ")")
              + ": check --imap-user and "
              + (settings.login().oauth2()
                  ? "the OAuth2 access token (expired? wrong scope?)"
                  : "the password (PUERTO_IMAP_PASSWORD or --imap-password-file)"),
          e);
    }
    if (e instanceof FolderNotFoundException) {
      return new ImapException(
          ImapException.Kind.CONFIGURATION,
          "folder not found on " + server + ": " + e.getMessage() + " (check --imap-folder)",
          e);
    }
    Throwable tls = find(e, SSLException.class, CertificateException.class);
    String message = rootMessage(e);
    if (tls != null || message.contains("STARTTLS") || message.contains("verify identity")) {
      boolean wrongName =
          message.contains("verify identity")
              || message.contains("subject alternative names")
              || message.contains("No name matching");
      String hint =
          wrongName
              ? "the server's certificate does not name "
                  + settings.host()
                  + "; connect with a host name the certificate lists"
              : message.contains("STARTTLS")
                  ? "the server does not offer STARTTLS; use --imap-security imaps"
                  : "if the server uses a self-signed or private certificate, give it with"
                      + " --trust-store FILE (a PKCS#12 or JKS key store holding the certificate)";
      return new ImapException(
          ImapException.Kind.TLS, "TLS with " + server + " failed: " + message + "; " + hint, e);
    }
    if (find(e, UnknownHostException.class) != null) {
      return new ImapException(
          ImapException.Kind.UNREACHABLE,
          "unknown host " + settings.host() + " (check --imap-host)",
          e);
    }
    if (find(e, ConnectException.class, NoRouteToHostException.class, SocketTimeoutException.class)
            != null
        || e instanceof FolderClosedException
        || e instanceof StoreClosedException
        || find(e, IOException.class, ConnectionException.class) != null) {
      return new ImapException(
          ImapException.Kind.UNREACHABLE,
          "cannot reach the IMAP server "
              + server
              + ": "
              + message
              + " (check --imap-host, --imap-port and --imap-security; messages already"
              + " committed are kept, the rest are read next time)",
          e);
    }
    return new ImapException(
        ImapException.Kind.UNREACHABLE, "IMAP error from " + server + ": " + message, e);
  }

  @SafeVarargs
  private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable cause = e; cause != null; cause = next(cause)) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(cause)) {
          return cause;
        }
      }
    }
    return null;
  }

  // MessagingException chains through getNextException() as well as getCause().
  private static Throwable next(Throwable e) {
    Throwable cause = e.getCause();
    if (cause == null && e instanceof MessagingException messaging) {
      cause = messaging.getNextException();
    }
    return cause == e ? null : cause;
  }

  private static String rootMessage(Throwable e) {
    String message = null;
    for (Throwable cause = e; cause != null; cause = next(cause)) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage().strip();
      }
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // A read that failed (a timeout, say) comes as a BYE that Jakarta Mail made up itself.
    return message.startsWith(SYNTHETIC_BYE)
        ? message.substring(SYNTHETIC_BYE.length()).strip()
        : message;
  }

  private static void closeQuietly(IMAPStore store) {
    try {
      store.close();
    } catch (MessagingException e) {
      log.debug("closing the IMAP connection failed", e);
    }
  }
}
