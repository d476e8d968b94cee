package dev.puerto.cli;

import static dev.puerto.schema.Tables.DOMAIN_CHECKS;
import static dev.puerto.schema.Tables.DOMAIN_CHECK_ITEMS;
import static dev.puerto.schema.Tables.FINDINGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.analyze.TestZones;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyzeAndCheckCommandTest {
  private final TestDatabase database;
  private final Map<String, String> env = new HashMap<>();
  private DnsTestServer server;
  @TempDir Path work;

  AnalyzeAndCheckCommandTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    server = TestZones.start();
    env.put("PUERTO_DB_URL", database.url());
    if (database.user() != null) {
      env.put("PUERTO_DB_USER", database.user());
    }
    if (database.password() != null) {
      env.put("PUERTO_DB_PASSWORD", database.password());
    }
    env.put("XDG_CONFIG_HOME", "/nonexistent-config-for-tests");
    env.put("PUERTO_DNS_SERVER", server.hostAndPort());
    env.put("PUERTO_BLOCKLISTS", "zen.spamhaus.org");
    Instant yesterday = Instant.now().minus(Duration.ofDays(1));
    try (var db = database.open()) {
      AggregateXml.report("example.com", "cli-1", yesterday)
          .record(
              Row.failing("167.89.1.1", 40)
                  .envelopeFrom("sendgrid.net")
                  .spfAuth("sendgrid.net", "pass"))
          .record(Row.failing("198.51.100.21", 4).dkimAuth("example.com", "s2048", "fail"))
          .record(Row.failing("203.0.113.66", 9))
          .record(Row.passing("192.0.2.1", 1000))
          .importInto(db);
      AggregateXml.report("flaky.example", "cli-2", yesterday)
          .record(Row.failing("203.0.113.5", 7))
          .importInto(db);
    }
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private CommandLineRun puerto(String... args) {
    return CommandLineRun.run(env, args);
  }

  @Test
  void check_of_a_sound_domain_exits_zero_with_the_selectors_seen_in_reports() {
    CommandLineRun run = puerto("check", "example.com", "--dns-timeout", "300");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("spf_ok", "dkim_ok", "s2048._domainkey.example.com", "dmarc_monitoring_only")
        .contains("mta_sts_missing", "no MTA-STS: senders may deliver without TLS")
        .contains("tlsrpt_missing", "rua=mailto:tlsrpt@example.com")
        .contains("No errors");
    // An item's details, one per line below its message, indented two more columns.
    assertThat(run.out())
        .containsPattern("(?m)^OK +DMARC +dmarc_tree_walk +DMARCbis tree walk \\(2 of 8 queries\\)")
        .containsPattern("(?m)^ {43}_dmarc\\.example\\.com: \"v=DMARC1; p=none")
        .containsPattern("(?m)^ {43}_dmarc\\.com: NXDOMAIN$");
  }

  @Test
  void check_exits_one_when_something_is_wrong_and_prints_json_on_request() throws Exception {
    CommandLineRun run =
        puerto(
            "check", "example.com", "--selector", "gone", "--ip", "192.0.2.1", "--format", "json");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("checks").findValuesAsText("code"))
        .contains("dkim_missing", "ptr_missing", "blocklist_listed", "spf_ip_pass");
    JsonNode walk =
        json.get("checks").findParents("code").stream()
            .filter(c -> c.get("code").asText().equals("dmarc_tree_walk"))
            .findFirst()
            .orElseThrow();
    assertThat(walk.get("details").get(1).asText()).isEqualTo("_dmarc.com: NXDOMAIN");
  }

  @Test
  void check_keeps_what_it_printed_for_the_dashboard() throws Exception {
    CommandLineRun run =
        puerto(
            "check", "example.com", "--selector", "kept", "--ip", "192.0.2.1", "--format", "json");
    JsonNode json = new ObjectMapper().readTree(run.out());
    try (var db = database.open()) {
      var dsl = db.dsl();
      var check =
          dsl.selectFrom(DOMAIN_CHECKS)
              .where(DOMAIN_CHECKS.DOMAIN.eq("example.com"))
              .orderBy(DOMAIN_CHECKS.ID.desc())
              .limit(1)
              .fetchSingle();
      assertThat(check.getOk()).isEqualTo(json.get("ok").asBoolean());
      // the column keeps microseconds
      assertThat(check.getCheckedAt().toInstant())
          .isCloseTo(
              java.time.Instant.parse(json.get("checked_at").asText()),
              org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MICROS));
      assertThat(
              dsl.select(DOMAIN_CHECK_ITEMS.CODE)
                  .from(DOMAIN_CHECK_ITEMS)
                  .where(DOMAIN_CHECK_ITEMS.CHECK_ID.eq(check.getId()))
                  .orderBy(DOMAIN_CHECK_ITEMS.ITEM_NO)
                  .fetch(DOMAIN_CHECK_ITEMS.CODE))
          .containsExactlyElementsOf(json.get("checks").findValuesAsText("code"));
    }
  }

  @Test
  void check_rejects_a_bad_ip_or_dns_server_as_usage_errors() {
    CommandLineRun badIp = puerto("check", "example.com", "--ip", "300.1.1.1");
    assertThat(badIp.exitCode()).isEqualTo(2);
    assertThat(badIp.err()).contains("--ip 300.1.1.1 is not an IPv4 or IPv6 address");
    CommandLineRun badServer = puerto("check", "example.com", "--dns-server", "127.0.0.1:dns");
    assertThat(badServer.exitCode()).isEqualTo(2);
    assertThat(badServer.err()).contains("--dns-server 127.0.0.1:dns is not a usable HOST[:PORT]");
  }

  @Test
  void analyze_prints_a_table_of_verdicts_and_exits_one_when_dns_errors_left_sources_unjudged() {
    CommandLineRun run = puerto("analyze", "--since", "7d", "--dns-timeout", "300");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("legitimate_not_aligned", "SendGrid (Twilio)", "include:sendgrid.net")
        .contains("forwarded", "unauthorized", "dns_error")
        .contains("Passing sending IPs:", "listed on zen.spamhaus.org");
  }

  @Test
  void analyze_of_one_domain_without_dns_errors_exits_zero_and_speaks_json() throws Exception {
    CommandLineRun run = puerto("analyze", "--domain", "example.com", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("findings").findParents("policy_domain"))
        .extracting(f -> f.get("verdict").asText())
        .containsExactlyInAnyOrder("legitimate_not_aligned", "unauthorized", "forwarded");
  }

  @Test
  void analyze_stores_its_actions_in_the_language_it_ran_in() throws Exception {
    Map<String, String> spanish = new HashMap<>(env);
    spanish.put("PUERTO_LANG", "es");
    CommandLineRun run = CommandLineRun.run(spanish, "analyze", "--domain", "example.com");
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (var db = database.open()) {
      assertThat(
              db.dsl()
                  .select(FINDINGS.ACTION)
                  .from(FINDINGS)
                  .where(FINDINGS.POLICY_DOMAIN.eq("example.com"))
                  .fetch(FINDINGS.ACTION))
          .anySatisfy(a -> assertThat(a).startsWith("Probable suplantación: nada autentica"))
          .anySatisfy(
              a -> assertThat(a).startsWith("El correo de SendGrid (Twilio) está autenticado"))
          .noneSatisfy(
              a ->
                  assertThat(a)
                      .containsAnyOf("Nothing to change", "Likely spoofing", "authenticated"));
    }
  }

  @Test
  void analyze_rejects_a_window_that_is_not_days() {
    CommandLineRun run = puerto("analyze", "--since", "last week");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--since must be a number of days from 1d to 3660d");
  }
}
