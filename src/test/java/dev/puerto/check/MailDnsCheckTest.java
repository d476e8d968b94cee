package dev.puerto.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.analyze.TestZones;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.schema.CheckLevel;
import dev.puerto.testing.DnsTestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * {@code puerto check} on the rest of a domain's mail DNS: the SPF lookup chain, DKIM key strength,
 * BIMI, DNSSEC as a validating resolver reports it, and the MX hosts' reverse DNS.
 */
class MailDnsCheckTest {
  private static DnsTestServer validating;
  private static DnsTestServer plain;
  private static DomainCheck check;
  private static DomainCheck throughPlain;

  @BeforeAll
  static void start() throws Exception {
    String zones =
        """
        chain.test.              IN TXT "v=spf1 include:esp.test a mx:mail.chain.test -all"
        chain.test.              IN A   192.0.2.10
        mail.chain.test.         IN MX  10 mx.chain.test.
        esp.test.                IN TXT "v=spf1 include:one.esp.test include:two.esp.test ~all"
        one.esp.test.            IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
        two.esp.test.            IN TXT "v=spf1 a:out.esp.test -all"
        out.esp.test.            IN A   198.51.100.1
        heavy.test.              IN TXT "v=spf1 include:five.test include:four.test include:one.esp.test mx -all"
        heavy.test.              IN MX  10 mx.heavy.test.
        five.test.               IN TXT "v=spf1 a:h1.five.test a:h2.five.test a:h3.five.test a:h4.five.test -all"
        four.test.               IN TXT "v=spf1 a:h1.four.test a:h2.four.test a:h3.four.test -all"
        void.test.               IN TXT "v=spf1 a:gone1.void.test a:gone2.void.test mx:gone3.void.test -all"
        onevoid.test.            IN TXT "v=spf1 a:gone.onevoid.test -all"
        bimi.test.               IN TXT "v=spf1 -all"
        _dmarc.bimi.test.        IN TXT "v=DMARC1; p=reject; rua=mailto:d@bimi.test"
        default._bimi.bimi.test. IN TXT "v=BIMI1; l=https://bimi.test/logo.svg; a=https://bimi.test/vmc.pem"
        _dmarc.nocert.test.      IN TXT "v=DMARC1; p=quarantine"
        default._bimi.nocert.test. IN TXT "v=BIMI1; l=https://nocert.test/logo.svg"
        _dmarc.plain.test.       IN TXT "v=DMARC1; p=reject"
        default._bimi.plain.test. IN TXT "v=BIMI1; l=http://plain.test/logo.svg; a=https://plain.test/vmc.pem"
        _dmarc.early.test.       IN TXT "v=DMARC1; p=quarantine; pct=50"
        default._bimi.early.test. IN TXT "v=BIMI1; l=https://early.test/logo.svg; a=https://early.test/vmc.pem"
        _dmarc.watch.test.       IN TXT "v=DMARC1; p=none"
        default._bimi.watch.test. IN TXT "v=BIMI1; l=https://watch.test/logo.svg; a=https://watch.test/vmc.pem"
        default._bimi.quiet.test. IN TXT "v=BIMI1; l=; a="
        signed.test.             IN TXT "v=spf1 -all"
        signed.test.             IN MX  0 .
        _dmarc.signed.test.      IN TXT "v=DMARC1; p=reject"
        half.test.               IN TXT "v=spf1 -all"
        _dmarc.half.test.        IN TXT "v=DMARC1; p=reject"
        mx.test.                 IN MX  10 in1.mx.test.
        mx.test.                 IN MX  20 in2.mx.test.
        mx.test.                 IN MX  30 in3.mx.test.
        mx.test.                 IN MX  40 nowhere.mx.test.
        in1.mx.test.             IN A   192.0.2.31
        in2.mx.test.             IN A   192.0.2.32
        in3.mx.test.             IN AAAA 2001:db8::33
        31.2.0.192.in-addr.arpa. IN PTR in1.mx.test.
        32.2.0.192.in-addr.arpa. IN PTR other.mx.test.
        """;
    validating = DnsTestServer.start(zones);
    validating.validating();
    validating.signed("signed.test");
    validating.signed("_dmarc.half.test");
    plain = DnsTestServer.start(zones);
    for (DnsTestServer server : List.of(validating, plain)) {
      server.add(TestZones.key("s512._domainkey.keys.test.", TestZones.rsaKey(512)));
      server.add(TestZones.key("s1024._domainkey.keys.test.", TestZones.rsaKey(1024)));
      server.add(TestZones.key("s2048._domainkey.keys.test.", TestZones.rsaKey(2048)));
      server.add(
          new TXTRecord(
              Name.fromString("ed._domainkey.keys.test."),
              DClass.IN,
              3600,
              "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(new byte[32])));
      server.add(
          new TXTRecord(
              Name.fromString("gone._domainkey.keys.test."), DClass.IN, 3600, "v=DKIM1; p="));
    }
    check = checkThrough(validating);
    throughPlain = checkThrough(plain);
  }

  private static DomainCheck checkThrough(DnsTestServer server) {
    DnsClient dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(300), 1, 8),
            Clock.systemUTC());
    return new DomainCheck(dns, new Blocklists(dns, List.of()), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    validating.close();
    plain.close();
  }

  private static List<CheckItem> area(String domain, String area) {
    return area(check, domain, List.of(), area);
  }

  private static List<CheckItem> area(
      DomainCheck through, String domain, List<String> selectors, String area) {
    return through.check(domain, selectors, List.of()).items().stream()
        .filter(i -> i.area().equals(area))
        .toList();
  }

  private static CheckItem item(List<CheckItem> items, String code) {
    List<CheckItem> found = items.stream().filter(i -> i.code().equals(code)).toList();
    assertThat(found).as(code + " in " + items).hasSize(1);
    return found.get(0);
  }

  @Test
  void spf_shows_each_lookup_with_its_cost_nested_under_its_include() {
    CheckItem ok = item(area("chain.test", "SPF"), "spf_ok");
    assertThat(ok.message()).endsWith("(6 of 10 DNS lookups)");
    assertThat(ok.details())
        .containsExactly(
            "include:esp.test: 4 lookups",
            "  include:one.esp.test: 1 lookup",
            "  include:two.esp.test: 2 lookups",
            "    a:out.esp.test: 1 lookup",
            "a: 1 lookup",
            "mx:mail.chain.test: 1 lookup");
  }

  @Test
  void past_ten_lookups_the_fix_names_the_costliest_includes_to_flatten() {
    List<CheckItem> spf = area("heavy.test", "SPF");
    CheckItem tooMany = item(spf, "spf_too_many_lookups");
    assertThat(tooMany.message()).isEqualTo("11 DNS-querying terms, more than the limit of 10");
    assertThat(tooMany.fix())
        .contains("flatten (replace by the ip4:/ip6: ranges they resolve to")
        .endsWith(" include:five.test (5 lookups) to get to at most 10");
    assertThat(tooMany.details())
        .startsWith(
            "include:five.test: 5 lookups", "  a:h1.five.test: 1 lookup (void: nothing found)");
    // h1..h4.five.test and h1..h3.four.test do not exist: far past the limit of 2 void lookups.
    assertThat(item(spf, "spf_too_many_void_lookups").message()).startsWith("7 void lookups");
  }

  @Test
  void more_than_two_void_lookups_fail_and_one_warns() {
    CheckItem voids = item(area("void.test", "SPF"), "spf_too_many_void_lookups");
    assertThat(voids.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(voids.message())
        .isEqualTo(
            "3 void lookups (names with no records): a:gone1.void.test, a:gone2.void.test,"
                + " mx:gone3.void.test: receivers return permerror after 2");
    CheckItem one = item(area("onevoid.test", "SPF"), "spf_void_lookups");
    assertThat(one.level()).isEqualTo(CheckLevel.WARN);
    assertThat(item(area("chain.test", "SPF"), "spf_ok")).isNotNull();
    assertThat(area("chain.test", "SPF")).noneMatch(i -> i.code().contains("void"));
  }

  @Test
  void dkim_keys_are_judged_by_strength_and_revocation() {
    List<CheckItem> dkim =
        area(check, "keys.test", List.of("s512", "s1024", "s2048", "ed", "gone"), "DKIM");
    assertThat(dkim)
        .extracting(CheckItem::code, CheckItem::level)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dkim_invalid", CheckLevel.FAIL),
            org.assertj.core.groups.Tuple.tuple("dkim_weak_key", CheckLevel.WARN),
            org.assertj.core.groups.Tuple.tuple("dkim_ok", CheckLevel.OK),
            org.assertj.core.groups.Tuple.tuple("dkim_ok", CheckLevel.OK),
            org.assertj.core.groups.Tuple.tuple("dkim_revoked", CheckLevel.WARN));
    assertThat(dkim.get(0).message())
        .contains("512-bit RSA: receivers must reject keys under 1024 bits");
    assertThat(dkim.get(1).message()).contains("1024-bit RSA: 2048 bits is recommended");
    assertThat(dkim.get(2).message()).isEqualTo("s2048._domainkey.keys.test: rsa 2048 bits");
    assertThat(dkim.get(3).message()).isEqualTo("ed._domainkey.keys.test: ed25519 256 bits");
  }

  @Test
  void a_bimi_record_with_logo_and_certificate_under_an_enforced_policy_passes() {
    assertThat(area("bimi.test", "BIMI"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.code()).isEqualTo("bimi_ok");
              assertThat(i.message())
                  .isEqualTo(
                      "logo https://bimi.test/logo.svg, certificate https://bimi.test/vmc.pem");
            });
  }

  @Test
  void bimi_without_a_certificate_warns_and_over_http_fails() {
    assertThat(area("nocert.test", "BIMI"))
        .extracting(CheckItem::code)
        .containsExactly("bimi_no_certificate");
    CheckItem http = item(area("plain.test", "BIMI"), "bimi_not_https");
    assertThat(http.level()).isEqualTo(CheckLevel.FAIL);
    assertThat(http.message())
        .isEqualTo(
            "l=http://plain.test/logo.svg is not an https: URL: receivers fetch the SVG logo only"
                + " over HTTPS");
  }

  @Test
  void bimi_needs_dmarc_at_quarantine_or_reject_for_all_mail() {
    assertThat(item(area("early.test", "BIMI"), "bimi_dmarc_not_enforced").message())
        .isEqualTo("BIMI is published but receivers show no logo: DMARC has pct=50");
    assertThat(item(area("watch.test", "BIMI"), "bimi_dmarc_not_enforced").message())
        .endsWith("DMARC has p=none");
  }

  @Test
  void no_bimi_record_is_fine_and_an_empty_one_declines() {
    assertThat(area("chain.test", "BIMI")).extracting(CheckItem::code).containsExactly("bimi_none");
    assertThat(area("quiet.test", "BIMI"))
        .extracting(CheckItem::code)
        .containsExactly("bimi_declined");
  }

  @Test
  void dnssec_is_signed_when_the_validating_resolver_authenticates_every_answer() {
    CheckItem signed = item(area("signed.test", "DNSSEC"), "dnssec_signed");
    assertThat(signed.message())
        .isEqualTo(
            "signed.test is DNSSEC-signed: the resolver validated signed.test TXT,"
                + " _dmarc.signed.test TXT, signed.test MX");
  }

  @Test
  void dnssec_is_unsigned_when_the_validating_resolver_authenticates_nothing() {
    CheckItem unsigned = item(area("chain.test", "DNSSEC"), "dnssec_unsigned");
    assertThat(unsigned.level()).isEqualTo(CheckLevel.WARN);
    assertThat(unsigned.fix()).startsWith("sign the zone at your DNS host and publish its DS");
  }

  @Test
  void dnssec_is_partial_when_only_some_answers_are_authenticated() {
    CheckItem partial = item(area("half.test", "DNSSEC"), "dnssec_partial");
    assertThat(partial.message())
        .startsWith(
            "the resolver validated _dmarc.half.test TXT but not half.test TXT, half.test MX");
  }

  @Test
  void dnssec_is_unknown_through_a_resolver_that_does_not_validate() {
    assertThat(area(throughPlain, "signed.test", List.of(), "DNSSEC"))
        .extracting(CheckItem::code)
        .containsExactly("dnssec_unknown");
  }

  @Test
  void each_mx_host_address_is_reverse_resolved_and_forward_confirmed() {
    List<CheckItem> mx = area("mx.test", "MX");
    assertThat(mx)
        .extracting(CheckItem::code, CheckItem::level)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("mx_ok", CheckLevel.OK),
            org.assertj.core.groups.Tuple.tuple("mx_ptr_ok", CheckLevel.OK),
            org.assertj.core.groups.Tuple.tuple("mx_ptr_not_confirmed", CheckLevel.WARN),
            org.assertj.core.groups.Tuple.tuple("mx_ptr_missing", CheckLevel.WARN),
            org.assertj.core.groups.Tuple.tuple("mx_host_no_address", CheckLevel.FAIL));
    assertThat(mx.get(1).message())
        .isEqualTo("MX in1.mx.test 192.0.2.31 -> in1.mx.test (forward-confirmed)");
    assertThat(mx.get(2).message())
        .isEqualTo(
            "MX in2.mx.test 192.0.2.32 -> other.mx.test, which does not resolve back to 192.0.2.32");
    assertThat(mx.get(3).message()).isEqualTo("MX in3.mx.test 2001:db8::33 has no PTR record");
    assertThat(mx.get(4).fix())
        .isEqualTo(
            "publish an A/AAAA record for nowhere.mx.test, or remove it from the MX of mx.test");
  }
}
