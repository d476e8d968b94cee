package dev.puerto.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL under {@code PUERTO_HOME/postgres}: real binaries from Maven artifacts,
 * data reused across runs, on a loopback port remembered between runs.
 *
 * <p>One Puerto process owns the server (holds {@code owner.lock}) and stops it when it exits;
 * another Puerto process started meanwhile attaches to the running server instead. A server left
 * behind by a process killed with SIGKILL is stopped before a new one starts on the same data.
 */
final class EmbeddedServer implements AutoCloseable {
  static final String DATABASE = "puerto";
  static final String USER = "postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
  private static final Duration ATTACH_WAIT = Duration.ofSeconds(30);

  private final int port;
  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;

  private EmbeddedServer(int port, EmbeddedPostgres postgres, FileChannel lockChannel) {
    this.port = port;
    this.postgres = postgres;
    this.lockChannel = lockChannel;
  }

  static EmbeddedServer startOrAttach(Path home) throws DatabaseUnavailableException {
    Layout layout = new Layout(home.resolve("postgres"));
    try {
      Files.createDirectories(layout.root());
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
    try {
      lockChannel.close();
    } catch (IOException e) {
      log.debug("releasing {} failed", lockChannel, e);
    }
  }

  private static String jdbcUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
  }

  private static EmbeddedServer start(Layout layout, FileChannel lockChannel)
      throws IOException, DatabaseUnavailableException {
    stopOrphan(layout);
    int port = choosePort(layout.portFile());
    Files.writeString(layout.portFile(), Integer.toString(port), StandardCharsets.US_ASCII);
    log.info("starting embedded PostgreSQL on 127.0.0.1:{} with data in {}", port, layout.data());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(layout.data())
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(layout.binaries().toFile())
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    try {
      createDatabaseIfMissing(postgres);
    } catch (SQLException e) {
      postgres.close();
      throw new DatabaseUnavailableException(
          "the embedded PostgreSQL started but database '"
              + DATABASE
              + "' could not be created: "
              + e.getMessage(),
          e);
    }
    return new EmbeddedServer(port, postgres, lockChannel);
  }

  private static EmbeddedServer attach(Layout layout) throws DatabaseUnavailableException {
    long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<PostmasterPid> running = PostmasterPid.read(layout.data());
      if (running.isPresent() && running.get().alive() && running.get().port().isPresent()) {
        log.info(
            "another Puerto process runs the embedded PostgreSQL; using it on port {}",
            running.get().port().getAsInt());
        return new EmbeddedServer(running.get().port().getAsInt(), null, null);
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
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
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
