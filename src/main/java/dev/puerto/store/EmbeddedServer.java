package dev.puerto.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL under {@code PUERTO_HOME/postgres}: real binaries from Maven artifacts,
 * data reused across runs, on a loopback port remembered between runs.
 *
 * <p>One Puerto process owns the server (holds {@code owner.lock}) and stops it when it exits;
 * another Puerto process started meanwhile attaches to the running server instead. A server left
 * behind by a process killed with SIGKILL is stopped before a new one starts on the same data.
 *
 * <p>Only the account that runs Puerto can use the server: PUERTO_HOME and {@code postgres} are
 * 0700, every connection needs the password of role {@code postgres} ({@link ServerLockdown}),
 * which is in {@code postgres/password} and {@code postgres/pgpass} (0600), and there is no Unix
 * socket.
 */
final class EmbeddedServer implements AutoCloseable {
  static final String DATABASE = "puerto";
  static final String USER = "postgres";
  static final String HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
  private static final Duration ATTACH_WAIT = Duration.ofSeconds(30);

  private final int port;
  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final String password;
  private final Layout layout;

  private EmbeddedServer(
      int port,
      EmbeddedPostgres postgres,
      FileChannel lockChannel,
      String password,
      Layout layout) {
    this.port = port;
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.password = password;
    this.layout = layout;
  }

  static EmbeddedServer startOrAttach(Path home) throws DatabaseUnavailableException {
    Layout layout = new Layout(home.resolve("postgres"));
    try {
      PrivateFiles.home(home, layout.root().getFileName().toString());
      PrivateFiles.directory(layout.root());
      PrivateFiles.createFile(layout.lockFile());
      FileChannel channel =
          FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        return attach(layout);
      }
      return start(layout, channel);
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot start the embedded PostgreSQL in "
              + layout.root()
              + ": "
              + e.getMessage()
              + " (check that the directory is writable, or use --db to name a server)",
          e);
    }
  }

  /** Null when another process, or another Database in this one, owns the server. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  /** The JDBC URL of the last server started under {@code home}, whether or not it runs now. */
  static Optional<String> lastJdbcUrl(Path home) {
    return readPort(new Layout(home.resolve("postgres")).portFile()).stream()
        .mapToObj(EmbeddedServer::jdbcUrl)
        .findFirst();
  }

  String jdbcUrl() {
    return jdbcUrl(port);
  }

  /** The password of role postgres; never to be logged or shown. */
  String password() {
    return password;
  }

  EmbeddedConnection connection() {
    return new EmbeddedConnection(
        HOST, port, DATABASE, USER, layout.passwordFile(), layout.pgpassFile());
  }

  boolean owned() {
    return postgres != null;
  }

  @Override
  public void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("stopping the embedded PostgreSQL failed: {}", e.getMessage());
    }
    // zonky gives pg_ctl 5 s and says nothing we show (its logger is off: a stack trace); a server
    // that did not stop (stalled, say) is stopped by the next start, as an orphan.
    PostmasterPid.read(layout.data())
        .filter(PostmasterPid::alive)
        .ifPresent(
            running ->
                log.warn(
                    "the embedded PostgreSQL (pid {}) did not stop within 5 s; the next Puerto"
                        + " start stops it",
                    running.pid().getAsLong()));
    try {
      lockChannel.close();
    } catch (IOException e) {
      log.debug("releasing {} failed", lockChannel, e);
    }
  }

  private static String jdbcUrl(int port) {
    return new EmbeddedConnection(HOST, port, DATABASE, USER, null, null).jdbcUrl();
  }

  private static EmbeddedServer start(Layout layout, FileChannel lockChannel)
      throws IOException, DatabaseUnavailableException {
    stopOrphan(layout);
    int port = choosePort(layout.portFile());
    PrivateFiles.writeAtomically(layout.portFile(), Integer.toString(port));
    // The password is needed before zonky starts (its readiness check logs in); a new one is only
    // set on the role, and written down, by the lockdown in the customizer below.
    String password =
        ServerLockdown.readPassword(layout.passwordFile()).orElseGet(ServerLockdown::newPassword);
    TrackedBinaries binaries = new TrackedBinaries(layout.binaries());
    log.info("starting embedded PostgreSQL on {}:{} with data in {}", HOST, port, layout.data());
    EmbeddedPostgres postgres;
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setPgBinaryResolver(binaries)
              .setDataDirectory(layout.data())
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(layout.binaries().toFile())
              .setPort(port)
              .setServerConfig("listen_addresses", HOST + ",::1")
              // No Unix socket: nothing to protect in a shared directory, and a long PUERTO_HOME
              // would overflow the socket path limit anyway. (pg_ctl passes this through sh.)
              .setServerConfig("unix_socket_directories", "''")
              .setServerConfig("password_encryption", "scram-sha-256")
              .setConnectConfig("password", password)
              .setDataDirectoryCustomizer(data -> lockDown(layout, binaries, data, password))
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (TrackedBinaries.NoBinariesException e) {
      throw new DatabaseUnavailableException(e.getMessage(), e);
    } catch (UnsupportedOperationException e) {
      // zonky's word for an operating system it has no binaries for at all ("Unknown OS ...").
      throw new DatabaseUnavailableException(
          PostgresPlatform.missingBinaries(
              System.getProperty("os.name"),
              System.getProperty("os.arch"),
              PostgresPlatform.bundled()),
          e);
    }
    try {
      createDatabaseIfMissing(postgres);
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw new DatabaseUnavailableException(
          "the embedded PostgreSQL started but database '"
              + DATABASE
              + "' could not be created: "
              + e.getMessage(),
          e);
    }
    return new EmbeddedServer(port, postgres, lockChannel, password, layout);
  }

  /**
   * Runs after zonky has prepared the binaries and (for a new data directory) run initdb, before
   * the server starts: no server ever runs on a data directory that is not locked down.
   */
  private static void lockDown(
      Layout layout, TrackedBinaries binaries, File data, String password) {
    try {
      // zonky makes the binaries' working directory world-writable (setWritable(true, false)) on
      // every start. Its parent, PUERTO_HOME/postgres, is 0700, so no other account can reach it
      // in the moment before this runs; from here on it is not writable by group or others again.
      PrivateFiles.removeGroupAndOthersWrite(layout.binaries());
      if (ServerLockdown.lockedDown(data.toPath(), layout.passwordFile())) {
        ServerLockdown.writePgpass(layout.pgpassFile(), password);
        return;
      }
      ServerLockdown.lockDown(
          binaries.directory(),
          data.toPath(),
          password,
          layout.passwordFile(),
          layout.pgpassFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedServer attach(Layout layout) throws DatabaseUnavailableException {
    long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<PostmasterPid> running = PostmasterPid.read(layout.data());
      if (running.isPresent() && running.get().alive() && running.get().port().isPresent()) {
        log.info(
            "another Puerto process runs the embedded PostgreSQL; using it on port {}",
            running.get().port().getAsInt());
        return new EmbeddedServer(
            running.get().port().getAsInt(), null, null, attachPassword(layout), layout);
      }
      sleep(Duration.ofMillis(200));
    }
    throw new DatabaseUnavailableException(
        "another Puerto process holds "
            + layout.lockFile()
            + " but its embedded PostgreSQL did not come up within "
            + ATTACH_WAIT.toSeconds()
            + " s; wait for that process to finish, or use --db to name a server");
  }

  private static String attachPassword(Layout layout) throws DatabaseUnavailableException {
    try {
      return ServerLockdown.readPassword(layout.passwordFile())
          .orElseThrow(
              () ->
                  new DatabaseUnavailableException(
                      "the embedded PostgreSQL runs, but its password file "
                          + layout.passwordFile()
                          + " is missing or readable by others; stop the other Puerto process"
                          + " and start again (the file is then written anew)"));
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot read the embedded PostgreSQL's password file "
              + layout.passwordFile()
              + ": "
              + e.getMessage()
              + " (it is readable only by the account that runs Puerto)",
          e);
    }
  }

  /** A SIGKILLed Puerto leaves its postgres running; stop it so the data directory is free. */
  private static void stopOrphan(Layout layout) throws IOException {
    Optional<PostmasterPid> stale = PostmasterPid.read(layout.data());
    if (stale.isEmpty() || !stale.get().alive()) {
      return;
    }
    ProcessHandle orphan = ProcessHandle.of(stale.get().pid().getAsLong()).orElseThrow();
    log.warn(
        "stopping orphaned embedded PostgreSQL (pid {}) left by a Puerto process that was killed",
        orphan.pid());
    orphan.destroy();
    try {
      orphan.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      orphan.destroyForcibly();
      orphan.onExit().join();
    }
  }

  private static int choosePort(Path portFile) throws IOException {
    OptionalInt remembered = readPort(portFile);
    if (remembered.isPresent() && isFree(remembered.getAsInt())) {
      return remembered.getAsInt();
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static OptionalInt readPort(Path portFile) {
    try {
      return OptionalInt.of(Integer.parseInt(Files.readString(portFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      var dsl = DSL.using(connection, SQLDialect.POSTGRES);
      boolean exists =
          dsl.fetchExists(
              DSL.selectOne()
                  .from(DSL.table(DSL.name("pg_database")))
                  .where(DSL.field(DSL.name("datname"), String.class).eq(DATABASE)));
      if (!exists) {
        dsl.createDatabase(DATABASE).execute();
      }
    }
  }

  private static void sleep(Duration duration) throws DatabaseUnavailableException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnavailableException("interrupted while waiting for the database", e);
    }
  }

  private record Layout(Path root) {
    Path data() {
      return root.resolve("data");
    }

    Path binaries() {
      return root.resolve("bin");
    }

    Path lockFile() {
      return root.resolve("owner.lock");
    }

    Path portFile() {
      return root.resolve("port");
    }

    Path passwordFile() {
      return root.resolve("password");
    }

    Path pgpassFile() {
      return root.resolve("pgpass");
    }
  }

  /** Line 1 of postmaster.pid is the server's pid, line 4 its port. */
  private record PostmasterPid(OptionalLong pid, OptionalInt port) {
    static Optional<PostmasterPid> read(Path dataDirectory) {
      try {
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        return Optional.of(
            new PostmasterPid(
                OptionalLong.of(Long.parseLong(lines.get(0).trim())),
                lines.size() > 3
                    ? OptionalInt.of(Integer.parseInt(lines.get(3).trim()))
                    : OptionalInt.empty()));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    boolean alive() {
      return ProcessHandle.of(pid.getAsLong())
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true))
          .isPresent();
    }
  }
}
