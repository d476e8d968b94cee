package dev.puerto.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.analyze.TestZones;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.schema.CheckLevel;
import dev.puerto.testing.DnsTestServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

class DomainCheckTest {
  private static DnsTestServer server;
  private static PolicyServer https;
  private static DomainCheck check;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 11; i++) {
      many.append(" a:h").append(i).append(".many.test");
    }
    server =
        DnsTestServer.start(
            """
            $ORIGIN good.test.
            @               IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
            @               IN MX  10 mx
            mx              IN A   192.0.2.25
            _dmarc          IN TXT "v=DMARC1; p=reject; rua=mailto:d@good.test; ruf=mailto:f@reports.vendor.test"
            _mta-sts        IN TXT "v=STSv1; id=20250101"
            mta-sts         IN A   127.0.0.1
            _smtp._tls      IN TXT "v=TLSRPTv1; rua=mailto:tls@good.test"
            default._bimi   IN TXT "v=BIMI1; l=https://good.test/logo.svg; a=https://good.test/vmc.pem"
            mail            IN A   192.0.2.1
            old._domainkey  IN TXT "v=DKIM1; p="
            bad._domainkey  IN TXT "v=DKIM1; p=bm90IGEga2V5"
            $ORIGIN 1.2.0.192.in-addr.arpa.
            @               IN PTR mail.good.test.
            $ORIGIN 25.2.0.192.in-addr.arpa.
            @               IN PTR mx.good.test.
            $ORIGIN 5.100.51.198.in-addr.arpa.
            @               IN PTR host.nowhere.test.
            $ORIGIN _report._dmarc.reports.vendor.test.
            good.test       IN TXT "v=DMARC1"
            $ORIGIN ext.test.
            _dmarc          IN TXT ( "v=DMARC1; p=none; fo=1; rua=mailto:d@sub.ext.test,"
                                     "mailto:d@reports.vendor.test!10m; ruf=mailto:f@reports.vendor.test,"
                                     "mailto:f@ok.vendor.test" )
            ext.test._report._dmarc.ok.vendor.test. IN TXT "v=DMARC1"
            $ORIGIN bad.test.
            @               IN A   192.0.2.99
            $ORIGIN multi.test.
            @               IN TXT "v=spf1 -all"
            @               IN TXT "v=spf1 +all"
            @               IN MX  0 .
            _dmarc          IN TXT "v=DMARC1; p=none"
            _dmarc          IN TXT "v=DMARC1; p=reject"
            $ORIGIN syntax.test.
            @               IN TXT "v=spf1 foo:bar -all"
            _dmarc          IN TXT "v=DMARC1; p=bogus; rua=mailto:d@syntax.test"
            $ORIGIN many.test.
            @               IN TXT "v=spf1%s -all"
            $ORIGIN open.test.
            @               IN TXT "v=spf1 +all"
            _dmarc          IN TXT "v=DMARC1; p=none; pct=50; t=y"
            $ORIGIN neutral.test.
            @               IN TXT "v=spf1 a ?all"
            $ORIGIN soft.test.
            @               IN TXT "v=spf1 a ~all"
            $ORIGIN noall.test.
            @               IN TXT "v=spf1 a:down.test"
            $ORIGIN zen.spamhaus.org.
            9.113.0.203     IN A   127.0.0.4
            5.100.51.198    IN A   127.255.255.254
            """
                .formatted(many));
    server.add(TestZones.key("sel._domainkey.good.test.", TestZones.rsaKey(2048)));
    server.add(TestZones.key("weak._domainkey.good.test.", TestZones.rsaKey(1024)));
    server.add(TestZones.key("two._domainkey.good.test.", TestZones.rsaKey(1024)));
    server.add(TestZones.key("two._domainkey.good.test.", TestZones.rsaKey(2048)));
    server.add(
        new TXTRecord(
            Name.fromString("test._domainkey.good.test."),
            DClass.IN,
            3600,
            "v=DKIM1; t=y; k=ed25519; p="
                + java.util.Base64.getEncoder().encodeToString(new byte[32])));
    server.timeOut("down.test");
    server.timeOut("_dmarc.down.test");
    server.timeOut("sel._domainkey.down.test");
    server.timeOut("_mta-sts.down.test");
    server.timeOut("_smtp._tls.down.test");
    server.timeOut("default._bimi.down.test");
    server.validating();
    server.signed("good.test");
    server.signed("2.0.192.in-addr.arpa");
    server.timeOut("6.100.51.198.in-addr.arpa");
    server.serverFailure("6.100.51.198.bl.example.org");
    DnsClient dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(200), 1, 8),
            Clock.systemUTC());
    https = PolicyServer.start();
    https.policy(
        "good.test", "version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n");
    check =
        new DomainCheck(
            dns,
            new Blocklists(dns, List.of("zen.spamhaus.org", "bl.example.org")),
            Clock.systemUTC(),
            https.fetcher(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stop() {
    https.close();
    server.close();
  }

  private static CheckReport run(String domain, List<String> selectors, String... ips)
      throws Exception {
    List<InetAddress> addresses = new ArrayList<>();
    for (String ip : ips) {
      addresses.add(InetAddress.getByName(ip));
    }
    return check.check(domain, selectors, addresses);
  }

  private static List<String> codes(CheckReport report) {
    return report.items().stream().map(CheckItem::code).toList();
  }

  @Test
  void a_healthy_domain_passes_every_check() throws Exception {
    CheckReport report = run("good.test", List.of("sel"), "192.0.2.1");
    assertThat(codes(report))
        .containsExactly(
            "spf_ok",
            "spf_all_fail",
            "spf_ip_pass",
            "dkim_ok",
            "dmarc_policy",
            "dmarc_np",
            "dmarc_rua",
            "dmarc_ruf",
            "dmarc_ext_authorized",
            "dmarc_tree_walk",
            "mx_ok",
            "mx_ptr_ok",
            "mta_sts_enforce",
            "tlsrpt_ok",
            "bimi_ok",
            "dnssec_signed",
            "ptr_ok",
            "blocklist_clean",
            "blocklist_clean");
    assertThat(report.ok()).isTrue();
    assertThat(report.items()).allMatch(i -> i.level() == CheckLevel.OK && i.fix() == null);
  }

  @Test
  void missing_records_fail_each_with_its_fix() throws Exception {
    CheckReport report = run("bad.test", List.of("sel"));
    assertThat(codes(report))
        .containsExactly(
            "spf_missing",
            "dkim_missing",
            "dmarc_missing",
            "mx_missing",
            "mta_sts_not_needed",
            "tlsrpt_not_needed",
            "bimi_none",
            "dnssec_unsigned");
    assertThat(report.ok()).isFalse();
    assertThat(report.items())
        .filteredOn(i -> i.level() != CheckLevel.OK)
        .hasSize(5)
        .allMatch(i -> i.fix() != null);
  }

  @Test
  void duplicate_records_fail_and_a_null_mx_is_fine() throws Exception {
    assertThat(codes(run("multi.test", List.of())))
        .containsExactly(
            "spf_multiple",
            "dkim_no_selectors",
            "dmarc_multiple",
            "mx_null",
            "mta_sts_not_needed",
            "tlsrpt_not_needed",
            "bimi_none",
            "dnssec_unsigned");
  }

  @Test
  void syntax_errors_fail() throws Exception {
    assertThat(codes(run("syntax.test", List.of())))
        .contains("spf_syntax", "dmarc_syntax")
        .doesNotContain("spf_no_all", "spf_ok");
  }

  @Test
  void more_than_ten_lookups_fails() throws Exception {
    CheckReport report = run("many.test", List.of());
    assertThat(codes(report)).contains("spf_too_many_lookups");
    assertThat(report.items().get(0).message()).contains("11 DNS-querying terms");
  }

  @Test
  void the_all_qualifier_is_judged() throws Exception {
    assertThat(codes(run("open.test", List.of()))).contains("spf_all_pass");
    assertThat(codes(run("neutral.test", List.of()))).contains("spf_all_neutral");
    assertThat(codes(run("soft.test", List.of()))).contains("spf_all_softfail");
    assertThat(codes(run("noall.test", List.of()))).contains("spf_no_all");
  }

  @Test
  void weak_dmarc_settings_warn() throws Exception {
    assertThat(codes(run("open.test", List.of())))
        .contains("dmarc_monitoring_only", "dmarc_partial_pct", "dmarc_no_rua", "dmarc_testing");
  }

  @Test
  void no_ruf_says_that_no_failure_reports_are_requested() throws Exception {
    CheckItem noRuf =
        run("open.test", List.of()).items().stream()
            .filter(i -> i.code().equals("dmarc_no_ruf"))
            .findFirst()
            .orElseThrow();
    assertThat(noRuf.level()).isEqualTo(CheckLevel.OK);
    assertThat(noRuf.message()).startsWith("no ruf=: no failure reports requested");
  }

  @Test
  void report_destinations_in_other_domains_must_authorise_the_reports() throws Exception {
    List<CheckItem> dmarc =
        run("ext.test", List.of()).items().stream().filter(i -> i.area().equals("DMARC")).toList();
    assertThat(codes(new CheckReport("ext.test", java.time.Instant.EPOCH, dmarc)))
        .containsExactly(
            "dmarc_monitoring_only",
            "dmarc_np_weak",
            "dmarc_rua",
            "dmarc_ruf",
            "dmarc_ext_not_authorized",
            "dmarc_ext_authorized",
            "dmarc_tree_walk");
    assertThat(dmarc.get(3).message()).contains("fo=1: when SPF or DKIM gives no aligned pass");
    CheckItem refused = dmarc.get(4);
    assertThat(refused.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(refused.message())
        .startsWith(
            "reports.vendor.test has not authorised reports for ext.test: receivers will not send"
                + " them (rua= and ruf=;");
    assertThat(refused.fix())
        .isEqualTo(
            "have reports.vendor.test publish TXT \"v=DMARC1\" at"
                + " ext.test._report._dmarc.reports.vendor.test, or send the reports to an address"
                + " in ext.test");
    assertThat(dmarc.get(5).message())
        .startsWith("ok.vendor.test has authorised reports for ext.test");
  }

  @Test
  void dkim_keys_are_judged() throws Exception {
    assertThat(codes(run("good.test", List.of("weak", "old", "bad", "two", "test"))))
        .contains(
            "dkim_weak_key",
            "dkim_revoked",
            "dkim_invalid",
            "dkim_multiple",
            "dkim_testing",
            "dkim_ok");
  }

  @Test
  void dns_failures_are_errors_never_missing_records() throws Exception {
    CheckReport report = run("down.test", List.of("sel"));
    assertThat(codes(report))
        .containsExactly(
            "spf_dns_error",
            "dkim_dns_error",
            "dmarc_dns_error",
            "mx_dns_error",
            "mta_sts_dns_error",
            "tlsrpt_dns_error",
            "bimi_dns_error");
    assertThat(report.items()).allMatch(i -> i.level() == CheckLevel.ERROR);
    assertThat(report.ok()).isFalse();
  }

  @Test
  void given_ips_are_evaluated_reverse_resolved_and_looked_up_on_blocklists() throws Exception {
    List<String> codes =
        codes(run("good.test", List.of("sel"), "203.0.113.9", "198.51.100.5", "198.51.100.6"));
    assertThat(codes)
        .contains(
            "spf_ip_not_authorized",
            "ptr_missing",
            "ptr_not_confirmed",
            "ptr_dns_error",
            "blocklist_listed",
            "blocklist_refused",
            "blocklist_dns_error");
    assertThat(codes(run("noall.test", List.of(), "192.0.2.1"))).contains("spf_ip_dns_error");
  }

  @Test
  void the_json_form_carries_every_verdict() throws Exception {
    var json = run("bad.test", List.of("sel")).toJson();
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("checks")).hasSize(8);
    assertThat(json.get("checks").get(0).get("code").asText()).isEqualTo("spf_missing");
  }
}
