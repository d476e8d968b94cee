package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: real PostgreSQL binaries, data under PUERTO_HOME. */
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
