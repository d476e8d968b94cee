package dev.puerto.alert;

import static dev.puerto.schema.Tables.FINDINGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.ingest.Ingester;
import dev.puerto.mail.SmtpSettings;
import dev.puerto.schema.AlertChannel;
import dev.puerto.schema.AlertRule;
import dev.puerto.schema.DeliveryState;
import dev.puerto.schema.Verdict;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.SampleImports;
import dev.puerto.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerts end to end: reports imported through the pipeline (generated aggregate XML, an SMTP
 * TLS report, an input that is no report), the rules evaluated on a fixed day, each alert mailed to
 * a real SMTP server (GreenMail) and posted to a real HTTP server that checks its signature.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 20);
  private static final Instant NOW = Instant.parse("2026-03-20T10:00:00Z");
  private static final String DOMAIN = "shop.example";
  private static final String TLS_DOMAIN = "mail.example";
  private static final String NEW_SOURCE = "198.51.100.7";
  private static final byte[] SECRET =
      "a shared secret of more than sixteen bytes".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Database database;
  private WebhookReceiver webhook;

  AlertsTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void start() throws Exception {
    database.dsl().execute("TRUNCATE inputs, hosts, findings, alerts CASCADE");
    webhook = new WebhookReceiver(SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    webhook.close();
  }

  @Test
  void each_rule_fires_once_and_only_once_on_both_channels() throws Exception {
    everyConditionMet();

    Alerts.Check first = alerts(NOW).check();

    assertThat(first.fired())
        .extracting(a -> a.condition().rule())
        .containsExactlyInAnyOrder(AlertRule.values());
    assertThat(first.failed()).isEmpty();
    assertThat(first.delivered()).isEqualTo(2 * AlertRule.values().length);
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails).hasSize(AlertRule.values().length);
    assertThat(webhook.received()).hasSize(AlertRule.values().length);
    assertThat(webhook.received()).allMatch(WebhookReceiver.Received::valid);
    assertThat(webhook.received())
        .extracting(r -> JSON.readTree(r.body()).path("rule").asText())
        .containsExactlyInAnyOrder(
            List.of(AlertRule.values()).stream().map(AlertRule::code).toArray(String[]::new));

    Alerts.Check second = alerts(NOW.plus(Duration.ofMinutes(15))).check();

    assertThat(second.fired()).isEmpty();
    assertThat(second.delivered()).isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(AlertRule.values().length);
    assertThat(webhook.received()).hasSize(AlertRule.values().length);
    List<FiredAlert> listed = alerts(NOW).list(30, 100);
    assertThat(listed).hasSize(AlertRule.values().length);
    assertThat(listed)
        .allSatisfy(
            a ->
                assertThat(a.deliveries())
                    .extracting(FiredAlert.Delivery::channel, FiredAlert.Delivery::state)
                    .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(AlertChannel.MAIL, DeliveryState.SENT),
                        org.assertj.core.groups.Tuple.tuple(
                            AlertChannel.WEBHOOK, DeliveryState.SENT)));
  }

  @Test
  void the_alerts_say_what_happened_with_the_numbers_and_the_analyzers_fix() throws Exception {
    everyConditionMet();

    alerts(NOW).check();

    String newSource = mailAbout("New source failing DMARC for " + DOMAIN);
    assertThat(newSource)
        .contains(NEW_SOURCE + " sent mail as " + DOMAIN + " from 2026-03-19 on")
        .contains("50 of its 50 messages failed DMARC")
        .contains("in the 30 days before")
        .contains("puerto analyze judged it: unauthorized.")
        .contains("What to do: nothing passes for this source: it is not yours");
    assertThat(mailAbout("DMARC pass rate of " + DOMAIN + " fell to 66.7% on 2026-03-19"))
        .contains("100 of 150 messages for " + DOMAIN + " passed DMARC (66.7%)")
        .contains("against 100% over the 7 days before (1,404 of 1,404 messages): 33.3 points");
    assertThat(mailAbout("silent.example has sent no DMARC reports for " + DOMAIN))
        .contains("covering 7 of the 7 days up to 2026-03-15, and none for the 4 days since");
    assertThat(mailAbout("SMTP TLS failures for " + TLS_DOMAIN + " on 2026-03-19: 25 sessions"))
        .contains("senders reported 25 failed TLS sessions delivering to " + TLS_DOMAIN)
        .contains("certificate-expired at mx1." + TLS_DOMAIN + ", 25 sessions")
        .contains("What to do: renew the certificate of MX mx1." + TLS_DOMAIN);
    assertThat(mailAbout("1 input rejected")).contains("input ").contains("not-a-report.txt");

    JsonNode body =
        webhook.received().stream()
            .map(r -> readTree(r.body()))
            .filter(b -> b.path("rule").asText().equals("new_failing_source"))
            .findFirst()
            .orElseThrow();
    assertThat(body.path("subject").asText()).isEqualTo(DOMAIN + " " + NEW_SOURCE);
    assertThat(body.path("period").asText()).isEqualTo("2026-03-19");
    assertThat(body.path("facts").path("failing_messages").asLong()).isEqualTo(50);
    assertThat(body.path("facts").path("verdict").asText()).isEqualTo("unauthorized");
    assertThat(body.path("title").asText())
        .isEqualTo("New source failing DMARC for " + DOMAIN + ": " + NEW_SOURCE);
  }

  @Test
  void a_new_period_fires_again() throws Exception {
    everyConditionMet();
    alerts(NOW).check();
    int before = SMTP.getReceivedMessages().length;

    // The next day: the rate stays low, and one more input is rejected.
    report(
        "r-0320",
        "receiver.example",
        TODAY,
        Row.passing("192.0.2.1", 100),
        Row.failing(NEW_SOURCE, 60));
    notAReport("another-bad-input.txt");
    Alerts.Check next = alerts(NOW.plus(Duration.ofDays(1))).check();

    assertThat(next.fired())
        .extracting(a -> a.condition().rule(), a -> a.condition().period())
        .contains(org.assertj.core.groups.Tuple.tuple(AlertRule.PASS_RATE_DROP, "2026-03-20"))
        .doesNotContain(
            org.assertj.core.groups.Tuple.tuple(AlertRule.PASS_RATE_DROP, "2026-03-19"));
    FiredAlert rejected =
        next.fired().stream()
            .filter(a -> a.condition().rule() == AlertRule.REJECTED_INPUTS)
            .findFirst()
            .orElseThrow();
    Condition.RejectedInputs inputs = (Condition.RejectedInputs) rejected.condition();
    assertThat(inputs.inputs()).isEqualTo(1);
    assertThat(inputs.examples())
        .extracting(e -> e.origin())
        .containsExactly("another-bad-input.txt");
    // The source is no longer new: it was seen the day before.
    assertThat(next.fired()).noneMatch(a -> a.condition().rule() == AlertRule.NEW_FAILING_SOURCE);
    assertThat(SMTP.getReceivedMessages()).hasSize(before + next.fired().size());
  }

  @Test
  void a_failed_webhook_is_tried_again_at_the_next_check_without_firing_again() throws Exception {
    notAReport("not-a-report.txt");
    // Every attempt of the first check fails: twice HTTP 500, then a stall past the timeout.
    webhook.answer(500, 500, WebhookReceiver.STALL);

    Alerts.Check first = alerts(NOW).check();

    assertThat(first.fired()).hasSize(1);
    assertThat(first.delivered()).isEqualTo(1); // the mail
    assertThat(first.failed())
        .singleElement()
        .asString()
        .contains("by webhook")
        .contains("webhook " + webhook.url());
    assertThat(webhook.received()).hasSize(3);
    FiredAlert.Delivery failed = webhookDelivery();
    assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError())
        .isNotBlank()
        .doesNotContain(new String(SECRET, StandardCharsets.UTF_8));

    // The receiver is back.
    Alerts.Check second = alerts(NOW.plus(Duration.ofMinutes(15))).check();

    assertThat(second.fired()).isEmpty();
    assertThat(second.delivered()).isEqualTo(1);
    assertThat(second.failed()).isEmpty();
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(webhook.received()).hasSize(4).allMatch(WebhookReceiver.Received::valid);
    // The same alert each time: receivers drop duplicates by its id.
    assertThat(webhook.received())
        .extracting(WebhookReceiver.Received::alertId)
        .containsOnly(Long.toString(first.fired().get(0).id()));
    assertThat(webhookDelivery().state()).isEqualTo(DeliveryState.SENT);
    assertThat(webhookDelivery().attempts()).isEqualTo(2);
    assertThat(webhookDelivery().lastError()).isNull();
  }

  @Test
  void a_webhook_that_answers_500_once_is_delivered_by_the_retry() throws Exception {
    notAReport("not-a-report.txt");
    webhook.answer(500);

    Alerts.Check check = alerts(NOW).check();

    assertThat(check.failed()).isEmpty();
    assertThat(webhook.received()).hasSize(2).allMatch(WebhookReceiver.Received::valid);
    assertThat(webhookDelivery().state()).isEqualTo(DeliveryState.SENT);
  }

  @Test
  void two_evaluators_at_once_fire_each_alert_once() throws Exception {
    everyConditionMet();
    Alerts quiet =
        new Alerts(database.dsl(), settings(), List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<Alerts.Check> checks = new java.util.ArrayList<>();
    try {
      for (var f :
          pool.invokeAll(
              List.<java.util.concurrent.Callable<Alerts.Check>>of(
                  quiet::check, quiet::check, quiet::check, quiet::check))) {
        checks.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(checks.stream().mapToInt(c -> c.fired().size()).sum())
        .isEqualTo(AlertRule.values().length);
    assertThat(quiet.list(30, 100)).hasSize(AlertRule.values().length);
  }

  @Test
  void a_rule_turned_off_is_not_evaluated() throws Exception {
    everyConditionMet();
    AlertSettings d = settings();
    AlertSettings someOff =
        new AlertSettings(
            Set.of(AlertRule.PASS_RATE_DROP, AlertRule.REJECTED_INPUTS),
            d.newSourceMessages(),
            d.newSourceDays(),
            d.passRateDropPoints(),
            d.passRateMinMessages(),
            d.silentDays(),
            d.tlsFailedSessions(),
            d.rejectedInputs(),
            d.lang());

    Alerts.Check check =
        new Alerts(database.dsl(), someOff, List.of(), Clock.fixed(NOW, ZoneOffset.UTC)).check();

    assertThat(check.fired())
        .extracting(a -> a.condition().rule())
        .containsExactlyInAnyOrder(AlertRule.PASS_RATE_DROP, AlertRule.REJECTED_INPUTS);
  }

  @Test
  void text_from_reports_cannot_add_mail_headers_or_control_characters() throws Exception {
    Condition hostile =
        new Condition.SilentReporter(
            DOMAIN, "evil\r\nBcc: victim@example.net\u001b[2J", TODAY, 3, 7);
    FiredAlert alert = new FiredAlert(1, OffsetDateTime.now(ZoneOffset.UTC), hostile, List.of());
    SmtpSettings smtp =
        new SmtpSettings(
            "127.0.0.1",
            SMTP.getSmtp().getPort(),
            SmtpSettings.Security.PLAIN,
            null,
            null,
            "puerto@example.com");

    new MailChannel(smtp, List.of("postmaster@example.com"), new AlertText(Messages.of(Lang.EN)))
        .deliver(alert);

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getSubject()).doesNotContain("\r").doesNotContain("\n").contains("\\x0d\\n");
    assertThat((String) mail.getContent()).doesNotContain("\u001b").contains("\\x1b[2J");
  }

  // --- the data: one condition of each rule, and traffic that meets none ---

  /**
   * shop.example: receiver.example reports 200 passing messages a day from 192.0.2.1 up to the day
   * before yesterday; yesterday 100 of them, and 50 failing from a source never seen before (pass
   * rate 100% to 66.7%). silent.example reported every day up to 2026-03-15, then stopped. A TLS
   * report counts 25 failed sessions for mail.example yesterday, and one input is no report.
   */
  private void everyConditionMet() throws Exception {
    for (LocalDate day = TODAY.minusDays(10);
        day.isBefore(TODAY.minusDays(1));
        day = day.plusDays(1)) {
      report("r-" + day, "receiver.example", day, Row.passing("192.0.2.1", 200));
    }
    report(
        "r-yesterday",
        "receiver.example",
        TODAY.minusDays(1),
        Row.passing("192.0.2.1", 100),
        Row.failing(NEW_SOURCE, 50));
    for (LocalDate day = LocalDate.of(2026, 3, 8);
        !day.isAfter(LocalDate.of(2026, 3, 15));
        day = day.plusDays(1)) {
      report("s-" + day, "silent.example", day, Row.passing("192.0.2.2", 1));
    }
    // The baseline of the 19th: receiver.example's 200 a day on the 12th to the 18th;
    // silent.example's
    // one a day on the 12th to the 15th (passing, 1,400 + 4 messages).
    database
        .dsl()
        .insertInto(FINDINGS)
        .set(FINDINGS.POLICY_DOMAIN, DOMAIN)
        .set(FINDINGS.SOURCE_IP, Inet.valueOf(InetAddress.getByName(NEW_SOURCE)))
        .set(FINDINGS.WINDOW_START, OffsetDateTime.parse("2026-03-13T00:00:00Z"))
        .set(FINDINGS.WINDOW_END, OffsetDateTime.parse("2026-03-20T00:00:00Z"))
        .set(FINDINGS.MESSAGES, 50L)
        .set(FINDINGS.VERDICT, Verdict.UNAUTHORIZED)
        .set(
            FINDINGS.ACTION,
            "nothing passes for this source: it is not yours; move to p=quarantine")
        .execute();
    tlsReport(TODAY.minusDays(1), 100, 25);
    notAReport("not-a-report.txt");
  }

  private void report(String id, String org, LocalDate day, Row... rows) throws Exception {
    AggregateXml xml =
        AggregateXml.report(DOMAIN, id, day.atStartOfDay().toInstant(ZoneOffset.UTC)).from(org);
    for (Row row : rows) {
      xml.record(row);
    }
    xml.importInto(database);
  }

  private void tlsReport(LocalDate day, long successful, long failed) throws Exception {
    String json =
        """
        {"organization-name": "tls.reporter.example",
         "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
         "contact-info": "tls@tls.reporter.example", "report-id": "tls-%s",
         "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s",
                                  "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.%s", "max_age: 604800"],
                                  "mx-host": ["mx1.%s"]},
                       "summary": {"total-successful-session-count": %d, "total-failure-session-count": %d},
                       "failure-details": [{"result-type": "certificate-expired", "receiving-mx-hostname": "mx1.%s",
                                            "failed-session-count": %d}]}]}
        """
            .formatted(
                day,
                day,
                day,
                TLS_DOMAIN,
                TLS_DOMAIN,
                TLS_DOMAIN,
                successful,
                failed,
                TLS_DOMAIN,
                failed);
    ingester()
        .ingest(
            InboundMessage.ofBytes(
                new Origin(Origin.Kind.FILE, "tls-" + day + ".json"),
                json.getBytes(StandardCharsets.UTF_8)));
  }

  private void notAReport(String name) throws Exception {
    ingester()
        .ingest(
            InboundMessage.ofBytes(
                new Origin(Origin.Kind.FILE, name),
                ("not a report: " + name).getBytes(StandardCharsets.UTF_8)));
  }

  private Ingester ingester() {
    return SampleImports.ingester(database);
  }

  // --- the alerts, their channels, what arrived ---

  private static AlertSettings settings() {
    return AlertSettings.defaults();
  }

  private Alerts alerts(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    AlertText text = new AlertText(Messages.of(Lang.EN));
    SmtpSettings smtp =
        new SmtpSettings(
            "127.0.0.1",
            SMTP.getSmtp().getPort(),
            SmtpSettings.Security.PLAIN,
            null,
            null,
            "puerto@example.com");
    WebhookSettings hook =
        new WebhookSettings(webhook.url(), SECRET, Duration.ofSeconds(1), 3, Duration.ofMillis(10));
    return new Alerts(
        database.dsl(),
        settings(),
        List.of(
            new MailChannel(smtp, List.of("postmaster@example.com"), text),
            new WebhookChannel(hook, text, clock)),
        clock);
  }

  private String mailAbout(String subjectStart) throws Exception {
    for (MimeMessage mail : SMTP.getReceivedMessages()) {
      if (mail.getSubject().startsWith(subjectStart)) {
        return (String) mail.getContent();
      }
    }
    throw new AssertionError(
        "no mail whose subject starts with '"
            + subjectStart
            + "' among "
            + java.util.Arrays.stream(SMTP.getReceivedMessages())
                .map(
                    m -> {
                      try {
                        return m.getSubject();
                      } catch (Exception e) {
                        return "?";
                      }
                    })
                .toList());
  }

  private FiredAlert.Delivery webhookDelivery() {
    return alerts(NOW).list(30, 100).get(0).deliveries().stream()
        .filter(d -> d.channel() == AlertChannel.WEBHOOK)
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
