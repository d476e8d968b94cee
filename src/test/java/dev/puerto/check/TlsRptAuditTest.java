package dev.puerto.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.dns.DnsClient;
import dev.puerto.schema.CheckLevel;
import dev.puerto.testing.DnsTestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** TLS-RPT against a real DNS server on loopback. */
class TlsRptAuditTest {
  private static DnsTestServer server;
  private static DnsClient dns;
  private static TlsRptAudit audit;

  @BeforeAll
  static void start() throws Exception {
    server =
        DnsTestServer.start(
            """
            $ORIGIN good.test.
            @           IN MX  10 mx
            _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tls@good.test,https://reports.example/tls"
            $ORIGIN none.test.
            @           IN MX  10 mx
            _smtp._tls  IN TXT "v=spf1 -all"
            $ORIGIN nullmx.test.
            @           IN MX  0 .
            $ORIGIN bad.test.
            @           IN MX  10 mx
            _smtp._tls  IN TXT "v=TLSRPTv1; rua=ftp://reports.example,mailto:nobody"
            $ORIGIN norua.test.
            @           IN MX  10 mx
            _smtp._tls  IN TXT "v=TLSRPTv1;"
            $ORIGIN two.test.
            @           IN MX  10 mx
            _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@two.test"
            _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:b@two.test"
            """);
    server.timeOut("_smtp._tls.down.test");
    dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(200), 1, 8),
            Clock.systemUTC());
    audit = new TlsRptAudit(dns);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CheckItem only(String domain) {
    List<CheckItem> items = audit.audit(domain, new MailHosts(domain, dns.query(domain, Type.MX)));
    assertThat(items).hasSize(1);
    assertThat(items.get(0).area()).isEqualTo("TLS-RPT");
    return items.get(0);
  }

  @Test
  void a_record_with_mailto_and_https_destinations_passes() {
    CheckItem item = only("good.test");
    assertThat(item.code()).isEqualTo("tlsrpt_ok");
    assertThat(item.level()).isEqualTo(CheckLevel.OK);
    assertThat(item.message())
        .isEqualTo("TLS reports go to mailto:tls@good.test, https://reports.example/tls");
  }

  @Test
  void a_missing_record_warns_with_the_record_to_publish() {
    CheckItem item = only("none.test");
    assertThat(item.code()).isEqualTo("tlsrpt_missing");
    assertThat(item.level()).isEqualTo(CheckLevel.WARN);
    assertThat(item.message())
        .contains("1 TXT record(s) not beginning with v=TLSRPTv1")
        .endsWith("nobody receives SMTP TLS reports");
    assertThat(item.fix())
        .isEqualTo(
            "publish TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@none.test\" at _smtp._tls.none.test");
  }

  @Test
  void a_domain_that_receives_no_mail_needs_none() {
    CheckItem item = only("nullmx.test");
    assertThat(item.code()).isEqualTo("tlsrpt_not_needed");
    assertThat(item.message()).contains("null MX");
  }

  @Test
  void bad_destinations_a_missing_rua_and_several_records_fail() {
    CheckItem bad = only("bad.test");
    assertThat(bad.code()).isEqualTo("tlsrpt_syntax");
    assertThat(bad.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(bad.message())
        .contains("rua address 'ftp://reports.example' is not a mailto: or https: URI")
        .contains("rua address 'mailto:nobody' is not");
    assertThat(only("norua.test").message()).contains("rua= is missing");
    assertThat(only("two.test").code()).isEqualTo("tlsrpt_multiple");
  }

  @Test
  void a_dns_failure_is_an_error() {
    CheckItem item = only("down.test");
    assertThat(item.code()).isEqualTo("tlsrpt_dns_error");
    assertThat(item.level()).isEqualTo(CheckLevel.ERROR);
  }
}
