package dev.puerto.cli;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.alert.WebhookReceiver;
import dev.puerto.generate.GeneratedCorpus;
import dev.puerto.generate.ReportMails.Mail;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.testing.TestMailServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code puerto fetch} and {@code puerto watch} as separate processes, as users run them: a watch
 * picking up new mail and stopping on SIGTERM, two fetches racing on one mailbox, and a server that
 * goes away in the middle of a batch.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailboxProcessesTest {
  private final TestDatabase testDatabase;
  @TempDir static Path work;
  private List<Mail> corpus;
  private GeneratedCorpus expected;
  private Database database;
  private DSLContext dsl;
  private TestMailServer mail;

  MailboxProcessesTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void generateCorpus() throws Exception {
    expected = GeneratedCorpus.generate(work, 150, 3000, 7);
    corpus = expected.mails();
    database = testDatabase.open();
    dsl = database.dsl();
  }

  @AfterAll
  void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void start() {
    dsl.truncate(INPUTS).cascade().execute();
    mail = TestMailServer.start();
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  @Test
  void watch_imports_a_message_delivered_while_it_runs_and_exits_0_on_sigterm() throws Exception {
    mail.deliver(corpus.get(0).raw());
    Path log = work.resolve("watch.log");
    // GreenMail does not announce a message delivered between the drain's last SEARCH and the
    // start of IDLE; a short renewal bounds that wait, which a real server (Dovecot) does not need.
    Process watch = start(log, "watch", "--heartbeat-interval", "1s", "--idle-renewal", "5s");
    try {
      await(() -> mail.count("Archive/DMARC") == 1, Duration.ofSeconds(60), "first message");
      await(() -> read(log).contains("waiting with IDLE"), Duration.ofSeconds(60), "IDLE");

      mail.deliver(corpus.get(1).raw());
      await(() -> mail.count("Archive/DMARC") == 2, Duration.ofSeconds(60), "second message");
      await(() -> read(log).contains("heartbeat: "), Duration.ofSeconds(60), "heartbeat");

      watch.destroy(); // SIGTERM
      assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.exitValue()).as(read(log)).isZero();
      assertThat(read(log))
          .contains("INBOX UID 1 <", "INBOX UID 2 <", "-> Archive/DMARC")
          .contains("SIGTERM received")
          .contains("stopped; 2 messages processed");
      assertThat(dsl.fetchCount(INPUTS)).isEqualTo(2);
    } finally {
      watch.destroyForcibly();
    }
  }

  @Test
  void watch_evaluates_the_alerts_after_the_messages_it_imported() throws Exception {
    String secret = "0123456789abcdef0123456789abcdef";
    Path secretFile = Files.writeString(work.resolve("webhook.secret"), secret + "\n");
    Path log = work.resolve("watch-alerts.log");
    try (WebhookReceiver webhook = new WebhookReceiver(secret.getBytes(StandardCharsets.UTF_8))) {
      Map<String, String> env = env();
      env.put("PUERTO_ALERT_WEBHOOK_URL", webhook.url().toString());
      env.put("PUERTO_ALERT_WEBHOOK_SECRET_FILE", secretFile.toString());
      Process watch =
          PuertoProcess.start(
              env, log, "watch", "--heartbeat-interval", "1s", "--idle-renewal", "5s");
      try {
        await(() -> read(log).contains("waiting with IDLE"), Duration.ofSeconds(60), "IDLE");
        assertThat(webhook.received()).as("nothing imported yet, nothing to say").isEmpty();

        // Anyone can mail the public address: a message with no report is a rejected input.
        mail.deliver(
            ("From: someone@example.net\r\nTo: dmarc@example.com\r\nSubject: hello\r\n"
                    + "Message-ID: <not-a-report@example.net>\r\n\r\nNo report here.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        await(() -> !webhook.received().isEmpty(), Duration.ofSeconds(60), "the alert");

        WebhookReceiver.Received alert = webhook.received().get(0);
        assertThat(alert.valid()).as("signed with the shared secret").isTrue();
        assertThat(alert.body()).contains("\"rejected_inputs\"");
        watch.destroy(); // SIGTERM
        assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.exitValue()).as(read(log)).isZero();
        assertThat(webhook.received()).as("fired once").hasSize(1);
        assertThat(read(log)).doesNotContain(secret);
      } finally {
        watch.destroyForcibly();
      }
    }
  }

  @Test
  void one_watch_serves_three_mailboxes_while_the_broken_one_keeps_failing_and_exits_0_on_sigterm()
      throws Exception {
    mail.addUser("sales@example.com", "sales password");
    mail.addUser("support@example.com", "support password");
    mail.addUser("broken@example.com", "its real password");
    Map<String, String> env = MailboxSections.base(testDatabase, mail, work);
    MailboxSections.add(env, "sales", mail.port(), "sales@example.com", "sales password");
    MailboxSections.add(env, "support", mail.port(), "support@example.com", "support password");
    MailboxSections.add(env, "broken", mail.port(), "broken@example.com", "a wrong password");
    MailboxSections.add(env, "gone", closedPort(), "gone@example.com", "gone password");
    mail.deliver("sales@example.com", corpus.get(0).raw());
    mail.deliver("support@example.com", corpus.get(1).raw());
    mail.deliver("broken@example.com", corpus.get(2).raw());
    Path log = work.resolve("watch-three.log");

    Process watch =
        PuertoProcess.startWithProductionLogging(
            env, log, "watch", "--heartbeat-interval", "1s", "--idle-renewal", "5s");
    try {
      await(() -> read(log).contains("ERROR broken: "), Duration.ofSeconds(60), "broken fails");
      await(() -> read(log).contains("WARN  gone: "), Duration.ofSeconds(60), "gone fails");
      await(
          () -> mail.count("sales@example.com", "Archive/DMARC") == 1,
          Duration.ofSeconds(60),
          "sales' first message");
      await(
          () -> read(log).contains("INFO  support: watching INBOX"),
          Duration.ofSeconds(60),
          "support waiting");
      mail.deliver("support@example.com", corpus.get(3).raw());
      await(
          () -> mail.count("support@example.com", "Archive/DMARC") == 2,
          Duration.ofSeconds(60),
          "support's message delivered while watch runs");
      await(
          () -> heartbeatOf(log, "support").contains("2 messages processed"),
          Duration.ofSeconds(60),
          "a heartbeat after it");

      watch.destroy(); // SIGTERM
      assertThat(watch.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String text = read(log);
      assertThat(watch.exitValue()).as(text).isZero();
      assertThat(text)
          .contains("ERROR broken: localhost:" + mail.port() + " refused the login of broken@")
          .contains("; trying again in ")
          .contains("heartbeat: broken: failing, next try in ")
          .contains("INFO  sales: INBOX UID 1 <", "INFO  support: INBOX UID 2 <")
          .contains("INFO  sales: stopped; 1 messages processed")
          .contains("INFO  support: stopped; 2 messages processed")
          .doesNotContain(
              "sales password", "support password", "a wrong password", "gone password");
      assertThat(heartbeatOf(log, "broken"))
          .contains("; last error at ", "refused the login of broken@example.com");
      assertThat(heartbeatOf(log, "gone"))
          .contains("; last error at ", ": cannot reach the IMAP server localhost:");
      assertThat(heartbeatOf(log, "sales"))
          .startsWith("sales: waiting with IDLE on INBOX of sales@example.com")
          .contains("1 messages processed")
          .doesNotContain("last error");
      assertThat(mail.count("broken@example.com", "INBOX")).isEqualTo(1);
      assertThat(dsl.fetchCount(INPUTS)).isEqualTo(3);
    } finally {
      watch.destroyForcibly();
    }
  }

  /** What the last heartbeat line says of one mailbox: {@code sales: waiting with IDLE ...}. */
  private static String heartbeatOf(Path log, String mailbox) {
    String line =
        read(log)
            .lines()
            .filter(l -> l.contains(" heartbeat: "))
            .reduce((first, second) -> second)
            .orElse("");
    String all = line.isEmpty() ? "" : line.substring(line.indexOf(" heartbeat: ") + 12);
    return java.util.Arrays.stream(all.split(" \\| "))
        .filter(part -> part.startsWith(mailbox + ": "))
        .findFirst()
        .orElse("");
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void two_fetches_on_the_same_mailbox_at_once_store_every_report_once() throws Exception {
    corpus.forEach(message -> mail.deliver(message.raw()));

    List<Process> fetches =
        List.of(
            start(work.resolve("fetch-1.log"), "fetch"),
            start(work.resolve("fetch-2.log"), "fetch"));
    for (int i = 0; i < fetches.size(); i++) {
      assertThat(fetches.get(i).waitFor(3, TimeUnit.MINUTES)).isTrue();
      // GreenMail sometimes answers a UID command on a message the other session just moved with
      // BYE; Puerto then stops with exit 6 and the next run picks up what is left.
      assertThat(fetches.get(i).exitValue())
          .as(read(work.resolve("fetch-" + (i + 1) + ".log")))
          .isIn(ExitCode.OK, ExitCode.MAILBOX_UNAVAILABLE);
    }
    if (mail.count("INBOX") > 0) {
      assertThat(CommandLineRun.run(env(), "fetch").exitCode()).isZero();
    }

    assertStoredExactlyOnce();
    assertThat(mail.count("INBOX")).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(corpus.size());
  }

  @Test
  void after_the_server_went_away_mid_batch_the_next_run_imports_every_report_exactly_once()
      throws Exception {
    corpus.forEach(message -> mail.deliver(message.raw()));
    Path log = work.resolve("interrupted.log");
    Process fetch = start(log, "fetch");

    await(() -> dsl.fetchCount(REPORTS) >= 10, Duration.ofSeconds(60), "some reports committed");
    mail.stopServer();
    assertThat(fetch.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int committedBeforeTheCrash = dsl.fetchCount(REPORTS);
    mail.startServer();
    CommandLineRun rerun = CommandLineRun.run(env(), "fetch");

    assertThat(fetch.exitValue()).as(read(log)).isEqualTo(ExitCode.MAILBOX_UNAVAILABLE);
    assertThat(read(log)).contains("cannot reach the IMAP server").doesNotContain("\tat ");
    assertThat(committedBeforeTheCrash).isLessThan(expected.reports());
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertStoredExactlyOnce();
    assertThat(mail.count("INBOX")).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(corpus.size());
  }

  private void assertStoredExactlyOnce() {
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(expected.reports());
    assertThat(dsl.fetchCount(RECORDS)).isEqualTo(expected.records());
  }

  private Process start(Path log, String... args) throws Exception {
    return PuertoProcess.start(env(), log, args);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(mail.environment());
    env.putAll(testDatabase.environment());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " in time").isLessThan(deadline);
      Thread.sleep(50);
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
