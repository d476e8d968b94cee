package dev.puerto.testing;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    Certificates.get();
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
    return Certificates.get().trustStore();
  }

  /** A file holding the trust store's password. */
  public Path trustStorePasswordFile() {
    return Certificates.get().trustStorePasswordFile();
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

  /** Delivers a raw RFC 5322 message to the inbox. */
  public void deliver(byte[] raw) {
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

  /**
   * The server key store and the client trust store, made once per JVM with the JDK's keytool:
   * GreenMail's TLS socket factory reads its key store once, from system properties.
   */
  private record Certificates(Path trustStore, Path trustStorePasswordFile) {
    private static final String STORE_PASSWORD = "changeit";
    private static final String TRUST_PASSWORD = "trust-me";
    private static Certificates instance;

    static synchronized Certificates get() {
      if (instance == null) {
        instance = generate();
      }
      return instance;
    }

    private static Certificates generate() {
      try {
        Path directory = Files.createTempDirectory("puerto-imap-tls");
        Path serverStore = directory.resolve("server.p12");
        Path certificate = directory.resolve("server.crt");
        Path trustStore = directory.resolve("trust.p12");
        keytool(
            "-genkeypair",
            "-alias",
            "imap",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost",
            "-validity",
            "30",
            "-keystore",
            serverStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            STORE_PASSWORD,
            "-keypass",
            STORE_PASSWORD);
        keytool(
            "-exportcert",
            "-alias",
            "imap",
            "-keystore",
            serverStore.toString(),
            "-storepass",
            STORE_PASSWORD,
            "-file",
            certificate.toString());
        keytool(
            "-importcert",
            "-noprompt",
            "-alias",
            "imap",
            "-file",
            certificate.toString(),
            "-keystore",
            trustStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            TRUST_PASSWORD);
        Path passwordFile = directory.resolve("trust-password");
        Files.writeString(passwordFile, TRUST_PASSWORD + "\n", StandardCharsets.UTF_8);
        System.setProperty(
            DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, serverStore.toString());
        System.setProperty(
            DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, STORE_PASSWORD);
        return new Certificates(trustStore, passwordFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void keytool(String... arguments) throws IOException {
      List<String> command = new java.util.ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
      command.addAll(List.of(arguments));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        if (process.waitFor() != 0) {
          throw new IOException("keytool failed: " + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}
