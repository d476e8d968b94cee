package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.GeneratedCorpus;
import dev.puerto.generate.ReportMails.Mail;
import dev.puerto.schema.InputStatus;
import dev.puerto.store.Database;
import dev.puerto.testing.DovecotServer;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code puerto} processes on one real Dovecot mailbox, as happens when a cron fetch overlaps
 * with another, or two watch services were started: each process meets messages the other just
 * moved (Dovecot answers {@code BODY[] NIL}, or leaves them out, or says nothing was moved), and
 * both must end cleanly with every report stored once.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DovecotProcessesTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private final TestDatabase testDatabase;
  @TempDir static Path work;
  private List<Mail> corpus;
  private GeneratedCorpus expected;
  private DovecotServer dovecot;
  private Database database;
  private DSLContext dsl;

  DovecotProcessesTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void start() throws Exception {
    dovecot = DovecotServer.startOrSkip();
    expected = GeneratedCorpus.generate(work, 260, 2600, 23);
    corpus = expected.mails();
    database = testDatabase.open();
    dsl = database.dsl();
  }

  @AfterAll
  void stop() {
    if (database != null) {
      database.close();
    }
    if (dovecot != null) {
      dovecot.close();
    }
  }

  @BeforeEach
  void empty() {
    dovecot.clear();
    dsl.truncate(INPUTS).cascade().execute();
  }

  @Test
  void two_fetches_on_one_mailbox_both_end_cleanly_and_every_report_is_stored_once()
      throws Exception {
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
    corpus.forEach(mail -> dovecot.append(mail.raw()));

    List<Path> logs = List.of(work.resolve("fetch-1.log"), work.resolve("fetch-2.log"));
    List<Process> fetches = new ArrayList<>();
    for (Path log : logs) {
      fetches.add(PuertoProcess.start(env(), log, "fetch"));
    }
    for (int i = 0; i < fetches.size(); i++) {
      Process fetch = fetches.get(i);
      boolean ended = fetch.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        fetch.destroyForcibly();
      }
      String log = read(logs.get(i));
      assertThat(ended).as("fetch %d ended; %s", i + 1, log).isTrue();
      assertThat(fetch.exitValue()).as(log).isIn(ExitCode.OK, ExitCode.REJECTED);
      assertCleanLog(log);
    }

    assertEveryReportStoredOnce();
    assertThat(dovecot.count("INBOX")).isZero();
    // One process at a time per mailbox (the lock on the database): no copy filed twice.
    assertThat(dovecot.count("Archive/DMARC")).isEqualTo(corpus.size());
    System.out.printf(
        "two fetches: %d messages, %d in Archive/DMARC, %d vanished lines, %d filed-meanwhile"
            + " lines%n",
        corpus.size(),
        dovecot.count("Archive/DMARC"),
        occurrences(logs, "vanished before it was read"),
        occurrences(logs, "filed meanwhile by another client"));
  }

  @Test
  void a_second_watch_stands_by_takes_over_when_the_first_stops_and_both_exit_0() throws Exception {
    int half = corpus.size() / 2;
    corpus.subList(0, half).forEach(mail -> dovecot.append(mail.raw()));
    List<Path> logs = List.of(work.resolve("watch-1.log"), work.resolve("watch-2.log"));
    List<Process> watches = new ArrayList<>();
    try {
      for (Path log : logs) {
        watches.add(PuertoProcess.start(env(), log, "watch", "--heartbeat-interval", "5s"));
      }
      await(
          () ->
              logs.stream().anyMatch(log -> read(log).contains("waiting with IDLE"))
                  && logs.stream().anyMatch(log -> read(log).contains("standing by")),
          "one watch waiting with IDLE, the other standing by");
      int active = read(logs.get(0)).contains("waiting with IDLE") ? 0 : 1;
      int standby = 1 - active;
      await(() -> dovecot.count("INBOX") == 0, "the first half filed by the watch that reads");

      watches.get(active).destroy(); // SIGTERM: the other takes the mailbox over
      assertEndsCleanly(watches.get(active), logs.get(active));
      await(
          () ->
              read(logs.get(standby)).contains("watching")
                  && read(logs.get(standby)).contains("now"),
          "the standing-by watch took over");
      corpus.subList(half, corpus.size()).forEach(mail -> dovecot.append(mail.raw()));
      await(
          () -> dovecot.count("INBOX") == 0 && dsl.fetchCount(REPORTS) >= expected.reports(),
          "every message filed and every report stored");
      watches.get(standby).destroy();
      assertEndsCleanly(watches.get(standby), logs.get(standby));
    } finally {
      watches.forEach(Process::destroyForcibly);
    }

    assertEveryReportStoredOnce();
    // One process at a time per mailbox (the lock on the database): no copy filed twice.
    assertThat(dovecot.count("Archive/DMARC")).isEqualTo(corpus.size());
  }

  private void assertEndsCleanly(Process watch, Path logFile) throws InterruptedException {
    boolean ended = watch.waitFor(60, TimeUnit.SECONDS);
    String log = read(logFile);
    assertThat(ended).as("watch ended; %s", log).isTrue();
    assertThat(watch.exitValue()).as(log).isEqualTo(ExitCode.OK);
    assertThat(log).contains("SIGTERM received").contains("stopped; ");
    assertCleanLog(log);
  }

  private void assertEveryReportStoredOnce() {
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(expected.reports());
    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(expected.records());
    assertThat(dsl.fetchCount(INPUTS)).as("one input per message").isEqualTo(corpus.size());
    assertThat(
            dsl.fetchCount(
                INPUTS, INPUTS.STATUS.notIn(InputStatus.IMPORTED, InputStatus.DUPLICATE)))
        .isZero();
  }

  private static void assertCleanLog(String log) {
    assertThat(log)
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("ERROR")
        .doesNotContain("unexpected error");
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(dovecot.environment());
    env.putAll(testDatabase.environment());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }

  private static long occurrences(List<Path> logs, String text) {
    return logs.stream()
        .map(DovecotProcessesTest::read)
        .flatMap(String::lines)
        .filter(line -> line.contains(text))
        .count();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " in time").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
