package dev.puerto.cli;

import static dev.puerto.schema.Tables.ALERTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.puerto.alert.WebhookReceiver;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code puerto alerts check|list}, and import evaluating the alerts when they go somewhere. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
class AlertsCommandTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @RegisterExtension
  final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Map<String, String> env = new HashMap<>();
  private final TestDatabase database;
  @TempDir Path work;
  private WebhookReceiver webhook;

  AlertsCommandTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void configure() throws Exception {
    env.put("PUERTO_DB_URL", database.url());
    if (database.user() != null) {
      env.put("PUERTO_DB_USER", database.user());
    }
    if (database.password() != null) {
      env.put("PUERTO_DB_PASSWORD", database.password());
    }
    try (var db = database.open()) {
      db.dsl().execute("TRUNCATE inputs, hosts, findings, alerts CASCADE");
    }
    webhook = new WebhookReceiver(SECRET.getBytes(StandardCharsets.UTF_8));
    Path secret = Files.writeString(work.resolve("webhook.secret"), SECRET + "\n");
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    env.put("PUERTO_SMTP_HOST", "127.0.0.1");
    env.put("PUERTO_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
    env.put("PUERTO_SMTP_SECURITY", "plain");
    env.put("PUERTO_MAIL_FROM", "puerto@example.com");
    env.put("PUERTO_ALERT_MAIL_TO", "postmaster@example.com, dmarc@example.com");
    env.put("PUERTO_ALERT_WEBHOOK_URL", webhook.url().toString());
    env.put("PUERTO_ALERT_WEBHOOK_SECRET_FILE", secret.toString());
  }

  @AfterEach
  void stop() throws Exception {
    webhook.close();
  }

  @Test
  void import_fires_and_delivers_and_check_then_has_nothing_new() throws Exception {
    Path bad = Files.writeString(work.resolve("not-a-report.txt"), "hello");

    CommandLineRun imported = CommandLineRun.run(env, "import", bad.toString());

    assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCode.REJECTED);
    assertThat(smtp.getReceivedMessages()).hasSize(2); // one message, two recipients
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("1 input rejected");
    assertThat(webhook.received()).singleElement().matches(WebhookReceiver.Received::valid);

    CommandLineRun check = CommandLineRun.run(env, "alerts", "check");

    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out()).isEqualTo("0 alerts fired, 0 delivered, 0 failed\n");
    assertThat(webhook.received()).hasSize(1);

    CommandLineRun list = CommandLineRun.run(env, "alerts", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines().toList()).hasSize(2);
    assertThat(list.out().lines().toList().get(0))
        .startsWith("ID")
        .contains("FIRED (UTC)", "RULE", "SUBJECT", "PERIOD", "MAIL", "WEBHOOK", "ALERT");
    assertThat(list.out().lines().toList().get(1))
        .contains("rejected_inputs", "inputs", "after 0", "sent", "1 input rejected");

    CommandLineRun json = CommandLineRun.run(env, "alerts", "list", "--format", "json");
    JsonNode alerts = new ObjectMapper().readTree(json.out());
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).path("rule").asText()).isEqualTo("rejected_inputs");
    assertThat(alerts.get(0).path("facts").path("inputs").asLong()).isEqualTo(1);
    assertThat(alerts.get(0).path("deliveries").path("webhook").path("state").asText())
        .isEqualTo("sent");
    assertThat(alerts.get(0).path("deliveries").path("mail").path("state").asText())
        .isEqualTo("sent");
  }

  @Test
  void a_failed_delivery_makes_check_exit_1_and_the_next_check_delivers_it() throws Exception {
    env.put("PUERTO_ALERT_WEBHOOK_ATTEMPTS", "1");
    env.remove("PUERTO_ALERT_MAIL_TO");
    Path bad = Files.writeString(work.resolve("not-a-report.txt"), "hello");
    CommandLineRun.run(Map.of("PUERTO_DB_URL", env.get("PUERTO_DB_URL")), "import", bad.toString());
    webhook.answer(503);

    CommandLineRun failed = CommandLineRun.run(env, "alerts", "check");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(failed.out())
        .isEqualTo(
            "1 alert fired, 0 delivered, 1 failed\n  1 1 input rejected\n"
                .replace("  1 ", "  " + firstId() + " "));
    assertThat(failed.err()).contains("by webhook").contains("HTTP 503").doesNotContain(SECRET);

    CommandLineRun retried = CommandLineRun.run(env, "alerts", "check");

    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(retried.out()).isEqualTo("0 alerts fired, 1 delivered, 0 failed\n");
    assertThat(CommandLineRun.run(env, "alerts", "list").out()).contains("sent (2)");
  }

  @Test
  void alerts_speak_spanish_with_puerto_lang() throws Exception {
    env.put("PUERTO_LANG", "es");
    Path bad = Files.writeString(work.resolve("not-a-report.txt"), "hello");

    CommandLineRun.run(env, "import", bad.toString());

    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("1 entrada rechazada");
    assertThat((String) smtp.getReceivedMessages()[0].getContent())
        .contains("Puerto no pudo usar 1 entrada recibida")
        .contains("Qué hacer:");
    assertThat(CommandLineRun.run(env, "alerts", "list").out()).contains("1 entrada rechazada");
  }

  @Test
  void a_webhook_without_its_secret_is_a_configuration_error() {
    env.remove("PUERTO_ALERT_WEBHOOK_SECRET_FILE");

    CommandLineRun check = CommandLineRun.run(env, "alerts", "check");

    assertThat(check.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(check.err())
        .contains("PUERTO_ALERT_WEBHOOK_URL needs PUERTO_ALERT_WEBHOOK_SECRET_FILE");
  }

  @Test
  void thresholds_are_checked_with_their_key_and_bounds() {
    env.put("PUERTO_ALERT_SILENT_DAYS", "0");
    env.put("PUERTO_ALERT_OFF", "silent_reporter,nonsense");

    CommandLineRun check = CommandLineRun.run(env, "alerts", "check");

    assertThat(check.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(check.err()).contains("PUERTO_ALERT_OFF").contains("'nonsense'");

    env.remove("PUERTO_ALERT_OFF");
    CommandLineRun days = CommandLineRun.run(env, "alerts", "check");
    assertThat(days.err()).contains("PUERTO_ALERT_SILENT_DAYS must be a whole number from 1 to 60");
  }

  private long firstId() throws Exception {
    try (var db = database.open()) {
      return db.dsl().select(DSL.min(ALERTS.ID)).from(ALERTS).fetchOne(0, Long.class);
    }
  }
}
