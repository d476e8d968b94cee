package dev.puerto.testing;

import com.sun.security.auth.module.UnixSystem;
import dev.puerto.source.ImapFolders;
import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapSecurity;
import dev.puerto.source.ImapSettings;
import dev.puerto.source.ImapSettings.ImapLogin;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * A real Dovecot (Debian package {@code dovecot-imapd}) as a private, throwaway instance: its own
 * configuration, {@code base_dir}, state, log file and maildir in a temporary directory, one user
 * in a passwd-file passdb, a static userdb, IMAPS and IMAP with STARTTLS on free loopback ports,
 * and the certificate of {@link TestCertificates}. Its standard streams go to a file, so no pipe of
 * the test JVM is held open. {@link #close()} stops it and removes the directory.
 *
 * <p>When it is started by an ordinary user, every Dovecot process runs as that user. When it is
 * started by root (as CI runs), Dovecot refuses to run its login processes or to access mail as
 * root ("This process must not be run as root", "Mail access not allowed for root", "userdb
 * returned 0 as uid"): login processes then run as the package's {@code dovenull} user, its other
 * internal processes as the package's {@code dovecot} user, and mail is accessed as {@code nobody}.
 * No chroot is used either way.
 *
 * <p>Where Dovecot is not installed, {@link #startOrSkip()} skips the calling tests with a message
 * saying so, unless {@code PUERTO_REQUIRE_DOVECOT=1} is set (as CI does): then it fails them.
 *
 * <p>Besides being the server under test, it is a second IMAP client: {@link #append}, {@link
 * #count}, {@link #move} and friends use a connection of their own.
 */
public final class DovecotServer implements AutoCloseable {
  public static final String USER = "postmaster@example.com";
  public static final String PASSWORD = "correct horse battery staple";
  public static final String HOST = "localhost";

  /** Set to 1 where the Dovecot tests must run (CI): a missing dovecot then fails them. */
  public static final String REQUIRE = "PUERTO_REQUIRE_DOVECOT";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 5;

  private final Path directory;
  private final Path log;
  private final Path output;
  private final Process process;
  private final int imapsPort;
  private final int imapPort;
  private final Thread shutdownHook;
  private IMAPStore client;

  private DovecotServer(
      Path directory, Path log, Path output, Process process, int imapsPort, int imapPort) {
    this.directory = directory;
    this.log = log;
    this.output = output;
    this.process = process;
    this.imapsPort = imapsPort;
    this.imapPort = imapPort;
    this.shutdownHook = new Thread(this::stopProcess, "dovecot-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server with one empty mailbox (user {@link #USER}, password {@link #PASSWORD}); skips
   * the test (JUnit assumption) when Dovecot is not installed, unless {@value #REQUIRE}=1.
   */
  public static DovecotServer startOrSkip() {
    Optional<Path> binary = binary();
    if (binary.isEmpty()) {
      String message =
          "dovecot is not installed (Debian: apt-get install dovecot-imapd), so the tests against"
              + " a real Dovecot cannot run";
      RequiredTool.missing(REQUIRE, message);
    }
    return start(binary.get());
  }

  /** The dovecot binary, if installed. */
  public static Optional<Path> binary() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/sbin/dovecot")));
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        candidates.add(Path.of(entry, "dovecot"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static DovecotServer start(Path binary) {
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOnce(binary);
      } catch (PortTaken e) {
        // The free ports found were taken before Dovecot bound them: try others.
        failure = new IllegalStateException(e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw failure;
  }

  private static DovecotServer startOnce(Path binary) throws IOException {
    TestCertificates certificates = TestCertificates.get();
    // Under /tmp, not java.io.tmpdir: unix socket paths must stay short (108 bytes), and when
    // root starts Dovecot, its unprivileged users must be able to reach base_dir and the mail.
    Path directory =
        Files.createTempDirectory(
            Path.of("/tmp"),
            "puerto-dovecot",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Process process;
    int[] ports;
    try {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
      ports = freePorts(2);
      Users users = Users.forThisProcess();
      Path home = Files.createDirectories(directory.resolve("home"));
      Files.setAttribute(home, "unix:uid", users.mailUid());
      Files.setAttribute(home, "unix:gid", users.mailGid());
      Path passwd = directory.resolve("passwd");
      Files.writeString(passwd, USER + ":{PLAIN}" + PASSWORD + "\n", StandardCharsets.UTF_8);
      Path config = directory.resolve("dovecot.conf");
      Files.writeString(
          config, config(directory, users, ports, certificates), StandardCharsets.UTF_8);
      process =
          new ProcessBuilder(binary.toString(), "-F", "-c", config.toString())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(directory.resolve("dovecot.out").toFile()))
              .start();
    } catch (IOException | RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
    DovecotServer server =
        new DovecotServer(
            directory,
            directory.resolve("dovecot.log"),
            directory.resolve("dovecot.out"),
            process,
            ports[0],
            ports[1]);
    try {
      server.awaitGreeting();
      return server;
    } catch (IOException | RuntimeException e) {
      String logs = server.log();
      server.close();
      if (logs.contains("Address already in use")) {
        throw new PortTaken("a port was taken: " + logs);
      }
      throw e;
    }
  }

  private static String config(
      Path directory, Users users, int[] ports, TestCertificates certificates) {
    return String.join(
        "\n",
        "# A private test instance; see DovecotServer.",
        "base_dir = " + directory.resolve("run"),
        "state_dir = " + directory.resolve("state"),
        "log_path = " + directory.resolve("dovecot.log"),
        "protocols = imap",
        "listen = 127.0.0.1",
        "ssl = yes",
        "ssl_cert = <" + certificates.certificatePem(),
        "ssl_key = <" + certificates.privateKeyPem(),
        "auth_mechanisms = plain login",
        "default_internal_user = " + users.internalUser(),
        "default_internal_group = " + users.internalGroup(),
        "default_login_user = " + users.loginUser(),
        "first_valid_uid = " + users.mailUid(),
        "first_valid_gid = " + users.mailGid(),
        "mail_location = maildir:~/Maildir",
        "mail_max_userip_connections = 100",
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN username_format=%u " + directory.resolve("passwd"),
        "}",
        "userdb {",
        "  driver = static",
        "  args = uid="
            + users.mailUid()
            + " gid="
            + users.mailGid()
            + " home="
            + directory.resolve("home")
            + "/%u",
        "}",
        "service anvil {",
        "  chroot =",
        "}",
        "service imap-login {",
        "  chroot =",
        "  inet_listener imaps {",
        "    address = 127.0.0.1",
        "    port = " + ports[0],
        "    ssl = yes",
        "  }",
        "  inet_listener imap {",
        "    address = 127.0.0.1",
        "    port = " + ports[1],
        "  }",
        "}",
        "");
  }

  /** IMAPS port. */
  public int port() {
    return imapsPort;
  }

  /** Port of unencrypted IMAP, which offers STARTTLS. */
  public int starttlsPort() {
    return imapPort;
  }

  public Path trustStore() {
    return TestCertificates.get().trustStore();
  }

  public Path trustStorePasswordFile() {
    return TestCertificates.get().trustStorePasswordFile();
  }

  /** Environment for {@code puerto fetch/watch} against this server (IMAPS), password included. */
  public Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PUERTO_IMAP_HOST", HOST);
    env.put("PUERTO_IMAP_PORT", Integer.toString(imapsPort));
    env.put("PUERTO_IMAP_USER", USER);
    env.put("PUERTO_IMAP_PASSWORD", PASSWORD);
    env.put("PUERTO_TRUST_STORE", trustStore().toString());
    env.put("PUERTO_TRUST_STORE_PASSWORD_FILE", trustStorePasswordFile().toString());
    return env;
  }

  /** Settings for an {@code ImapSource} on the inbox (IMAPS), with the default folder names. */
  public ImapSettings settings(AfterImport afterImport, Duration readTimeout) {
    return new ImapSettings(
        HOST,
        imapsPort,
        ImapSecurity.IMAPS,
        new ImapLogin(USER, false, () -> PASSWORD),
        trustStore(),
        TestCertificates.get().trustStorePassword(),
        new ImapFolders(
            "INBOX", "Archive/DMARC", "Archive/Invalid", "Archive/Forensic", "Archive/TLS"),
        afterImport,
        readTimeout);
  }

  /** Appends a raw RFC 5322 message to the inbox, lines ending in CRLF; returns its UID. */
  public synchronized long append(byte[] raw) {
    byte[] crlf = crlf(raw);
    try {
      IMAPFolder inbox = (IMAPFolder) client().getFolder("INBOX");
      AppendUID uid =
          (AppendUID)
              inbox.doCommand(
                  protocol ->
                      protocol.appenduid(
                          "INBOX",
                          null,
                          null,
                          new Literal() {
                            @Override
                            public int size() {
                              return crlf.length;
                            }

                            @Override
                            public void writeTo(OutputStream out) throws IOException {
                              out.write(crlf);
                            }
                          }));
      return uid.uid;
    } catch (MessagingException e) {
      throw new IllegalStateException("APPEND to Dovecot failed; its log: " + log(), e);
    }
  }

  /** Messages in a folder written with {@code /} between levels; 0 when it does not exist. */
  public synchronized int count(String name) {
    try {
      Folder folder = client().getFolder(serverName(name));
      return folder.exists() ? folder.getMessageCount() : 0;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The UIDs in a folder, ascending; empty when it does not exist. */
  public synchronized long[] uids(String name) {
    return withFolder(
        name,
        folder ->
            (long[])
                folder.doCommand(
                    protocol -> {
                      Response[] responses = protocol.command("UID SEARCH ALL", null);
                      LongStream.Builder uids = LongStream.builder();
                      for (Response response : responses) {
                        if (response instanceof IMAPResponse untagged
                            && untagged.keyEquals("SEARCH")) {
                          for (long uid = untagged.readLong(); uid != -1; ) {
                            uids.add(uid);
                            uid = untagged.readLong();
                          }
                        }
                      }
                      protocol.handleResult(responses[responses.length - 1]);
                      return uids.build().sorted().toArray();
                    }),
        new long[0]);
  }

  /** The RFC822.SIZE the server gives for a message of the inbox. */
  public synchronized long size(long uid) {
    return withFolder(
        "INBOX",
        folder ->
            (Long)
                folder.doCommand(
                    protocol -> {
                      Response[] responses =
                          protocol.command("UID FETCH " + uid + " (UID RFC822.SIZE)", null);
                      long size = -1;
                      for (Response response : responses) {
                        if (response instanceof FetchResponse fetch
                            && fetch.getItem(UID.class) != null
                            && fetch.getItem(UID.class).uid == uid) {
                          size = fetch.getItem(RFC822SIZE.class).size;
                        }
                      }
                      protocol.handleResult(responses[responses.length - 1]);
                      return size;
                    }),
        -1L);
  }

  /** Moves a message to another folder (created if missing), as another mail client would. */
  public synchronized void move(long uid, String from, String to) {
    try {
      Folder target = client().getFolder(serverName(to));
      if (!target.exists()) {
        target.create(Folder.HOLDS_MESSAGES);
      }
      String targetName = target.getFullName();
      withFolder(
          from,
          folder ->
              folder.doCommand(
                  protocol -> {
                    protocol.simpleCommand("UID MOVE " + uid + " " + quoted(targetName), null);
                    return null;
                  }),
          null);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Empties the mailbox: every folder but the inbox deleted, the inbox expunged. */
  public synchronized void clear() {
    try {
      List<Folder> folders = new ArrayList<>(Arrays.asList(client().getDefaultFolder().list("*")));
      // Children first.
      folders.sort(
          Comparator.comparing((Folder folder) -> folder.getFullName().length()).reversed());
      for (Folder folder : folders) {
        if (!folder.getFullName().equalsIgnoreCase("INBOX") && folder.exists()) {
          folder.delete(false);
        }
      }
      if (count("INBOX") > 0) {
        withFolder(
            "INBOX",
            folder -> {
              folder.doCommand(
                  protocol -> {
                    protocol.simpleCommand("UID STORE 1:* +FLAGS.SILENT (\\Deleted)", null);
                    protocol.simpleCommand("EXPUNGE", null);
                    return null;
                  });
              return null;
            },
            null);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What Dovecot logged, and printed, so far. */
  public String log() {
    StringBuilder text = new StringBuilder();
    for (Path file : List.of(log, output)) {
      try {
        if (Files.exists(file)) {
          text.append(Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        text.append("(cannot read ").append(file).append(": ").append(e.getMessage()).append(")");
      }
    }
    return text.toString();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      try {
        client.close();
      } catch (MessagingException e) {
        // The server goes away next anyway.
      }
      client = null;
    }
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs (harmlessly) or ran.
    }
    deleteRecursively(directory);
  }

  private void stopProcess() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy(); // SIGTERM: the master stops its children
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private void awaitGreeting() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("dovecot exited with " + process.exitValue() + ": " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), imapPort), 1000);
        socket.setSoTimeout(10_000);
        String greeting =
            new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (greeting != null && greeting.startsWith("* OK")) {
          return;
        }
        last = new IOException("unexpected greeting: " + greeting);
      } catch (IOException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException(
        "dovecot did not greet within " + START_TIMEOUT.toSeconds() + " s: " + log(), last);
  }

  private IMAPStore client() throws MessagingException {
    if (client == null || !client.isConnected()) {
      Properties properties = new Properties();
      properties.put("mail.imaps.ssl.checkserveridentity", "true");
      properties.put("mail.imaps.ssl.socketFactory", trustingFactory());
      properties.put("mail.imaps.connectiontimeout", "30000");
      properties.put("mail.imaps.timeout", "60000");
      IMAPStore store = (IMAPStore) Session.getInstance(properties).getStore("imaps");
      store.connect(HOST, imapsPort, USER, PASSWORD);
      client = store;
    }
    return client;
  }

  private static SSLSocketFactory trustingFactory() {
    try {
      KeyStore trusted =
          KeyStore.getInstance(
              TestCertificates.get().trustStore().toFile(),
              TestCertificates.get().trustStorePassword().toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface FolderStep<T> {
    T run(IMAPFolder folder) throws MessagingException;
  }

  private <T> T withFolder(String name, FolderStep<T> step, T whenMissing) {
    try {
      IMAPFolder folder = (IMAPFolder) client().getFolder(serverName(name));
      if (!folder.exists()) {
        return whenMissing;
      }
      folder.open(Folder.READ_WRITE);
      try {
        return step.run(folder);
      } finally {
        folder.close(false);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String serverName(String name) throws MessagingException {
    return name.equalsIgnoreCase("INBOX")
        ? "INBOX"
        : name.replace('/', client().getDefaultFolder().getSeparator());
  }

  private static String quoted(String mailbox) {
    return '"' + mailbox.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static byte[] crlf(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // Left for the system's /tmp cleaning.
                }
              });
    } catch (IOException e) {
      // Nothing to delete.
    }
  }

  /** The users Dovecot's processes run as; see the class comment. */
  private record Users(
      String internalUser, String internalGroup, String loginUser, int mailUid, int mailGid) {

    static Users forThisProcess() throws IOException {
      UnixSystem self = new UnixSystem();
      if (self.getUid() != 0) {
        String group = groupName(self.getGid()).orElse(Long.toString(self.getGid()));
        return new Users(
            self.getUsername(),
            group,
            self.getUsername(),
            (int) self.getUid(),
            (int) self.getGid());
      }
      String[] nobody =
          passwdEntry("nobody").orElseThrow(() -> new IOException("no user nobody in /etc/passwd"));
      return new Users(
          "dovecot",
          "dovecot",
          "dovenull",
          Integer.parseInt(nobody[2]),
          Integer.parseInt(nobody[3]));
    }

    private static Optional<String[]> passwdEntry(String user) throws IOException {
      return entries(Path.of("/etc/passwd")).filter(fields -> fields[0].equals(user)).findFirst();
    }

    private static Optional<String> groupName(long gid) throws IOException {
      return entries(Path.of("/etc/group"))
          .filter(fields -> fields.length > 2 && fields[2].equals(Long.toString(gid)))
          .map(fields -> fields[0])
          .findFirst();
    }

    private static Stream<String[]> entries(Path file) throws IOException {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split(":", -1))
          .filter(fields -> fields.length >= 4)
          .map(fields -> Arrays.copyOf(fields, fields.length));
    }
  }

  private static final class PortTaken extends IOException {
    PortTaken(String message) {
      super(message);
    }
  }
}
