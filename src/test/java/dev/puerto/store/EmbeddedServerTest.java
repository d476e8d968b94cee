package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: real PostgreSQL binaries, data under PUERTO_HOME, locked to its owner. */
class EmbeddedServerTest {
  @TempDir Path home;

  @Test
  void data_survives_a_restart_on_the_remembered_port() throws Exception {
    String firstUrl;
    try (Database database = Database.open(embeddedIn(home))) {
      firstUrl = database.url();
      assertThat(database.embedded()).isTrue();
      database.dsl().execute("CREATE TABLE kept (v text)");
      database.dsl().execute("INSERT INTO kept VALUES ('still here')");
    }

    try (Database database = Database.open(embeddedIn(home))) {
      assertThat(database.url()).isEqualTo(firstUrl);
      assertThat(database.dsl().fetchValue("SELECT v FROM kept")).isEqualTo("still here");
    }
    assertThat(Database.describeUrl(embeddedIn(home))).contains(firstUrl);
  }

  @Test
  void a_second_user_of_the_same_home_attaches_to_the_running_server() throws Exception {
    try (Database owner = Database.open(embeddedIn(home));
        Database second = Database.open(embeddedIn(home))) {
      assertThat(second.url()).isEqualTo(owner.url());
      owner.dsl().execute("CREATE TABLE shared (v int)");
      assertThat(second.dsl().fetchCount(org.jooq.impl.DSL.table("shared"))).isZero();
    }
  }

  @Test
  void a_server_orphaned_by_a_killed_process_is_stopped_and_the_data_reused() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OpenAndWait.class.getName(),
                home.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null && !line.equals(OpenAndWait.READY)) {
        // the child logs while it starts the server
      }
      assertThat(line).as("child reported the server ready").isEqualTo(OpenAndWait.READY);
    }
    long orphanPid = postmasterPid(home);
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

    try (Database database = Database.open(embeddedIn(home))) {
      assertThat(database.dsl().fetchValue("SELECT v FROM from_child")).isEqualTo("written");
    }
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void a_connection_without_the_password_is_refused_over_ipv4_and_ipv6() throws Exception {
    try (Database database = Database.open(embeddedIn(home))) {
      int port = port(home);
      for (String host : List.of("127.0.0.1", "[::1]")) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/puerto?user=postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
            .as(url)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("no password was provided");
        Properties wrong = new Properties();
        wrong.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> DriverManager.getConnection(url, wrong).close())
            .as(url)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("password authentication failed");
      }
    }
  }

  @Test
  void with_the_password_from_the_password_file_a_connection_works() throws Exception {
    try (Database database = Database.open(embeddedIn(home))) {
      String password = Files.readString(passwordFile(home)).strip();
      for (String host : List.of("127.0.0.1", "[::1]")) {
        Properties login = new Properties();
        login.setProperty("password", password);
        try (Connection connection =
                DriverManager.getConnection(
                    "jdbc:postgresql://" + host + ":" + port(home) + "/puerto?user=postgres",
                    login);
            Statement statement = connection.createStatement();
            ResultSet result =
                statement.executeQuery(
                    "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid"
                        + " WHERE rolname = 'postgres'")) {
          assertThat(result.next()).isTrue();
          assertThat(result.getBoolean(1)).as("password stored as a SCRAM verifier").isTrue();
        }
      }
      assertThat(password).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(database.embeddedConnection().orElseThrow().toString()).doesNotContain(password);
    }
  }

  @Test
  void pg_hba_conf_trusts_no_one_and_asks_every_connection_for_a_scram_password() throws Exception {
    try (Database database = Database.open(embeddedIn(home))) {
      List<String> rules =
          Files.readAllLines(home.resolve("postgres/data/pg_hba.conf")).stream()
              .map(String::strip)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .toList();
      assertThat(rules).hasSize(3).allSatisfy(rule -> assertThat(rule).endsWith("scram-sha-256"));
      assertThat(String.join("\n", rules)).doesNotContain("trust");
      assertThat(database.dsl().fetchValue("SHOW unix_socket_directories")).isEqualTo("");
      assertThat(database.dsl().fetchValue("SHOW listen_addresses")).isEqualTo("127.0.0.1,::1");
    }
  }

  @Test
  void only_the_owner_can_read_the_password_and_nothing_under_home_is_writable_by_others()
      throws Exception {
    try (Database database = Database.open(embeddedIn(home))) {
      assertThat(mode(home)).isEqualTo("rwx------");
      assertThat(mode(home.resolve("postgres"))).isEqualTo("rwx------");
      assertThat(mode(passwordFile(home))).isEqualTo("rw-------");
      assertThat(mode(home.resolve("postgres/pgpass"))).isEqualTo("rw-------");
      assertThat(writableByGroupOrOthers(home)).isEmpty();
    }
    assertThat(writableByGroupOrOthers(home)).isEmpty();
  }

  @Test
  void the_pgpass_file_gives_pgjdbc_the_password() throws Exception {
    try (Database database = Database.open(embeddedIn(home))) {
      EmbeddedConnection connection = database.embeddedConnection().orElseThrow();
      assertThat(connection.pgpassFile()).isEqualTo(home.resolve("postgres/pgpass"));
      assertThat(connection.passwordFile()).isEqualTo(passwordFile(home));
      for (String host : List.of("127.0.0.1", "localhost", "[::1]")) {
        String url =
            "jdbc:postgresql://" + host + ":" + connection.port() + "/puerto?user=postgres";
        ProcessResult result =
            java(PgpassConnect.class, List.of(url), "PGPASSFILE", connection.pgpassFile());
        assertThat(result.output()).as(host).contains("connected as postgres");
      }
    }
  }

  /** CI runs as root, so there is another account to try: nobody. */
  @Test
  void another_local_account_can_neither_connect_nor_read_the_password() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root to run psql and cat as the account nobody (setpriv); runs in CI");
    try (Database database = Database.open(embeddedIn(home))) {
      Path pgpass = home.resolve("postgres/pgpass");
      for (String host : List.of("127.0.0.1", "[::1]")) {
        ProcessResult psql =
            asNobody(
                Map.of("PGPASSFILE", pgpass.toString()),
                "psql",
                "-w",
                "-X",
                "postgresql://postgres@" + host + ":" + port(home) + "/puerto",
                "-c",
                "SELECT 1");
        assertThat(psql.exitCode()).as(psql.output()).isNotZero();
        assertThat(psql.output()).contains("no password supplied");
      }
      for (Path secret : List.of(passwordFile(home), pgpass)) {
        ProcessResult cat = asNobody(Map.of(), "cat", secret.toString());
        assertThat(cat.exitCode()).isNotZero();
        assertThat(cat.output()).contains("Permission denied");
      }
    }
  }

  private static ProcessResult asNobody(Map<String, String> env, String... command)
      throws Exception {
    List<String> line =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "env",
                "-i",
                "HOME=/nonexistent",
                "PATH=/usr/bin:/bin"));
    env.forEach((key, value) -> line.add(key + "=" + value));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ProcessResult(process.exitValue(), output);
  }

  @Test
  void a_data_directory_initialised_with_trust_is_locked_down_in_place_and_keeps_its_data()
      throws Exception {
    Path root = home.resolve("postgres");
    Files.createDirectories(root);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    // What Puerto did before: zonky's own initdb (-A trust) and its defaults.
    try (EmbeddedPostgres old =
            EmbeddedPostgres.builder()
                .setDataDirectory(root.resolve("data"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(root.resolve("bin").toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        Connection connection = old.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE puerto");
      Flyway.configure()
          .dataSource(old.getDatabase("postgres", "puerto"))
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection puerto = old.getDatabase("postgres", "puerto").getConnection();
          Statement write = puerto.createStatement()) {
        write.execute("CREATE TABLE kept (v text)");
        write.execute("INSERT INTO kept VALUES ('from the trust days')");
      }
    }
    assertThat(Files.readString(root.resolve("data/pg_hba.conf"))).contains("trust");
    // zonky leaves its working directory world-writable (unless this JVM had binaries prepared
    // elsewhere already, which zonky then reuses): make sure it is, as in the old installs.
    Files.createDirectories(root.resolve("bin"));
    Files.setPosixFilePermissions(
        root.resolve("bin"), PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(writableByGroupOrOthers(home)).isNotEmpty();

    try (Database database = Database.open(embeddedIn(home))) {
      assertThat(database.dsl().fetchValue("SELECT v FROM kept")).isEqualTo("from the trust days");
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(
                          "jdbc:postgresql://127.0.0.1:" + port(home) + "/puerto?user=postgres")
                      .close())
          .hasMessageContaining("no password was provided");
    }
    assertThat(Files.readString(root.resolve("data/pg_hba.conf"))).doesNotContain("trust");
    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(root)).isEqualTo("rwx------");
    assertThat(writableByGroupOrOthers(home)).isEmpty();

    try (Database again = Database.open(embeddedIn(home))) {
      assertThat(again.dsl().fetchValue("SELECT v FROM kept")).isEqualTo("from the trust days");
    }
  }

  @Test
  void another_process_attaches_to_the_running_server_with_the_password_file() throws Exception {
    Process owner = startOpenAndWait();
    try (Database second = Database.open(embeddedIn(home))) {
      assertThat(second.dsl().fetchValue("SELECT v FROM from_child")).isEqualTo("written");
    } finally {
      owner.destroy();
      owner.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private Process startOpenAndWait() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OpenAndWait.class.getName(),
                home.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.equals(OpenAndWait.READY)) {
      // the child logs while it starts the server
    }
    assertThat(line).as("child reported the server ready").isEqualTo(OpenAndWait.READY);
    Thread drain =
        new Thread(
            () -> {
              try (output) {
                output.transferTo(java.io.Writer.nullWriter());
              } catch (IOException e) {
                // the child ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    return child;
  }

  static int port(Path home) throws IOException {
    return Integer.parseInt(Files.readString(home.resolve("postgres/port")).strip());
  }

  static Path passwordFile(Path home) {
    return home.resolve("postgres/password");
  }

  static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  /** Every file or directory under {@code root} that group or others may write (links aside). */
  static List<Path> writableByGroupOrOthers(Path root) throws IOException {
    List<Path> writable = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : (Iterable<Path>) tree::iterator) {
        if (Files.isSymbolicLink(path)) {
          continue;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
            || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
          writable.add(path);
        }
      }
    }
    return writable;
  }

  record ProcessResult(int exitCode, String output) {}

  /** A class of this test's class path run in a child JVM with one extra environment variable. */
  static ProcessResult java(Class<?> main, List<String> args, String variable, Path value)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(variable, value.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ProcessResult(process.exitValue(), output);
  }

  /** Child process: connects with a JDBC URL that has no password, as a JDBC tool would. */
  static final class PgpassConnect {
    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection(args[0]);
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT current_user")) {
        result.next();
        System.out.println("connected as " + result.getString(1));
      } catch (SQLException e) {
        System.out.println("refused: " + e.getMessage());
      }
    }
  }

  private static long postmasterPid(Path home) throws Exception {
    List<String> lines =
        Files.readAllLines(home.resolve("postgres").resolve("data").resolve("postmaster.pid"));
    return Long.parseLong(lines.get(0).trim());
  }

  static DatabaseSettings embeddedIn(Path home) {
    return new DatabaseSettings(null, null, null, home);
  }

  /** Child process: opens the embedded database, writes a row, says so, then waits to be killed. */
  static final class OpenAndWait {
    static final String READY = "READY";

    public static void main(String[] args) throws Exception {
      Database database = Database.open(embeddedIn(Path.of(args[0])));
      database.dsl().execute("CREATE TABLE from_child (v text)");
      database.dsl().execute("INSERT INTO from_child VALUES ('written')");
      System.out.println(READY);
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
