package dev.puerto.source;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in connection with the folder open for reading and writing, and what the server can
 * do. The timeouts, the TLS settings and the trust store are decided here.
 */
final class ImapConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ImapConnection.class);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Writes are small commands: one that does not go out within this time means a dead peer. */
  private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

  private final ImapSettings settings;
  private final IMAPStore store;
  private final IMAPFolder folder;
  private final long uidValidity;
  private final char separator;
  private final boolean canMove;
  private final boolean canExpungeByUid;
  private final boolean canIdle;

  private ImapConnection(ImapSettings settings, IMAPStore store, boolean preferMove)
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
  }

  /**
   * Connects, logs in and opens the folder.
   *
   * @param preferMove false uses COPY + \Deleted + EXPUNGE even where MOVE exists (tests)
   */
  static ImapConnection open(ImapSettings settings, boolean preferMove) throws ImapException {
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
      return new ImapConnection(settings, store, preferMove);
    } catch (MessagingException e) {
      closeQuietly(store);
      throw ImapErrors.translate(settings, e);
    } catch (ImapException | RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  ImapSettings settings() {
    return settings;
  }

  IMAPStore store() {
    return store;
  }

  IMAPFolder folder() {
    return folder;
  }

  long uidValidity() {
    return uidValidity;
  }

  boolean canMove() {
    return canMove;
  }

  boolean canExpungeByUid() {
    return canExpungeByUid;
  }

  boolean canIdle() {
    return canIdle;
  }

  /** The server's name for a folder written with {@code /} between levels. */
  String serverName(String name) {
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
              + (Files.isReadable(file) ? ImapErrors.rootMessage(e) : "no such readable file")
              + " (it must be a PKCS#12 or JKS key store; check --trust-store-password-file)",
          e);
    }
  }

  @Override
  public void close() {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException e) {
      log.debug("closing the folder failed", e);
    }
    closeQuietly(store);
  }

  private static void closeQuietly(IMAPStore store) {
    try {
      store.close();
    } catch (MessagingException e) {
      log.debug("closing the IMAP connection failed", e);
    }
  }
}
