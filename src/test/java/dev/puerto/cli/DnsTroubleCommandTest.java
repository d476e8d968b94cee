package dev.puerto.cli;

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
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * check and analyze when what they are given is not a domain, when the resolver does not answer,
 * and with IPv6 sources: exit codes from real {@code puerto} processes where they matter.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsTroubleCommandTest {
  private final TestDatabase database;
  private final Map<String, String> env = new HashMap<>();
  private DnsTestServer server;
  private DatagramSocket silent;
  @TempDir Path work;

  DnsTroubleCommandTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    server = TestZones.start();
    // A loopback UDP port that is open but never answers: a resolver that is down.
    silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    env.putAll(database.environment());
    env.put("XDG_CONFIG_HOME", "/nonexistent-config-for-tests");
    env.put("PUERTO_DNS_SERVER", server.hostAndPort());
    env.put("PUERTO_BLOCKLISTS", "none");
    Instant yesterday = Instant.now().minus(Duration.ofDays(1));
    try (var db = database.open()) {
      AggregateXml.report("example.com", "trouble-1", yesterday)
          .record(Row.failing("203.0.113.66", 9))
          .record(Row.failing("2001:db8:0:0:0:0:0:66", 4))
          .importInto(db);
    }
  }

  @AfterAll
  void stop() {
    server.close();
    silent.close();
  }

  private String silentResolver() {
    return "127.0.0.1:" + silent.getLocalPort();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "example..com",
        "exa mple.com",
        "192.0.2.1",
        "https://example.com/",
        "postmaster@example.com",
        "_dmarc.example.com",
        "example"
      })
  void check_refuses_what_is_not_a_domain_in_one_line_before_any_dns_query(String typed) {
    long queries = server.totalQueries();
    CommandLineRun run = CommandLineRun.run(env, "check", typed, "--selector", "s1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("puerto: check: ").hasLineCount(1);
    assertThat(server.totalQueries()).isEqualTo(queries);
  }

  @Test
  void check_of_a_url_exits_2_and_suggests_the_domain() throws Exception {
    Path log = work.resolve("check-url.log");
    Process process =
        PuertoProcess.start(env, log, "check", "https://www.example.com/dmarc", "--selector", "s1");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .isEqualTo(
            "puerto: check: \"https://www.example.com/dmarc\" is a URL, not a domain; did you mean"
                + " www.example.com?\n");
  }

  @Test
  void check_of_an_internationalised_name_asks_dns_for_its_a_labels() {
    CommandLineRun run = CommandLineRun.run(env, "check", "Bücher.example", "--selector", "s1");
    assertThat(run.out()).startsWith("Checked xn--bcher-kva.example (Bücher.example) at ");
    assertThat(server.queries("xn--bcher-kva.example", org.xbill.DNS.Type.TXT)).isPositive();
  }

  @Test
  void check_names_a_resolver_that_does_not_answer_once_and_exits_1() throws Exception {
    Map<String, String> down = new HashMap<>(env);
    down.put("PUERTO_DNS_SERVER", silentResolver());
    Path log = work.resolve("check-down.log");
    Process process =
        PuertoProcess.start(
            down, log, "check", "example.com", "--selector", "s1", "--dns-timeout", "200");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .isEqualTo(
            "puerto: check: the DNS resolver "
                + silentResolver()
                + " (from PUERTO_DNS_SERVER) did not answer (check --dns-server / your network)\n");
  }

  @Test
  void a_stopped_dns_server_given_with_the_option_is_named_as_the_resolver() throws Exception {
    DnsTestServer stopped = DnsTestServer.start("");
    String address = stopped.hostAndPort();
    stopped.close();
    CommandLineRun run =
        CommandLineRun.run(
            env,
            "check",
            "example.com",
            "--selector",
            "s1",
            "--dns-server",
            address,
            "--dns-timeout",
            "200");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "puerto: check: the DNS resolver "
                + address
                + " did not answer (check --dns-server / your network)\n");
  }

  @Test
  void servfail_from_the_domains_servers_is_the_domains_problem_not_the_resolvers() {
    CommandLineRun run =
        CommandLineRun.run(
            env, "check", "sick.example", "--selector", "s1", "--dns-timeout", "300");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("spf_dns_error", "SERVFAIL", "check the name servers of sick.example");
    assertThat(run.err()).doesNotContain("resolver");
  }

  @Test
  void analyze_names_a_resolver_that_does_not_answer_once_and_leaves_the_findings()
      throws Exception {
    CommandLineRun first = CommandLineRun.run(env, "analyze", "--domain", "example.com");
    assertThat(first.exitCode()).as(first.err()).isZero();
    var before = findings();

    Map<String, String> down = new HashMap<>(env);
    down.put("PUERTO_DNS_SERVER", silentResolver());
    Path log = work.resolve("analyze-down.log");
    Process process =
        PuertoProcess.start(
            down, log, "analyze", "--domain", "example.com", "--dns-timeout", "200");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(log, StandardCharsets.UTF_8))
        .isEqualTo(
            "puerto: analyze: the DNS resolver "
                + silentResolver()
                + " (from PUERTO_DNS_SERVER) did not answer (check --dns-server / your network);"
                + " nothing was judged or stored, the findings stay as they were\n");
    assertThat(findings()).isEqualTo(before);
  }

  @Test
  void ipv6_sources_are_printed_as_rfc_5952_says_in_analyze_and_check() throws Exception {
    CommandLineRun text = CommandLineRun.run(env, "analyze", "--domain", "example.com");
    assertThat(text.out()).contains(" 2001:db8::66 ").doesNotContain("0:0:0");
    CommandLineRun json =
        CommandLineRun.run(env, "analyze", "--domain", "example.com", "--format", "json");
    JsonNode findings = new ObjectMapper().readTree(json.out()).get("findings");
    assertThat(findings.findValuesAsText("source_ip")).contains("2001:db8::66");
    assertThat(json.out()).doesNotContain("0:0:0");

    CommandLineRun check =
        CommandLineRun.run(
            env, "check", "example.com", "--selector", "s2048", "--ip", "2001:db8:0:0:0:0:0:1");
    assertThat(check.out())
        .contains("2001:db8::1: ")
        .contains("add ip6:2001:db8::1 ")
        .doesNotContain("0:0:0");
  }

  private org.jooq.Result<dev.puerto.schema.tables.records.FindingsRecord> findings()
      throws Exception {
    try (var db = database.open()) {
      return db.dsl().selectFrom(FINDINGS).orderBy(FINDINGS.ID).fetch();
    }
  }
}
