package dev.puerto.cli;

import static dev.puerto.schema.Tables.IMAP_ORIGINS;
import static dev.puerto.schema.Tables.INPUTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.ReportMails;
import dev.puerto.store.Database;
import dev.puerto.testing.LogCapture;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.testing.TestMailServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several mailboxes in one {@code puerto fetch}: sections of {@code
 * PUERTO_MAILBOX_<NAME>_<SETTING>} keys, in the environment or the config file, against one
 * GreenMail server with three accounts.
 */
@ExtendWith(PostgresExtension.class)
class MailboxSectionsTest {
  static final String SALES = "dmarc-sales@example.com";
  static final String SUPPORT = "dmarc-support@example.com";
  static final String BROKEN = "dmarc-broken@example.com";
  static final String SALES_PASSWORD = "sales secret 1";
  static final String SUPPORT_PASSWORD = "support secret 2";
  static final String WRONG_PASSWORD = "wrong secret 3";

  private final TestDatabase testDatabase;
  @TempDir Path work;
  private TestMailServer mail;
  private Database database;
  private DSLContext dsl;

  MailboxSectionsTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeEach
  void start() throws Exception {
    mail = TestMailServer.start();
    mail.addUser(SALES, SALES_PASSWORD);
    mail.addUser(SUPPORT, SUPPORT_PASSWORD);
    mail.addUser(BROKEN, "the right one");
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
  void fetch_reads_every_mailbox_in_turn_and_exits_with_the_worst_outcome() {
    mail.deliver(SALES, ReportMails.samples().get(0).raw());
    mail.deliver(SUPPORT, ReportMails.samples().get(1).raw());
    mail.deliver(BROKEN, ReportMails.samples().get(2).raw());

    CommandLineRun run;
    String log;
    try (LogCapture capture = LogCapture.start()) {
      run = CommandLineRun.run(threeMailboxes(), "fetch");
      log = capture.text();
    }

    assertThat(run.exitCode()).as(run.err() + log).isEqualTo(ExitCode.MAILBOX_LOGIN);
    assertThat(mail.count(SALES, "Archive/DMARC")).isEqualTo(1);
    assertThat(mail.count(SUPPORT, "Archive/DMARC")).isEqualTo(1);
    assertThat(mail.count(BROKEN, "INBOX")).isEqualTo(1);
    assertThat(run.out())
        .contains("Mailbox sales: import finished in", "Mailbox support: import finished in")
        .doesNotContain("Mailbox broken");
    assertThat(log)
        .contains("ERROR broken: localhost:" + mail.port() + " refused the login of " + BROKEN)
        .contains("INFO  sales: INBOX UID 1 <", "INFO  support: INBOX UID 1 <");
    assertThat(run.out() + run.err() + log)
        .doesNotContain(SALES_PASSWORD, SUPPORT_PASSWORD, WRONG_PASSWORD);
  }

  @Test
  void the_origin_of_an_input_names_the_account_it_came_from() {
    mail.deliver(SALES, ReportMails.samples().get(0).raw());
    mail.deliver(SUPPORT, ReportMails.samples().get(1).raw());

    CommandLineRun run = CommandLineRun.run(twoGoodMailboxes(), "fetch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dsl.select(IMAP_ORIGINS.ACCOUNT).from(IMAP_ORIGINS).fetch(IMAP_ORIGINS.ACCOUNT))
        .containsExactlyInAnyOrder(SALES, SUPPORT);
  }

  @Test
  void mailbox_picks_one_whatever_its_case_and_the_options_override_its_section() {
    mail.deliver(SALES, ReportMails.samples().get(0).raw());
    mail.deliver(SUPPORT, ReportMails.samples().get(1).raw());
    mail.deliver(BROKEN, ReportMails.samples().get(2).raw());

    CommandLineRun sales = CommandLineRun.run(threeMailboxes(), "fetch", "--mailbox", "SALES");

    assertThat(sales.exitCode()).as(sales.err()).isZero();
    assertThat(mail.count(SALES, "Archive/DMARC")).isEqualTo(1);
    assertThat(mail.count(SUPPORT, "INBOX")).isEqualTo(1);

    Map<String, String> env = threeMailboxes();
    env.put("PUERTO_MAILBOX", "broken");
    CommandLineRun broken =
        CommandLineRun.run(env, "fetch", "--processed-folder", "Archive/Broken");
    assertThat(broken.exitCode()).isEqualTo(ExitCode.MAILBOX_LOGIN);

    Path password = write("broken-password", "the right one");
    CommandLineRun repaired =
        CommandLineRun.run(
            env,
            "fetch",
            "--imap-password-file",
            password.toString(),
            "--processed-folder",
            "Archive/Broken");
    assertThat(repaired.exitCode()).as(repaired.err()).isZero();
    assertThat(mail.count(BROKEN, "Archive/Broken")).isEqualTo(1);
    assertThat(mail.count(SUPPORT, "INBOX")).isEqualTo(1);
  }

  @Test
  void sections_can_come_from_the_config_file_with_names_in_any_case() {
    mail.deliver(SALES, ReportMails.samples().get(0).raw());
    Path config =
        write(
            "puerto.conf",
            "PUERTO_MAILBOX_Sales_HOST=localhost\n"
                + "PUERTO_MAILBOX_Sales_PORT="
                + mail.port()
                + "\n"
                + "PUERTO_MAILBOX_sales_USER="
                + SALES
                + "\n"
                + "PUERTO_MAILBOX_SALES_PASSWORD_FILE="
                + write("sales-password", SALES_PASSWORD)
                + "\n"
                + "PUERTO_MAILBOX_SALES_PROCESSED_FOLDER=Archive/Sales\n");

    CommandLineRun run = CommandLineRun.run(base(), "--config", config.toString(), "fetch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Mailbox sales: import finished in");
    assertThat(mail.count(SALES, "Archive/Sales")).isEqualTo(1);
  }

  @Test
  void an_unknown_mailbox_is_a_usage_error_listing_the_known_ones() {
    CommandLineRun run = CommandLineRun.run(threeMailboxes(), "fetch", "--mailbox", "billing");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("no mailbox 'billing': the mailboxes are broken, sales, support");

    CommandLineRun withoutSections = CommandLineRun.run(base(), "watch", "--mailbox", "sales");
    assertThat(withoutSections.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(withoutSections.err()).contains("no mailbox sections are configured");
  }

  @Test
  void a_bad_section_key_is_a_configuration_error_naming_the_key() {
    assertUsageError(
        with(twoGoodMailboxes(), "PUERTO_MAILBOX_SALES_HOTS", "localhost"),
        "PUERTO_MAILBOX_SALES_HOTS: mailbox sales has no setting HOTS, or does not use it with"
            + " its other settings (it reads AFTER_IMPORT, FAILURE_REPORT_FOLDER, FOLDER, HOST,");
    assertUsageError(
        with(twoGoodMailboxes(), "PUERTO_MAILBOX_SA-LES_HOST", "localhost"),
        "PUERTO_MAILBOX_SA-LES_HOST: a mailbox key is PUERTO_MAILBOX_<NAME>_<SETTING>, NAME being"
            + " letters and digits");
    assertUsageError(
        with(twoGoodMailboxes(), "PUERTO_MAILBOX_SALES", "localhost"),
        "PUERTO_MAILBOX_SALES: a mailbox key is PUERTO_MAILBOX_<NAME>_<SETTING>");
    assertUsageError(
        with(twoGoodMailboxes(), "PUERTO_MAILBOX_SALES_OAUTH2_TOKEN_FILE", "/run/token"),
        "PUERTO_MAILBOX_SALES_PASSWORD: mailbox sales has no setting PASSWORD, or does not use it"
            + " with its other settings");
    Map<String, String> withoutHost = twoGoodMailboxes();
    withoutHost.remove("PUERTO_MAILBOX_SUPPORT_HOST");
    assertUsageError(
        withoutHost,
        "mailbox support: no IMAP server: give --imap-host or PUERTO_MAILBOX_SUPPORT_HOST");
    assertUsageError(
        with(twoGoodMailboxes(), "PUERTO_IMAP_USER", SALES),
        "PUERTO_IMAP_USER is set, and so are mailbox sections (sales, support): with sections,"
            + " each mailbox's settings go in its own, e.g. PUERTO_MAILBOX_SALES_USER");
    assertUsageError(
        with(twoGoodMailboxes(), "PUERTO_MAILBOX_TWIN_HOST", "localhost"),
        "mailbox twin: no IMAP user");
  }

  @Test
  void mailbox_options_without_mailbox_are_refused_when_there_are_sections() {
    CommandLineRun run =
        CommandLineRun.run(twoGoodMailboxes(), "watch", "--imap-folder", "Reports");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains(
            "--imap-folder applies to one mailbox, and there are several (sales, support): pick"
                + " one with --mailbox NAME");
  }

  @Test
  void fetch_and_watch_help_give_the_format_and_the_option() {
    for (String command : new String[] {"fetch", "watch"}) {
      CommandLineRun help = CommandLineRun.run(Map.of(), command, "--help");

      assertThat(help.exitCode()).isZero();
      assertThat(help.out().replaceAll("\\s+", " "))
          .contains("sections of keys PUERTO_MAILBOX_<NAME>_<SETTING>")
          .contains("PUERTO_MAILBOX_SALES_HOST=mail.example.com")
          .contains("--mailbox=NAME", "(env PUERTO_MAILBOX)");
    }
  }

  @Test
  void two_sections_on_one_folder_are_refused() {
    Map<String, String> env = twoGoodMailboxes();
    section(env, "again", SALES, SALES_PASSWORD);

    assertUsageError(env, "mailboxes again and sales are the same folder (imap://" + SALES);
  }

  private void assertUsageError(Map<String, String> env, String message) {
    CommandLineRun run = CommandLineRun.run(env, "fetch");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(message).doesNotContain("\tat ");
    assertThat(run.err()).doesNotContain(SALES_PASSWORD, SUPPORT_PASSWORD);
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    env.put(key, value);
    return env;
  }

  /** Sales and support, logging in with a password and a password file. */
  private Map<String, String> twoGoodMailboxes() {
    Map<String, String> env = base();
    section(env, "sales", SALES, SALES_PASSWORD);
    section(env, "support", SUPPORT, null);
    env.put("PUERTO_MAILBOX_SUPPORT_PASSWORD_FILE", write("support", SUPPORT_PASSWORD).toString());
    return env;
  }

  private Map<String, String> threeMailboxes() {
    Map<String, String> env = twoGoodMailboxes();
    section(env, "broken", BROKEN, WRONG_PASSWORD);
    return env;
  }

  private void section(Map<String, String> env, String name, String user, String password) {
    MailboxSections.add(env, name, mail.port(), user, password);
  }

  private Map<String, String> base() {
    return MailboxSections.base(testDatabase, mail, work);
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(work.resolve(name), content + "\n", StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
