package dev.puerto.cli;

import static dev.puerto.schema.Tables.FAILURE_REPORTS;
import static dev.puerto.schema.Tables.IMAP_ORIGINS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.TLS_REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.ReportMails;
import dev.puerto.generate.ReportMails.Mail;
import dev.puerto.schema.InputStatus;
import dev.puerto.store.Database;
import dev.puerto.store.WorkLock;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.testing.TestMailServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code puerto fetch} against a real IMAP server (GreenMail, IMAPS with our own certificate). */
@ExtendWith(PostgresExtension.class)
class FetchCommandTest {
  private final TestDatabase testDatabase;
  @TempDir Path work;
  private TestMailServer mail;
  private Database database;
  private DSLContext dsl;

  FetchCommandTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void start() throws Exception {
    mail = TestMailServer.start();
    database = testDatabase.open();
    dsl = database.dsl();
    dsl.truncate(INPUTS).cascade().execute();
  }

  @AfterEach
  void stop() {
    database.close();
    mail.close();
  }

  @Test
  void reports_in_zip_gz_xml_and_nested_attachments_are_imported_and_the_messages_moved() {
    List<Mail> samples = ReportMails.samples();
    samples.forEach(sample -> mail.deliver(sample.raw()));

    CommandLineRun run = fetch();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dsl.fetchCount(REPORTS))
        .isEqualTo(
            samples.stream().mapToInt(sample -> sample.totals().reports()).sum()
                - sharedReports(samples));
    assertThat(mail.count("INBOX")).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(samples.size());
    assertThat(run.out()).contains("reports imported");
  }

  @Test
  void a_fetch_while_another_puerto_reads_the_mailbox_does_nothing_and_exits_0() {
    ReportMails.samples().forEach(sample -> mail.deliver(sample.raw()));
    String mailbox =
        "imap://" + TestMailServer.USER + "@" + TestMailServer.HOST + ":" + mail.port() + "/INBOX";

    CommandLineRun run;
    try (WorkLock other = database.tryLock(mailbox).orElseThrow()) {
      run = fetch();
    }

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dsl.fetchCount(INPUTS)).isZero();
    assertThat(mail.count("INBOX")).isEqualTo(ReportMails.samples().size());
    assertThat(fetch().exitCode()).isZero(); // once the other is done, the next one reads
    assertThat(mail.count("INBOX")).isZero();
  }

  @Test
  void the_imap_origin_of_every_message_is_recorded() {
    Mail sample = ReportMails.samples().get(0);
    mail.deliver(sample.raw());

    CommandLineRun run = fetch();

    assertThat(run.exitCode()).as(run.err()).isZero();
    var origin = dsl.selectFrom(IMAP_ORIGINS).fetchSingle();
    assertThat(origin.getServer()).isEqualTo(TestMailServer.HOST + ":" + mail.port());
    assertThat(origin.getAccount()).isEqualTo(TestMailServer.USER);
    assertThat(origin.getFolder()).isEqualTo("INBOX");
    assertThat(origin.getUid()).isEqualTo(1L);
    assertThat(origin.getUidValidity()).isPositive();
    assertThat(origin.getMessageId()).endsWith("@reporter.example").doesNotContain("<");
    assertThat(origin.getSentAt()).isNotNull();
    assertThat(dsl.select(INPUTS.ORIGIN_KIND, INPUTS.ORIGIN).from(INPUTS).fetchSingle().value2())
        .startsWith("imap://postmaster%40example.com@localhost:")
        .endsWith("/INBOX;UIDVALIDITY=" + origin.getUidValidity() + "/;UID=1");
  }

  @Test
  void messages_without_an_aggregate_report_are_filed_by_kind_and_never_deleted() {
    mail.deliver(ReportMails.notAReport().raw());
    mail.deliver(ReportMails.failureReport().raw());
    mail.deliver(ReportMails.tlsReport().raw());
    mail.deliver(ReportMails.samples().get(0).raw());

    CommandLineRun run = fetch("--after-import", "delete");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(mail.count("INBOX")).isZero();
    assertThat(mail.count("Archive/Invalid")).isEqualTo(1);
    assertThat(mail.count("Archive/Forensic")).isEqualTo(1);
    assertThat(mail.count("Archive/TLS")).isEqualTo(1);
    assertThat(mail.count("Archive/DMARC")).as("deleted after commit").isZero();
    assertThat(dsl.fetchCount(INPUTS)).isEqualTo(4);
    assertThat(dsl.fetchCount(REPORTS)).isPositive();
  }

  @Test
  void a_mailbox_holding_all_three_kinds_is_fetched_with_exit_0_and_each_filed_in_its_folder() {
    mail.deliver(ReportMails.samples().get(0).raw());
    mail.deliver(ReportMails.failureReport().raw());
    mail.deliver(ReportMails.tlsReport().raw());

    CommandLineRun run = fetch();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("reports imported +[0-9]+ +\\([0-9]+ aggregate, 1 failure, 1 SMTP TLS\\)");
    assertThat(mail.count("INBOX")).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
    assertThat(mail.count("Archive/Forensic")).isEqualTo(1);
    assertThat(mail.count("Archive/TLS")).isEqualTo(1);
    assertThat(dsl.fetchCount(FAILURE_REPORTS, FAILURE_REPORTS.REPORTED_DOMAIN.eq("example.com")))
        .isEqualTo(1);
    assertThat(dsl.fetchCount(TLS_REPORTS, TLS_REPORTS.REPORT_ID.eq("tls-1"))).isEqualTo(1);
    assertThat(dsl.fetchCount(INPUTS, INPUTS.STATUS.eq(InputStatus.IMPORTED))).isEqualTo(3);
  }

  @Test
  void folders_can_be_renamed() {
    mail.deliver(ReportMails.samples().get(1).raw());
    mail.deliver(ReportMails.notAReport().raw());

    CommandLineRun run =
        fetch("--processed-folder", "Reports/Done", "--invalid-folder", "Reports/Junk");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(mail.count("Reports/Done")).isEqualTo(1);
    assertThat(mail.count("Reports/Junk")).isEqualTo(1);
  }

  @Test
  void a_message_read_again_after_its_reports_were_committed_counts_as_a_duplicate() {
    Mail sample = ReportMails.samples().get(0);
    mail.deliver(sample.raw());

    // mark-seen leaves the message in place after the commit, as a crash before the move would.
    CommandLineRun first = fetch("--after-import", "mark-seen");
    CommandLineRun skipped = fetch("--after-import", "mark-seen");
    CommandLineRun second = fetch();

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(skipped.out()).contains("inputs seen                  0");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("1 seen before, skipped by hash");
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(sample.totals().reports());
    assertThat(mail.count("INBOX")).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
  }

  @Test
  void a_wrong_password_exits_5_with_a_clear_message_and_no_stack_trace() {
    mail.deliver(ReportMails.samples().get(0).raw());
    Map<String, String> env = env();
    env.put("PUERTO_IMAP_PASSWORD", "not-the-password");

    CommandLineRun run = CommandLineRun.run(env, "fetch");

    assertThat(run.exitCode()).isEqualTo(ExitCode.MAILBOX_LOGIN);
    assertThat(run.err())
        .contains("refused the login of " + TestMailServer.USER)
        .contains("--imap-user")
        .doesNotContain("not-the-password")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(mail.count("INBOX")).isEqualTo(1);
  }

  @Test
  void an_untrusted_certificate_exits_6_and_names_the_trust_store_option() {
    Map<String, String> env = env();
    env.remove("PUERTO_TRUST_STORE");
    env.remove("PUERTO_TRUST_STORE_PASSWORD_FILE");

    CommandLineRun run = CommandLineRun.run(env, "fetch");

    assertThat(run.exitCode()).isEqualTo(ExitCode.MAILBOX_UNAVAILABLE);
    assertThat(run.err()).contains("TLS with localhost:").contains("--trust-store");
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void the_host_name_is_verified_against_the_certificate() {
    Map<String, String> env = env();
    env.put("PUERTO_IMAP_HOST", "127.0.0.1");

    CommandLineRun run = CommandLineRun.run(env, "fetch");

    assertThat(run.exitCode()).isEqualTo(ExitCode.MAILBOX_UNAVAILABLE);
    assertThat(run.err()).contains("does not name 127.0.0.1").doesNotContain("\tat ");
  }

  @Test
  void starttls_is_required_when_chosen_and_plain_only_when_named() {
    int plainPort = mail.startPlainServer();
    mail.deliver(ReportMails.samples().get(0).raw());
    Map<String, String> env = env();
    env.put("PUERTO_IMAP_PORT", Integer.toString(plainPort));

    CommandLineRun starttls = CommandLineRun.run(env, "fetch", "--imap-security", "starttls");
    CommandLineRun imaps = CommandLineRun.run(env, "fetch");
    CommandLineRun plain = CommandLineRun.run(env, "fetch", "--imap-security", "plain");

    assertThat(starttls.exitCode()).isEqualTo(ExitCode.MAILBOX_UNAVAILABLE);
    assertThat(starttls.err()).contains("STARTTLS").doesNotContain("\tat ");
    assertThat(imaps.exitCode()).isEqualTo(ExitCode.MAILBOX_UNAVAILABLE);
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
  }

  @Test
  void oauth2_tokens_come_from_a_file_or_a_command() throws Exception {
    // GreenMail checks an XOAUTH2 token like a password.
    Path token = Files.writeString(work.resolve("token"), TestMailServer.PASSWORD + "\n");
    Map<String, String> env = env();
    env.remove("PUERTO_IMAP_PASSWORD");
    mail.deliver(ReportMails.samples().get(0).raw());

    CommandLineRun fromFile =
        CommandLineRun.run(env, "fetch", "--imap-oauth2-token-file", token.toString());
    mail.deliver(ReportMails.samples().get(1).raw());
    CommandLineRun fromCommand =
        CommandLineRun.run(env, "fetch", "--imap-oauth2-token-command", "cat '" + token + "'");
    CommandLineRun failing =
        CommandLineRun.run(env, "fetch", "--imap-oauth2-token-command", "exit 3");

    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromCommand.exitCode()).as(fromCommand.err()).isZero();
    assertThat(mail.count("Archive/DMARC")).isEqualTo(2);
    assertThat(failing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(failing.err()).contains("token command").contains("exited with status 3");
  }

  @Test
  void without_a_password_it_says_how_to_give_one() {
    Map<String, String> env = env();
    env.remove("PUERTO_IMAP_PASSWORD");

    CommandLineRun run = CommandLineRun.run(env, "fetch");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("PUERTO_IMAP_PASSWORD").contains("--imap-password-file");
  }

  @Test
  void the_password_can_come_from_a_file_named_in_the_config_file() throws Exception {
    Path password = Files.writeString(work.resolve("imap-password"), TestMailServer.PASSWORD);
    Path config = work.resolve("puerto.conf");
    Files.writeString(
        config, "PUERTO_IMAP_PASSWORD_FILE=" + password + "\nPUERTO_IMAP_PROCESSED_FOLDER=Done\n");
    Map<String, String> env = env();
    env.remove("PUERTO_IMAP_PASSWORD");
    mail.deliver(ReportMails.samples().get(0).raw());

    CommandLineRun run = CommandLineRun.run(env, "--config", config.toString(), "fetch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(mail.count("Done")).isEqualTo(1);
  }

  @Test
  void the_help_names_every_option_and_the_mailbox_exit_codes() {
    CommandLineRun run = CommandLineRun.run(Map.of(), "fetch", "--help");

    assertThat(run.out())
        .contains("--imap-host", "--imap-port", "--imap-user", "--imap-security")
        .contains("--imap-folder", "--imap-password-file", "--imap-oauth2-token-file")
        .contains("--imap-oauth2-token-command", "--trust-store", "--trust-store-password-file")
        .contains("--processed-folder", "--invalid-folder", "PUERTO_IMAP_PASSWORD")
        .contains("5   the IMAP server refused the login");
  }

  private CommandLineRun fetch(String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "fetch";
    System.arraycopy(options, 0, args, 1, options.length);
    return CommandLineRun.run(env(), args);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(mail.environment());
    env.putAll(testDatabase.environment());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }

  /** The forwarded e-mail repeats a report of another sample: stored once. */
  private static int sharedReports(List<Mail> samples) {
    return samples.get(samples.size() - 1).totals().reports();
  }
}
