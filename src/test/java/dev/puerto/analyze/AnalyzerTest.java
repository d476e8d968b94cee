package dev.puerto.analyze;

import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.schema.Verdict;
import dev.puerto.sender.Catalogue;
import dev.puerto.store.Database;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzerTest {
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
  private static final Window WINDOW =
      new Window(DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(2)));

  private final Database database;
  private DnsTestServer server;
  private Analyzer analyzer;
  private Map<String, Finding> byIp;
  private Analyzer.Analysis analysis;

  AnalyzerTest(TestDatabase db) throws Exception {
    this.database = db.open();
  }

  @BeforeAll
  void importReportsAndAnalyze() throws Exception {
    server = TestZones.start();
    AggregateXml.report("example.com", "r1", DAY)
        .record(Row.failing("192.0.2.10", 5))
        .record(
            Row.failing("167.89.1.1", 40)
                .envelopeFrom("sendgrid.net")
                .spfAuth("sendgrid.net", "pass"))
        .record(Row.failing("198.51.100.20", 3).reason("forwarded"))
        .record(Row.failing("198.51.100.21", 4).dkimAuth("example.com", "s2048", "fail"))
        .record(Row.failing("198.51.100.30", 6).dkimAuth("example.com", "gone", "fail"))
        .record(Row.failing("198.51.100.31", 2).dkimAuth("example.com", "old", "fail"))
        .record(Row.failing("198.51.100.32", 2).dkimAuth("example.com", "bad", "fail"))
        .record(Row.failing("203.0.113.66", 9))
        .record(Row.failing("203.0.113.77", 1))
        .record(Row.passing("192.0.2.1", 1000))
        .importInto(database);
    AggregateXml.report("flaky.example", "r2", DAY)
        .record(Row.failing("203.0.113.5", 7))
        .importInto(database);
    AggregateXml.report("sick.example", "r3", DAY)
        .record(Row.failing("203.0.113.6", 8))
        .importInto(database);
    AggregateXml.report("strict.example", "r4", DAY.minus(Duration.ofDays(30)))
        .record(Row.failing("203.0.113.9", 1))
        .importInto(database);
    DnsClient dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(200), 1, 8),
            Clock.systemUTC());
    analyzer =
        new Analyzer(
            database,
            dns,
            new Blocklists(dns, List.of("zen.spamhaus.org")),
            Catalogue.load(),
            Clock.systemUTC(),
            8);
    analysis = analyzer.analyze(WINDOW, Optional.empty());
    byIp =
        analysis.findings().stream()
            .collect(Collectors.toMap(f -> f.sourceIp().getHostAddress(), f -> f));
  }

  @AfterAll
  void stop() {
    server.close();
    database.close();
  }

  @Test
  void only_sources_that_failed_dmarc_in_the_window_are_judged() {
    assertThat(byIp).doesNotContainKeys("192.0.2.1", "203.0.113.9").hasSize(11);
  }

  @Test
  void an_ip_that_spf_authorizes_now_is_fixed_since_the_report() {
    Finding finding = byIp.get("192.0.2.10");
    assertThat(finding.verdict()).isEqualTo(Verdict.FIXED_SINCE_REPORT);
    assertThat(finding.action()).contains("ip4:192.0.2.0/28");
  }

  @Test
  void an_esp_passing_spf_for_its_own_domain_is_legitimate_not_aligned_with_the_include_to_add() {
    Finding finding = byIp.get("167.89.1.1");
    assertThat(finding.verdict()).isEqualTo(Verdict.LEGITIMATE_NOT_ALIGNED);
    assertThat(finding.service()).isEqualTo("SendGrid (Twilio)");
    assertThat(finding.action())
        .contains("include:sendgrid.net")
        .contains("Sign it with d=example.com")
        .contains("Settings > Sender Authentication > Authenticate Your Domain")
        .contains("https://www.twilio.com/docs/sendgrid/");
    assertThat(finding.messages()).isEqualTo(40);
  }

  @Test
  void a_forwarding_override_reason_or_a_broken_aligned_signature_with_a_good_key_is_forwarded() {
    assertThat(byIp.get("198.51.100.20").verdict()).isEqualTo(Verdict.FORWARDED);
    assertThat(byIp.get("198.51.100.20").action()).contains("forwarded");
    assertThat(byIp.get("198.51.100.21").verdict()).isEqualTo(Verdict.FORWARDED);
  }

  @Test
  void a_missing_revoked_or_broken_key_named_in_the_reports_is_a_dkim_key_problem() {
    assertThat(byIp.get("198.51.100.30").verdict()).isEqualTo(Verdict.DKIM_KEY_PROBLEM);
    assertThat(byIp.get("198.51.100.30").action()).contains("gone._domainkey.example.com");
    assertThat(byIp.get("198.51.100.31").verdict()).isEqualTo(Verdict.DKIM_KEY_PROBLEM);
    assertThat(byIp.get("198.51.100.31").action()).contains("revoked");
    assertThat(byIp.get("198.51.100.32").verdict()).isEqualTo(Verdict.DKIM_KEY_PROBLEM);
    assertThat(byIp.get("198.51.100.32").action()).contains("not an RSA public key");
  }

  @Test
  void nothing_passing_from_an_unknown_sender_is_unauthorized() {
    Finding finding = byIp.get("203.0.113.66");
    assertThat(finding.verdict()).isEqualTo(Verdict.UNAUTHORIZED);
    assertThat(finding.action()).contains("p=quarantine");
  }

  @Test
  void a_timeout_or_servfail_is_a_dns_error_never_unauthorized() {
    assertThat(byIp.get("203.0.113.5").verdict()).isEqualTo(Verdict.DNS_ERROR);
    assertThat(byIp.get("203.0.113.5").action()).contains("TIMEOUT");
    assertThat(byIp.get("203.0.113.6").verdict()).isEqualTo(Verdict.DNS_ERROR);
    assertThat(byIp.get("203.0.113.6").action()).contains("SERVFAIL");
    assertThat(byIp.get("203.0.113.77").verdict()).isEqualTo(Verdict.DNS_ERROR);
    assertThat(byIp.get("203.0.113.77").action()).contains("PTR").contains("TIMEOUT");
  }

  @Test
  void findings_are_stored_with_their_evidence_and_a_second_run_replaces_them() throws Exception {
    var stored = database.dsl().selectFrom(FINDINGS).fetch();
    assertThat(stored).hasSize(11);
    var esp =
        stored.stream()
            .filter(r -> r.getSourceIp().address().getHostAddress().equals("167.89.1.1"))
            .findFirst()
            .orElseThrow();
    assertThat(esp.getVerdict()).isEqualTo(Verdict.LEGITIMATE_NOT_ALIGNED);
    assertThat(esp.getWindowStart().toInstant()).isEqualTo(WINDOW.start());
    assertThat(esp.getEvidence().data())
        .contains("seen_at")
        .contains("sendgrid.net")
        .contains("\"service\": \"SendGrid (Twilio)\"")
        .contains("\"evidence\": \"envelope_domain\"");
    analyzer.analyze(WINDOW, Optional.empty());
    assertThat(database.dsl().fetchCount(FINDINGS)).isEqualTo(11);
    analyzer.analyze(WINDOW, Optional.of("example.com"));
    assertThat(database.dsl().fetchCount(FINDINGS)).isEqualTo(11);
  }

  @Test
  void hosts_record_ptr_service_and_the_blocklist_status_of_passing_sending_ips() {
    var esp =
        database
            .dsl()
            .selectFrom(HOSTS)
            .where(
                HOSTS.IP.eq(Inet.inet(com.google.common.net.InetAddresses.forString("167.89.1.1"))))
            .fetchOne();
    assertThat(esp.getPtr()).isEqualTo("o1.ptr1.sendgrid.net");
    assertThat(esp.getForwardConfirmed()).isTrue();
    assertThat(esp.getOrgDomain()).isEqualTo("sendgrid.net");
    assertThat(esp.getService()).isEqualTo("SendGrid (Twilio)");
    var own =
        database
            .dsl()
            .selectFrom(HOSTS)
            .where(
                HOSTS.IP.eq(Inet.inet(com.google.common.net.InetAddresses.forString("192.0.2.1"))))
            .fetchOne();
    assertThat(own.getListedOn()).containsExactly("zen.spamhaus.org");
    HostCheck sending = analysis.sendingHosts().get(0);
    assertThat(sending.problems())
        .anyMatch(p -> p.contains("no PTR record"))
        .anyMatch(p -> p.contains("listed on zen.spamhaus.org"));
  }
}
