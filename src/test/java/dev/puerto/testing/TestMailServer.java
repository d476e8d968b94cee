package dev.puerto.testing;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.TokenValidator;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserImpl;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real IMAP server in-process (GreenMail) speaking IMAPS on a free loopback port, with a
 * certificate generated for {@code localhost} at test time and a trust store holding it. The server
 * can be stopped and started again on the same port with its mailboxes intact, as a crashed and
 * restarted server would be.
 */
public final class TestMailServer implements AutoCloseable {
  public static final String USER = "postmaster@example.com";
  public static final String PASSWORD = "correct horse battery staple";
  public static final String HOST = "localhost";

  private final Managers managers = new Managers();
  private final GreenMailUser user;
  private ServerSetup setup;
  private NoDelayImapServer server;
  private NoDelayImapServer plainServer;

  private TestMailServer() {
    certificates();
    try {
      user = managers.getUserManager().createUser(USER, USER, PASSWORD);
    } catch (UserException e) {
      throw new IllegalStateException(e);
    }
    setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS);
    startServer();
  }

  /** Starts a server with one empty mailbox (user {@link #USER}, password {@link #PASSWORD}). */
  public static TestMailServer start() {
    return new TestMailServer();
  }

  public int port() {
    return server.getPort();
  }

  /**
   * Also listens for unencrypted IMAP (no STARTTLS: GreenMail does not offer it) and returns that
   * port.
   */
  public int startPlainServer() {
    if (plainServer == null) {
      plainServer =
          new NoDelayImapServer(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP), managers);
      plainServer.startService();
      try {
        plainServer.waitTillRunning(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return plainServer.getPort();
  }

  /** The trust store (PKCS#12) holding the server's certificate. */
  public Path trustStore() {
    return certificates().trustStore();
  }

  /** A file holding the trust store's password. */
  public Path trustStorePasswordFile() {
    return certificates().trustStorePasswordFile();
  }

  /** Environment for {@code puerto fetch/watch} against this server, password included. */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PUERTO_IMAP_HOST", HOST);
    env.put("PUERTO_IMAP_PORT", Integer.toString(port()));
    env.put("PUERTO_IMAP_USER", USER);
    env.put("PUERTO_IMAP_PASSWORD", PASSWORD);
    env.put("PUERTO_TRUST_STORE", trustStore().toString());
    env.put("PUERTO_TRUST_STORE_PASSWORD_FILE", trustStorePasswordFile().toString());
    return env;
  }

  /** Adds a second (third, ...) mailbox on this server, with its own login. */
  public void addUser(String login, String password) {
    try {
      managers.getUserManager().createUser(login, login, password);
    } catch (UserException e) {
      throw new IllegalStateException(e);
    }
  }

  /** XOAUTH2 tokens for {@link #USER} are checked by this instead of as a password. */
  public void acceptTokens(TokenValidator validator) {
    ((UserImpl) user).setTokenValidator(validator);
  }

  /** Delivers a raw RFC 5322 message to the inbox. */
  public void deliver(byte[] raw) {
    deliver(user, raw);
  }

  /** Delivers a raw RFC 5322 message to the inbox of a user made with {@link #addUser}. */
  public void deliver(String login, byte[] raw) {
    deliver(managers.getUserManager().getUser(login), raw);
  }

  /** Messages in a folder of a user made with {@link #addUser}. */
  public int count(String login, String folder) {
    MailFolder mailFolder = folder(managers.getUserManager().getUser(login), folder);
    return mailFolder == null ? 0 : mailFolder.getMessageCount();
  }

  private static void deliver(GreenMailUser user, byte[] raw) {
    try {
      user.deliver(
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages in a folder named with {@code /} between levels; 0 when it does not exist. */
  public int count(String folder) {
    MailFolder mailFolder = folder(folder);
    return mailFolder == null ? 0 : mailFolder.getMessageCount();
  }

  /** The message bodies in a folder, for checking that nothing was altered. */
  public List<byte[]> contents(String folder) {
    MailFolder mailFolder = folder(folder);
    return mailFolder == null
        ? List.of()
        : mailFolder.getMessages().stream()
            .map(
                message -> {
                  try (var out = new java.io.ByteArrayOutputStream()) {
                    message.getMimeMessage().writeTo(out);
                    return out.toByteArray();
                  } catch (IOException | MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
  }

  /** Stops listening and drops every connection, like a crashed server; mailboxes are kept. */
  public void stopServer() {
    server.stopService(TimeUnit.SECONDS.toMillis(5));
  }

  /** Starts listening again on the same port. */
  public void startServer() {
    server = new NoDelayImapServer(setup, managers);
    // GreenMail drops a connection silent for 30 s; a loaded test machine can pause that long.
    server.setClientSocketTimeout((int) TimeUnit.MINUTES.toMillis(5));
    server.startService();
    try {
      if (!server.waitTillRunning(10_000)) {
        throw new IllegalStateException("GreenMail IMAPS did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    setup = setup.port(server.getPort());
  }

  @Override
  public void close() {
    stopServer();
    if (plainServer != null) {
      plainServer.stopService(TimeUnit.SECONDS.toMillis(5));
    }
  }

  private MailFolder folder(String name) {
    return folder(user, name);
  }

  private MailFolder folder(GreenMailUser user, String name) {
    String fullName =
        name.equalsIgnoreCase("INBOX")
            ? "INBOX"
            : name.replace('/', managers.getImapHostManager().getHierarchyDelimiter());
    try {
      return managers.getImapHostManager().getFolder(user, fullName, true);
    } catch (FolderException e) {
      return null;
    }
  }

  /** GreenMail's TLS socket factory reads its key store once, from system properties. */
  private static synchronized TestCertificates certificates() {
    TestCertificates certificates = TestCertificates.get();
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY,
        certificates.serverKeyStore().toString());
    System.setProperty(
        DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY,
        certificates.serverKeyStorePassword());
    return certificates;
  }
}
