package dev.puerto.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.schema.CheckLevel;
import dev.puerto.testing.DnsTestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MTA-STS against a real DNS server and a real HTTPS server on loopback. */
class MtaStsAuditTest {
  private static final String ENFORCE =
      "version: STSv1\r\nmode: enforce\r\nmx: mx1.enforce.test\r\nmx: *.backup.enforce.test\r\n"
          + "max_age: 604800\r\n";

  private static DnsTestServer dns;
  private static PolicyServer https;
  private static DnsClient client;
  private static DomainCheck check;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder zones = new StringBuilder();
    for (String domain :
        List.of(
            "enforce",
            "unmatched",
            "testing",
            "short",
            "gone",
            "moved",
            "huge",
            "html",
            "slow",
            "broken")) {
      zones.append(
          """
          $ORIGIN %s.test.
          @        IN MX  10 mx1
          mx1      IN A   192.0.2.25
          _mta-sts IN TXT "v=STSv1; id=20250101T000000"
          mta-sts  IN A   127.0.0.1
          """
              .formatted(domain));
    }
    zones.append(
        """
        $ORIGIN enforce.test.
        @        IN MX  20 b.backup
        $ORIGIN unmatched.test.
        @        IN MX  20 a.b.unmatched.test.
        $ORIGIN nohost.test.
        @        IN MX  10 mx1
        _mta-sts IN TXT "v=STSv1; id=1"
        $ORIGIN none.test.
        @        IN MX  10 mx1
        $ORIGIN nullmx.test.
        @        IN MX  0 .
        $ORIGIN several.test.
        @        IN MX  10 mx1
        _mta-sts IN TXT "v=STSv1; id=1"
        _mta-sts IN TXT "v=STSv1; id=2"
        _mta-sts IN TXT "v=spf1 -all"
        $ORIGIN badid.test.
        @        IN MX  10 mx1
        _mta-sts IN TXT "v=STSv1; id=2025-01-01"
        $ORIGIN noid.test.
        @        IN MX  10 mx1
        _mta-sts IN TXT "v=STSv1;"
        """);
    dns = DnsTestServer.start(zones.toString());
    dns.timeOut("_mta-sts.down.test");
    https = PolicyServer.start();
    https.policy("enforce.test", ENFORCE);
    https.policy(
        "unmatched.test", "version: STSv1\nmode: enforce\nmx: *.unmatched.test\nmax_age: 604800\n");
    https.policy(
        "testing.test", "version: STSv1\nmode: testing\nmx: mx.elsewhere.test\nmax_age: 86400\n");
    https.policy(
        "short.test", "version: STSv1\nmode: enforce\nmx: mx1.short.test\nmax_age: 3600\n");
    https.serve("gone.test", 404, "text/html", "<h1>Not Found</h1>");
    // The target is a good policy: following the redirect would make the check pass.
    https.redirect("moved.test", https.uri("localhost", "enforce.test"));
    https.endless("huge.test");
    https.serve(
        "html.test",
        200,
        "text/html; charset=utf-8",
        "version: STSv1\nmode: enforce\nmx: mx1.html.test\nmax_age: 604800\n");
    https.stall("slow.test");
    https.policy("broken.test", "version: STSv2\nmode: strict\nmax_age: 99999999\nmx: -bad-.\n");
    client =
        new DnsClient(
            dns.resolver(),
            new DnsClient.Settings(Duration.ofMillis(200), 1, 8),
            Clock.systemUTC());
    check = check(https.fetcher(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stop() {
    https.close();
    dns.close();
  }

  private static DomainCheck check(MtaStsFetcher fetcher) {
    return new DomainCheck(client, new Blocklists(client, List.of()), Clock.systemUTC(), fetcher);
  }

  private static List<CheckItem> items(DomainCheck check, String domain) {
    return check.check(domain, List.of(), List.of()).items().stream()
        .filter(i -> i.area().equals("MTA-STS"))
        .toList();
  }

  private static List<CheckItem> items(String domain) {
    return items(check, domain);
  }

  private static List<String> codes(List<CheckItem> items) {
    return items.stream().map(CheckItem::code).toList();
  }

  private static CheckItem only(String domain) {
    List<CheckItem> items = items(domain);
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  @Test
  void an_enforce_policy_naming_every_mx_passes() {
    List<CheckItem> items = items("enforce.test");
    assertThat(codes(items)).containsExactly("mta_sts_enforce");
    assertThat(items.get(0).level()).isEqualTo(CheckLevel.OK);
    assertThat(items.get(0).message())
        .isEqualTo("mode: enforce, max_age: 604800 s, mx: mx1.enforce.test, *.backup.enforce.test");
  }

  @Test
  void an_mx_the_enforced_policy_does_not_name_fails_and_a_wildcard_matches_one_label() {
    List<CheckItem> items = items("unmatched.test");
    assertThat(codes(items)).containsExactly("mta_sts_enforce", "mta_sts_mx_not_matched");
    CheckItem unmatched = items.get(1);
    assertThat(unmatched.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(unmatched.message())
        .contains("mail from senders that honour MTA-STS to MX a.b.unmatched.test will fail");
    assertThat(unmatched.fix())
        .startsWith("add \"mx: a.b.unmatched.test\" to ")
        .endsWith("then change id= in _mta-sts.unmatched.test");
  }

  @Test
  void testing_mode_warns_to_enforce_and_an_unmatched_mx_is_only_a_warning() {
    List<CheckItem> items = items("testing.test");
    assertThat(codes(items)).containsExactly("mta_sts_testing", "mta_sts_mx_not_matched");
    assertThat(items).allMatch(i -> i.level() == CheckLevel.WARN);
    assertThat(items.get(0).fix()).contains("set mode: enforce");
  }

  @Test
  void a_max_age_under_a_day_in_enforce_mode_warns() {
    List<CheckItem> items = items("short.test");
    assertThat(codes(items)).containsExactly("mta_sts_enforce", "mta_sts_short_max_age");
    assertThat(items.get(1).message()).startsWith("max_age: 3600 s is under a day");
  }

  @Test
  void a_status_other_than_200_fails() {
    CheckItem item = only("gone.test");
    assertThat(item.code()).isEqualTo("mta_sts_http_status");
    assertThat(item.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(item.message()).contains("answered HTTP 404");
  }

  @Test
  void a_redirect_is_not_followed() {
    CheckItem item = only("moved.test");
    assertThat(item.code()).isEqualTo("mta_sts_redirect");
    assertThat(item.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(item.message())
        .contains("answered 301, a redirect to " + https.uri("localhost", "enforce.test"))
        .contains("senders follow no redirect (RFC 8461 3.3)");
  }

  @Test
  void a_policy_over_64_kib_fails_without_being_read_to_its_end() {
    CheckItem item = only("huge.test");
    assertThat(item.code()).isEqualTo("mta_sts_too_large");
    assertThat(item.message()).contains("policy file larger than 64 KiB (RFC 8461 3.3 limit)");
  }

  @Test
  void a_content_type_other_than_text_plain_warns() {
    List<CheckItem> items = items("html.test");
    assertThat(codes(items)).containsExactly("mta_sts_content_type", "mta_sts_enforce");
    assertThat(items.get(0).level()).isEqualTo(CheckLevel.WARN);
    assertThat(items.get(0).message()).contains("Content-Type text/html; charset=utf-8");
  }

  @Test
  void an_untrusted_certificate_fails_naming_the_certificate() {
    List<CheckItem> items = items(check(https.untrustingFetcher()), "enforce.test");
    assertThat(codes(items)).containsExactly("mta_sts_certificate");
    assertThat(items.get(0).level()).isEqualTo(CheckLevel.FAIL);
    assertThat(items.get(0).message())
        .contains("certificate not accepted")
        .contains("certification path");
  }

  @Test
  void a_certificate_for_another_name_fails() throws Exception {
    List<CheckItem> items = items(check(https.byAddressFetcher()), "enforce.test");
    assertThat(codes(items)).containsExactly("mta_sts_certificate");
    assertThat(items.get(0).message()).contains("certificate not accepted").contains("127.0.0.1");
  }

  @Test
  void a_server_that_does_not_answer_within_the_timeout_is_an_error() throws Exception {
    List<CheckItem> items = items(check(https.fetcher(Duration.ofMillis(300))), "slow.test");
    assertThat(codes(items)).containsExactly("mta_sts_timeout");
    assertThat(items.get(0).level()).isEqualTo(CheckLevel.ERROR);
    assertThat(items.get(0).message()).contains("no answer within 300 ms");
  }

  @Test
  void policy_syntax_errors_fail_each_named() {
    CheckItem item = only("broken.test");
    assertThat(item.code()).isEqualTo("mta_sts_policy_syntax");
    assertThat(item.message())
        .contains("version: STSv2 is not STSv1")
        .contains("mode: strict is not enforce, testing or none")
        .contains("max_age: 99999999 is over 31557600 seconds")
        .contains("mx: -bad-. is not a host name");
  }

  @Test
  void a_missing_record_warns_unless_the_domain_receives_no_mail() {
    CheckItem missing = only("none.test");
    assertThat(missing.code()).isEqualTo("mta_sts_missing");
    assertThat(missing.level()).isEqualTo(CheckLevel.WARN);
    assertThat(missing.message()).startsWith("no MTA-STS: senders may deliver without TLS");
    assertThat(missing.fix())
        .contains("https://mta-sts.none.test/.well-known/mta-sts.txt")
        .contains("TXT \"v=STSv1; id=");
    assertThat(only("nullmx.test").code()).isEqualTo("mta_sts_not_needed");
  }

  @Test
  void several_records_or_a_bad_id_fail_before_any_fetch() {
    assertThat(only("several.test").code()).isEqualTo("mta_sts_multiple");
    CheckItem badId = only("badid.test");
    assertThat(badId.code()).isEqualTo("mta_sts_syntax");
    assertThat(badId.message()).contains("id=2025-01-01 is not 1 to 32 letters or digits");
    assertThat(only("noid.test").message()).contains("id= is missing");
  }

  @Test
  void a_policy_host_without_an_address_fails_and_dns_failures_are_errors() {
    CheckItem nohost = only("nohost.test");
    assertThat(nohost.code()).isEqualTo("mta_sts_host_missing");
    assertThat(nohost.message()).startsWith("mta-sts.nohost.test has no A or AAAA record");
    CheckItem down = only("down.test");
    assertThat(down.code()).isEqualTo("mta_sts_dns_error");
    assertThat(down.level()).isEqualTo(CheckLevel.ERROR);
  }

  @Test
  void policy_lines_may_end_in_lf_or_crlf_and_a_wildcard_matches_exactly_one_label() {
    MtaStsPolicy crlf = MtaStsPolicy.parse(ENFORCE);
    MtaStsPolicy lf = MtaStsPolicy.parse(ENFORCE.replace("\r\n", "\n"));
    assertThat(crlf).isEqualTo(lf);
    assertThat(crlf.problems()).isEmpty();
    assertThat(crlf.matches("MX1.enforce.test.")).isTrue();
    assertThat(crlf.matches("x.backup.enforce.test")).isTrue();
    assertThat(crlf.matches("backup.enforce.test")).isFalse();
    assertThat(crlf.matches("y.x.backup.enforce.test")).isFalse();
    assertThat(crlf.matches("mx2.enforce.test")).isFalse();
  }
}
