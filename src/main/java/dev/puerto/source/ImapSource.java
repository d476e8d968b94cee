package dev.puerto.source;

import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One folder of an IMAP mailbox, read message by message in UID order and in batches, so a mailbox
 * of any size is never loaded at once. Each message is handed over as raw bytes; once the handler
 * returns (its reports are committed), the message is moved, flagged or deleted as configured. A
 * crash in between leaves the message where it was: the next run reads it again, and the database
 * recognises it.
 */
public final class ImapSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapSource.class);

  /**
   * Messages whose UIDs, flags and envelopes are fetched in one command; bodies come one by one.
   */
  static final int BATCH_SIZE = 50;

  /** Messages after which the folder is closed and opened again, dropping cached messages. */
  private static final int REOPEN_AFTER = 2_000;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Receives each message; returns where it belongs once its reports are committed. */
  @FunctionalInterface
  public interface MessageHandler {
    Destination handle(InboundMessage message);
  }

  private final ImapSettings settings;
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
  private volatile boolean idling;
  private volatile boolean wakeRequested;

  private ImapSource(ImapSettings settings, IMAPStore store, boolean preferMove)
      throws MessagingException, ImapException {
    this.settings = settings;
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

  /** Connects, logs in and opens the folder for reading and writing. */
  public static ImapSource open(ImapSettings settings) throws ImapException {
    return open(settings, true);
  }

  /** {@code preferMove} false uses COPY + \Deleted + EXPUNGE even where MOVE exists (tests). */
  static ImapSource open(ImapSettings settings, boolean preferMove) throws ImapException {
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
      return new ImapSource(settings, store, preferMove);
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
   * <p>The UIDs are listed first (a number each, whatever the mailbox size); UIDs, flags and
   * envelopes are then fetched {@link #BATCH_SIZE} at a time, and bodies one by one. The folder is
   * reopened every few thousand messages so that the mail library's per-message cache stays small.
   *
   * @param stop checked before each message: the message in hand is always finished
   */
  public int drain(MessageHandler handler, BooleanSupplier stop) throws ImapException {
    int handled = 0;
    long lastUid = 0;
    int sinceReopen = 0;
    try {
      while (!stop.getAsBoolean()) {
        long[] uids = uidsAfter(lastUid);
        if (uids.length == 0) {
          break;
        }
        for (int from = 0; from < uids.length && !stop.getAsBoolean(); from += BATCH_SIZE) {
          long[] batchUids =
              Arrays.copyOfRange(uids, from, Math.min(uids.length, from + BATCH_SIZE));
          Message[] batch = folder.getMessagesByUID(batchUids);
          folder.fetch(present(batch), batchProfile());
          for (Message message : batch) {
            if (stop.getAsBoolean()) {
              break;
            }
            if (message == null || message.isExpunged() || skipped(message)) {
              continue;
            }
            if (handle((IMAPMessage) message, handler)) {
              handled++;
            }
          }
          lastUid = batchUids[batchUids.length - 1];
          sinceReopen += batchUids.length;
          if (sinceReopen >= REOPEN_AFTER) {
            reopen();
            sinceReopen = 0;
          }
        }
      }
      return handled;
    } catch (MessagingException e) {
      throw translate(settings, e);
    }
  }

  /** UIDs above {@code lastUid}, ascending ({@code UID SEARCH UID n:*}). */
  private long[] uidsAfter(long lastUid) throws MessagingException {
    long[] found =
        (long[])
            folder.doCommand(
                protocol -> {
                  Response[] responses =
                      protocol.command("UID SEARCH UID " + (lastUid + 1) + ":*", null);
                  Response result = responses[responses.length - 1];
                  LongStream.Builder uids = LongStream.builder();
                  for (int i = 0; i < responses.length - 1; i++) {
                    if (responses[i] instanceof IMAPResponse response
                        && response.keyEquals("SEARCH")) {
                      for (long uid = response.readLong(); uid != -1; uid = response.readLong()) {
                        uids.add(uid);
                      }
                      responses[i] = null;
                    }
                  }
                  protocol.notifyResponseHandlers(responses);
                  protocol.handleResult(result);
                  return uids.build().toArray();
                });
    // "n:*" always includes the highest UID, even when it is below n.
    return Arrays.stream(found).filter(uid -> uid > lastUid).sorted().toArray();
  }

  private void reopen() throws MessagingException, ImapException {
    folder.close(false);
    folder.open(Folder.READ_WRITE);
    if (folder.getUIDValidity() != uidValidity) {
      // Rare (the folder was recreated): UIDs start over; what was imported counts as duplicate.
      throw new ImapException(
          ImapException.Kind.UNREACHABLE,
          "the UIDVALIDITY of " + describe() + " changed while reading it; run again");
    }
  }

  private static Message[] present(Message[] messages) {
    return Arrays.stream(messages).filter(Objects::nonNull).toArray(Message[]::new);
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

  /** Returns true when the message was handled (false: it vanished meanwhile). */
  private boolean handle(IMAPMessage message, MessageHandler handler) throws MessagingException {
    ImapPosition position;
    byte[] raw;
    try {
      position =
          new ImapPosition(
              settings.server(),
              settings.login().user(),
              folder.getFullName(),
              uidValidity,
              folder.getUID(message),
              messageId(message),
              message.getSentDate() == null ? null : message.getSentDate().toInstant());
      raw = read(message);
    } catch (MessageRemovedException e) {
      log.info("a message vanished before it was read (another client moved it?)");
      return false;
    }
    Destination destination = handler.handle(InboundMessage.ofBytes(Origin.of(position), raw));
    if (destination != Destination.KEEP) {
      file(message, destination);
    }
    return true;
  }

  private void file(Message message, Destination destination) throws MessagingException {
    AfterImport after = settings.afterImport();
    try {
      if (after == AfterImport.MARK_SEEN) {
        message.setFlag(Flags.Flag.SEEN, true);
      } else if (after == AfterImport.DELETE && destination == Destination.PROCESSED) {
        delete(message);
      } else {
        move(message, target(destination));
      }
    } catch (MessageRemovedException e) {
      log.info("a message was moved by another client before Puerto could file it");
    }
  }

  private void move(Message message, Folder target) throws MessagingException {
    Message[] one = {message};
    if (canMove) {
      folder.moveMessages(one, target);
    } else {
      folder.copyMessages(one, target);
      delete(message);
    }
  }

  private void delete(Message message) throws MessagingException {
    message.setFlag(Flags.Flag.DELETED, true);
    if (canExpungeByUid) {
      folder.expunge(new Message[] {message});
    } else {
      folder.expunge();
    }
  }

  private Folder target(Destination destination) throws MessagingException {
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
    return target;
  }

  private boolean skipped(Message message) throws MessagingException {
    return settings.afterImport() == AfterImport.MARK_SEEN && message.isSet(Flags.Flag.SEEN);
  }

  private static FetchProfile batchProfile() {
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    profile.add(FetchProfile.Item.ENVELOPE);
    profile.add(FetchProfile.Item.FLAGS);
    return profile;
  }

  private static byte[] read(IMAPMessage message) throws MessagingException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
    try {
      message.writeTo(raw);
    } catch (IOException e) {
      throw new MessagingException("cannot read the message: " + e.getMessage(), e);
    }
    return raw.toByteArray();
  }

  private static String messageId(IMAPMessage message) throws MessagingException {
    String id = message.getMessageID();
    if (id == null) {
      return null;
    }
    id = id.strip();
    return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
  }

  /** The server's name for a folder written with {@code /} between levels. */
  private String serverName(String name) {
    return name.replace('/', separator);
  }

  private static Properties properties(ImapSettings settings, SSLSocketFactory tls) {
    String protocol = settings.security() == ImapSecurity.IMAPS ? "imaps" : "imap";
    String prefix = "mail." + protocol + ".";
    Properties properties = new Properties();
    properties.put(prefix + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    properties.put(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
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
        || find(e, IOException.class) != null) {
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
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(IMAPStore store) {
    try {
      store.close();
    } catch (MessagingException e) {
      log.debug("closing the IMAP connection failed", e);
    }
  }
}
