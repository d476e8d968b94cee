package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryCommandTest {
  @RegisterExtension
  final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Map<String, String> env = new HashMap<>();
  @TempDir Path work;

  SummaryCommandTest(TestDatabase database) {
    env.put("PUERTO_DB_URL", database.url());
    if (database.user() != null) {
      env.put("PUERTO_DB_USER", database.user());
    }
    if (database.password() != null) {
      env.put("PUERTO_DB_PASSWORD", database.password());
    }
  }

  @BeforeAll
  void importSamples() {
    CommandLineRun imported =
        CommandLineRun.run(
            env,
            "import",
            "reports-samples/google.com!example.com!1772409600!1772495999.zip",
            "reports-samples/enterprise.protection.outlook.com!example.com!1773100800!1773187200.eml",
            "reports-samples/mimecast.org!example.com!1773187200!1773273599.eml",
            "reports-samples/google.com!example.org!1773100800!1773187199.zip");
    assertThat(imported.exitCode()).as(imported.err()).isZero();
  }

  @BeforeEach
  void pointAtSmtp() {
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    env.put("PUERTO_SMTP_HOST", "127.0.0.1");
    env.put("PUERTO_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
    env.put("PUERTO_SMTP_SECURITY", "plain");
    env.put("PUERTO_MAIL_FROM", "puerto@example.com");
    env.remove("PUERTO_LANG");
  }

  @Test
  void text_is_the_default_and_names_each_domain() {
    CommandLineRun run = CommandLineRun.run(env, "summary", "--week", "2026-W11");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("DMARC summary 2026-W11 (2026-03-09 to 2026-03-15, UTC)")
        .contains("== example.com")
        .contains("== example.org")
        .contains("run puerto analyze")
        .doesNotContain("`");
  }

  @Test
  void json_for_one_domain_goes_to_the_output_file() throws Exception {
    Path file = work.resolve("w11.json");
    CommandLineRun run =
        CommandLineRun.run(
            env,
            "summary",
            "--week",
            "2026-W11",
            "--domain",
            "Example.COM",
            "--format",
            "json",
            "--output",
            file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("domains")).hasSize(1);
    JsonNode domain = json.get("domains").get(0);
    assertThat(domain.get("domain").asText()).isEqualTo("example.com");
    assertThat(domain.get("messages").asLong()).isEqualTo(2_112 + 186);
    assertThat(domain.get("previous_week").get("messages").asLong()).isEqualTo(6_377);
  }

  @Test
  void mail_to_sends_one_message_per_domain_with_the_pass_rate_in_the_subject() throws Exception {
    CommandLineRun run =
        CommandLineRun.run(
            env,
            "summary",
            "--week",
            "2026-W11",
            "--domain",
            "example.org",
            "--mail-to",
            "postmaster@example.org");
    assertThat(run.exitCode()).as(run.err()).isZero();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject())
        .matches("DMARC example\\.org 2026-W11: \\d+\\.\\d% pass .*");
    assertThat(received[0].getContentType()).startsWith("multipart/alternative");
    assertThat(run.out()).contains("sent \"DMARC example.org 2026-W11").contains("postmaster@");
  }

  @Test
  void lang_es_writes_the_summary_in_spanish_with_spanish_numbers() {
    CommandLineRun run = CommandLineRun.run(env, "--lang", "es", "summary", "--week", "2026-W11");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Resumen DMARC 2026-W11 (del 2026-03-09 al 2026-03-15, UTC)")
        .contains("== example.com")
        .contains("ejecute puerto analyze")
        .containsPattern("Mensajes +2\\.298 ")
        .doesNotContain("DMARC summary");
  }

  @Test
  void puerto_lang_in_the_environment_mails_subject_and_body_in_spanish() throws Exception {
    env.put("PUERTO_LANG", "es_ES.UTF-8");
    CommandLineRun run =
        CommandLineRun.run(
            env,
            "summary",
            "--week",
            "2026-W11",
            "--domain",
            "example.org",
            "--mail-to",
            "postmaster@example.org");
    assertThat(run.exitCode()).as(run.err()).isZero();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject())
        .matches("DMARC example\\.org 2026-W11: \\d+,\\d\u00a0% de éxito \\(.* mensajes\\)");
    MimeMultipart parts = (MimeMultipart) received[0].getContent();
    assertThat((String) parts.getBodyPart(0).getContent())
        .startsWith("Resumen DMARC 2026-W11")
        .contains("Consejo: ");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("<html lang=\"es\">")
        .contains("Consejo sobre la política");
    // the command's own lines stay English, as the help and the logs do
    assertThat(run.out()).startsWith("sent \"DMARC example.org 2026-W11");
  }

  @Test
  void a_language_puerto_does_not_speak_is_a_usage_error_naming_the_setting() {
    CommandLineRun run = CommandLineRun.run(env, "--lang", "fr", "summary", "--week", "2026-W11");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--lang (PUERTO_LANG)").contains("en, es, not 'fr'");
  }

  @Test
  void a_week_without_data_says_so_in_one_line_and_sends_nothing_unless_asked() {
    CommandLineRun printed =
        CommandLineRun.run(env, "summary", "--week", "2026-W20", "--domain", "example.com");
    assertThat(printed.out()).contains("example.com: no reports for 2026-W20.");

    CommandLineRun mailed =
        CommandLineRun.run(
            env,
            "summary",
            "--week",
            "2026-W20",
            "--domain",
            "example.com",
            "--mail-to",
            "a@x.org");
    assertThat(mailed.exitCode()).isZero();
    assertThat(mailed.out()).contains("nothing sent: no reports for 2026-W20");
    assertThat(smtp.getReceivedMessages()).isEmpty();

    CommandLineRun forced =
        CommandLineRun.run(
            env,
            "summary",
            "--week",
            "2026-W20",
            "--domain",
            "example.com",
            "--mail-to",
            "a@x.org",
            "--send-empty");
    assertThat(forced.exitCode()).isZero();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void a_bad_week_or_missing_mail_settings_are_usage_errors() {
    CommandLineRun week = CommandLineRun.run(env, "summary", "--week", "2026-47");
    assertThat(week.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(week.err()).contains("--week").contains("2026-W47");

    env.remove("PUERTO_SMTP_HOST");
    CommandLineRun host =
        CommandLineRun.run(env, "summary", "--week", "2026-W11", "--mail-to", "a@x.org");
    assertThat(host.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(host.err()).contains("--smtp-host");
  }

  @Test
  void an_unreachable_smtp_server_exits_1_and_never_shows_the_password() throws Exception {
    Path secret = work.resolve("smtp-password");
    Files.writeString(secret, "hunter2-secret\n");
    CommandLineRun run =
        CommandLineRun.run(
            env,
            "summary",
            "--week",
            "2026-W11",
            "--mail-to",
            "a@x.org",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            "1",
            "--smtp-user",
            "puerto",
            "--smtp-password-file",
            secret.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(run.err()).contains("cannot send the summary via 127.0.0.1:1");
    assertThat(run.out() + run.err()).doesNotContain("hunter2");
  }
}
