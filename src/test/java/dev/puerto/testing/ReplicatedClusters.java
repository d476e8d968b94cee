package dev.puerto.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two real PostgreSQL clusters with streaming replication, as a throwaway pair: a primary ({@code
 * wal_level=replica}) and a hot standby made from it with {@code pg_basebackup -R}, both from the
 * Debian server binaries ({@code postgresql-15}, in /usr/lib/postgresql/15/bin), in a temporary
 * directory, on free loopback ports, listening on 127.0.0.1 only, with their Unix sockets in that
 * directory (mode 0700, so no other local user reaches them). Trust authentication holds for local
 * and 127.0.0.1 connections only. {@link #close()} stops both ({@code pg_ctl stop -m immediate})
 * and deletes the directory.
 *
 * <p>initdb refuses to run as root: when the tests run as root (as CI does), every cluster command
 * runs as the {@code postgres} user ({@code runuser -u postgres}), which owns the directory; else
 * they run as the current user.
 *
 * <p>Where the binaries are missing, {@link #startOrSkip()} skips the calling tests, unless {@value
 * #REQUIRE}=1 is set (as .ci/run does): then it fails them.
 */
public final class ReplicatedClusters implements AutoCloseable {
  /** Set to 1 where the replication tests must run (CI): missing binaries then fail them. */
  public static final String REQUIRE = "PUERTO_REQUIRE_REPLICA";

  public static final String USER = "postgres";

  private static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
  private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Path directory;
  private final boolean asPostgres;
  private final int primaryPort;
  private final int standbyPort;
  private final Thread shutdownHook;

  private ReplicatedClusters(Path directory, boolean asPostgres, int primaryPort, int standbyPort) {
    this.directory = directory;
    this.asPostgres = asPostgres;
    this.primaryPort = primaryPort;
    this.standbyPort = standbyPort;
    this.shutdownHook = new Thread(this::stop, "replicated-clusters-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a primary and its hot standby; skips the test (JUnit assumption) when the PostgreSQL
   * server binaries are not installed, unless {@value #REQUIRE}=1.
   */
  public static ReplicatedClusters startOrSkip() {
    if (!Files.isExecutable(BINARIES.resolve("initdb"))
        || !Files.isExecutable(BINARIES.resolve("pg_basebackup"))) {
      String message =
          "the PostgreSQL 15 server binaries are not in "
              + BINARIES
              + " (Debian: apt-get install postgresql-15), so the tests against a primary and a"
              + " hot standby cannot run";
      RequiredTool.missing(REQUIRE, message);
    }
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        return startOnce();
      } catch (PortTaken e) {
        failure = new IllegalStateException(e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw failure;
  }

  private static ReplicatedClusters startOnce() throws IOException, InterruptedException {
    boolean asPostgres = new UnixSystem().getUid() == 0;
    // Under /tmp: socket paths must stay under 108 bytes.
    Path directory =
        Files.createTempDirectory(
            Path.of("/tmp"),
            "puerto-replica",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    int[] ports = freePorts(2);
    ReplicatedClusters clusters = null;
    try {
      if (asPostgres) {
        Files.setAttribute(directory, "unix:uid", uidOf(USER));
        Files.setAttribute(directory, "unix:gid", gidOf(USER));
      }
      clusters = new ReplicatedClusters(directory, asPostgres, ports[0], ports[1]);
      clusters.startPrimary();
      clusters.startStandby();
      clusters.createDatabase("puerto");
      clusters.awaitReplay();
      return clusters;
    } catch (IOException | RuntimeException | InterruptedException e) {
      String logs = clusters == null ? "" : clusters.logs();
      if (clusters != null) {
        clusters.close();
      } else {
        deleteRecursively(directory);
      }
      if (logs.contains("could not bind") || logs.contains("Address already in use")) {
        throw new PortTaken("a port was taken: " + logs);
      }
      if (e instanceof IOException) {
        throw new IOException(e.getMessage() + "; logs: " + logs, e);
      }
      throw e;
    }
  }

  private void startPrimary() throws IOException, InterruptedException {
    Path data = directory.resolve("primary");
    run("initdb", "-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
    Files.writeString(
        data.resolve("postgresql.conf"),
        settings(primaryPort),
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    // Only this user's socket and the loopback address get in; replication from 127.0.0.1 only.
    Files.writeString(
        data.resolve("pg_hba.conf"),
        String.join(
            "\n",
            "local all all trust",
            "host all all 127.0.0.1/32 trust",
            "host replication all 127.0.0.1/32 trust",
            ""),
        StandardCharsets.UTF_8);
    run("pg_ctl", "-D", data, "-l", directory.resolve("primary.log"), "-w", "start");
  }

  private void startStandby() throws IOException, InterruptedException {
    Path data = directory.resolve("standby");
    // -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
    run(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(primaryPort),
        "-U",
        USER,
        "-D",
        data,
        "-R",
        "-X",
        "stream",
        "-c",
        "fast");
    // The copied postgresql.conf names the primary's port; a later line wins.
    Files.writeString(
        data.resolve("postgresql.conf"),
        "port = " + standbyPort + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    run("pg_ctl", "-D", data, "-l", directory.resolve("standby.log"), "-w", "start");
  }

  private String settings(int port) {
    return String.join(
        "\n",
        "",
        "# ReplicatedClusters: a private test pair",
        "listen_addresses = '127.0.0.1'",
        "port = " + port,
        "unix_socket_directories = '" + directory + "'",
        "wal_level = replica",
        "max_wal_senders = 4",
        "hot_standby = on",
        // Throwaway data: durability costs time and buys nothing.
        "fsync = off",
        "");
  }

  /** A JDBC URL of a database on the primary, with the user. */
  public String primaryUrl(String database) {
    return url(primaryPort, database);
  }

  /** A JDBC URL of a database on the standby, with the user. */
  public String standbyUrl(String database) {
    return url(standbyPort, database);
  }

  private static String url(int port, String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
  }

  /** Creates an empty database on the primary (the standby gets it by replication). */
  public void createDatabase(String name) {
    execute(primaryUrl("postgres"), "CREATE DATABASE \"" + name + "\"");
  }

  /**
   * Waits until the standby has replayed everything the primary has written so far (its replay
   * position reaches the primary's current WAL position), and returns how long that took.
   */
  public Duration awaitReplay() {
    long start = System.nanoTime();
    String target = query(primaryUrl("postgres"), "SELECT pg_current_wal_lsn()::text");
    // One connection for the polling, so that the figure is not mostly connection set-up.
    try (Connection connection = DriverManager.getConnection(standbyUrl("postgres"));
        Statement statement = connection.createStatement()) {
      while (true) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '"
                    + target
                    + "'::pg_lsn) >= 0")) {
          if (rows.next() && rows.getBoolean(1)) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        }
        if (System.nanoTime() - start > REPLAY_TIMEOUT.toNanos()) {
          throw new IllegalStateException(
              "the standby did not replay up to "
                  + target
                  + " within "
                  + REPLAY_TIMEOUT
                  + "; logs: "
                  + logs());
        }
        Thread.sleep(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ask the standby how far it replayed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the standby's replay (it keeps receiving WAL), as a standby that lags behind. */
  public void pauseReplay() {
    query(standbyUrl("postgres"), "SELECT pg_wal_replay_pause()::text");
    long start = System.nanoTime();
    while (!"paused"
        .equals(query(standbyUrl("postgres"), "SELECT pg_get_wal_replay_pause_state()"))) {
      if (System.nanoTime() - start > REPLAY_TIMEOUT.toNanos()) {
        throw new IllegalStateException("the standby's replay did not pause; logs: " + logs());
      }
      Thread.onSpinWait();
    }
  }

  public void resumeReplay() {
    query(standbyUrl("postgres"), "SELECT pg_wal_replay_resume()::text");
  }

  /** The first column of the first row of a query, as text. */
  public static String query(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Both servers' logs, for failure messages. */
  public String logs() {
    StringBuilder logs = new StringBuilder();
    for (String name : List.of("primary.log", "standby.log", "commands.log")) {
      Path log = directory.resolve(name);
      try {
        if (Files.exists(log)) {
          logs.append("\n--- ").append(name).append('\n').append(Files.readString(log));
        }
      } catch (IOException e) {
        logs.append("\n--- ").append(name).append(": ").append(e.getMessage());
      }
    }
    return logs.toString();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway.
    }
    deleteRecursively(directory);
  }

  private void stop() {
    for (String data : List.of("standby", "primary")) {
      if (Files.exists(directory.resolve(data).resolve("postmaster.pid"))) {
        try {
          run("pg_ctl", "-D", directory.resolve(data), "-m", "immediate", "-w", "stop");
        } catch (IOException | RuntimeException e) {
          // Left for the system's /tmp cleaning; the next start picks other ports.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Runs a PostgreSQL binary (as postgres when this is root); fails with its output. */
  private void run(String binary, Object... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asPostgres) {
      command.addAll(List.of("runuser", "-u", USER, "--"));
    }
    command.add(BINARIES.resolve(binary).toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Path output = directory.resolve("commands.log");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(binary + " did not finish within 120s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " failed with exit code " + process.exitValue());
    }
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

  private static int uidOf(String user) throws IOException {
    return Integer.parseInt(passwd(user)[2]);
  }

  private static int gidOf(String user) throws IOException {
    return Integer.parseInt(passwd(user)[3]);
  }

  private static String[] passwd(String user) throws IOException {
    Optional<String[]> entry =
        Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8).stream()
            .map(line -> line.split(":", -1))
            .filter(fields -> fields.length >= 4 && fields[0].equals(user))
            .findFirst();
    return entry.orElseThrow(
        () -> new IOException("no user " + user + " in /etc/passwd (it comes with postgresql)"));
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

  private static final class PortTaken extends IOException {
    PortTaken(String message) {
      super(message);
    }
  }
}
