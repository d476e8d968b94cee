package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.GenerateCorpus;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.StallingProxy;
import dev.puerto.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that stops answering in the middle of an import (the server stopped, the network
 * gone): the import ends by itself with exit code 3 and one line that says so, instead of waiting
 * for ever.
 */
@ExtendWith(PostgresExtension.class)
class StalledDatabaseTest {
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

  private final TestDatabase testDatabase;
  @TempDir Path work;

  StalledDatabaseTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @Test
  void an_import_whose_database_stalls_exits_3_with_one_line_within_the_socket_timeout()
      throws Exception {
    Path corpus = work.resolve("corpus");
    GenerateCorpus.main(
        new String[] {
          "--out", corpus.toString(),
          "--reports", "60",
          "--records-total", "150000",
          "--seed", "11"
        });
    URI server = URI.create(testDatabase.url().substring("jdbc:".length()));
    try (Database direct = testDatabase.open();
        StallingProxy proxy = StallingProxy.start(server.getHost(), server.getPort())) {
      direct.dsl().truncate(INPUTS).cascade().execute();
      Map<String, String> env = testDatabase.environment();
      env.put(
          "PUERTO_DB_URL",
          testDatabase.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
      env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
      Path stdout = work.resolve("import.out");
      Path stderr = work.resolve("import.err");
      Process importing =
          puerto(
              env,
              stdout,
              stderr,
              "--db-socket-timeout",
              SOCKET_TIMEOUT.toSeconds() + "s",
              "--db-statement-timeout",
              "4s",
              "--db-connect-timeout",
              "3s",
              "import",
              corpus.toString());
      awaitCommittedReports(direct, 2, importing);

      proxy.stall();
      long stalled = System.nanoTime();
      // Generous for a loaded machine: the socket timeout, then closing the pool and the process.
      Duration bound = SOCKET_TIMEOUT.multipliedBy(4).plusSeconds(60);
      boolean ended = importing.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
      Duration tookToExit = Duration.ofNanos(System.nanoTime() - stalled);
      if (!ended) {
        importing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      System.out.println("stall to exit: " + tookToExit.toMillis() + " ms");
      System.out.println(Files.readString(stderr, StandardCharsets.UTF_8));

      String errors = Files.readString(stderr, StandardCharsets.UTF_8);
      assertThat(ended)
          .as("import ended within %s after the stall; stderr: %s", bound, errors)
          .isTrue();
      assertThat(importing.exitValue()).as(errors).isEqualTo(ExitCode.DATABASE);
      List<String> failures = errors.lines().filter(line -> line.startsWith("puerto:")).toList();
      assertThat(failures).as(errors).hasSize(1);
      // Statements in flight meet the socket timeout; a worker that needs a connection then meets
      // the connect timeout; whichever comes first is reported.
      assertThat(failures.get(0))
          .startsWith("puerto: import: ")
          .containsAnyOf(
              "the database did not answer within 5s, the socket timeout (--db-socket-timeout",
              "no connection to the database within 3s, the connect timeout"
                  + " (--db-connect-timeout");
      assertThat(errors).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  @Test
  void
      a_command_against_a_database_that_accepts_but_never_answers_exits_3_after_the_connect_timeout()
          throws Exception {
    URI server = URI.create(testDatabase.url().substring("jdbc:".length()));
    try (StallingProxy proxy = StallingProxy.start(server.getHost(), server.getPort())) {
      proxy.stall();
      Map<String, String> env = testDatabase.environment();
      env.put(
          "PUERTO_DB_URL",
          testDatabase.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
      env.put("XDG_CONFIG_HOME", work.resolve("config").toString());

      CommandLineRun run = CommandLineRun.run(env, "--db-connect-timeout", "2s", "sql", "SELECT 1");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.DATABASE);
      assertThat(run.err().strip())
          .startsWith("puerto: cannot connect to jdbc:postgresql://127.0.0.1:" + proxy.port())
          .contains(
              "no connection to the database within 2s, the connect timeout"
                  + " (--db-connect-timeout, PUERTO_DB_CONNECT_TIMEOUT)")
          .doesNotContain("\n");
    }
  }

  /** {@code puerto} in a child JVM, logging as the shipped logback.xml says, stderr apart. */
  private static Process puerto(Map<String, String> env, Path stdout, Path stderr, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(
        "-Dlogback.configurationFile="
            + Path.of(Main.class.getResource("/logback.xml").toURI()).toAbsolutePath());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void awaitCommittedReports(Database direct, int count, Process importing)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (direct.dsl().fetchCount(REPORTS) < count) {
      assertThat(importing.isAlive()).as("import still running").isTrue();
      assertThat(System.nanoTime()).as("reports committed in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
