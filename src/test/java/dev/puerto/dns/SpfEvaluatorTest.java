package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.DnsTestServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpfEvaluatorTest {
  private static DnsTestServer server;
  private static SpfEvaluator spf;

  @BeforeAll
  static void start() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 11; i++) {
      many.append(" a:h").append(i).append(".example.com");
    }
    server =
        DnsTestServer.start(
            """
            $ORIGIN example.com.
            @        IN TXT "v=spf1 mx include:esp.example.net -all"
            @        IN MX  10 mail
            mail     IN A   192.0.2.25
            twice    IN TXT "v=spf1 -all"
            twice    IN TXT "v=spf1 +all"
            toomany  IN TXT "v=spf1%s -all"
            open     IN TXT "v=spf1 +all"
            flaky    IN TXT "v=spf1 include:down.example.net -all"
            sick     IN TXT "v=spf1 include:sick.example.net -all"
            $ORIGIN example.net.
            esp      IN TXT "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 ~all"
            down     IN TXT "v=spf1 -all"
            sick     IN TXT "v=spf1 -all"
            """
                .formatted(many));
    server.timeOut("down.example.net");
    server.serverFailure("sick.example.net");
    DnsClient dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(200), 1, 4),
            Clock.systemUTC());
    spf = new SpfEvaluator(dns, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SpfCheck check(String ip, String domain) throws Exception {
    return spf.checkHost(InetAddress.getByName(ip), domain, "user@" + domain, "mx." + domain);
  }

  @Test
  void a_pass_says_which_mechanism_matched_through_which_include_and_counts_lookups()
      throws Exception {
    SpfCheck check = check("198.51.100.7", "example.com");
    assertThat(check.result()).isEqualTo(SpfResult.PASS);
    assertThat(check.matched())
        .containsExactly(
            "example.com: include:esp.example.net", "esp.example.net: ip4:198.51.100.0/24");
    assertThat(check.dnsLookups()).isEqualTo(2);
    assertThat(check.describe()).contains("(2 DNS lookups)");
  }

  @Test
  void mx_matches_the_mail_servers_address() throws Exception {
    SpfCheck check = check("192.0.2.25", "example.com");
    assertThat(check.result()).isEqualTo(SpfResult.PASS);
    assertThat(check.matched()).containsExactly("example.com: mx");
  }

  @Test
  void an_unlisted_ip_fails_on_all() throws Exception {
    SpfCheck check = check("203.0.113.9", "example.com");
    assertThat(check.result()).isEqualTo(SpfResult.FAIL);
    assertThat(check.matched()).containsExactly("example.com: -all");
  }

  @Test
  void a_timeout_is_temperror_never_fail() throws Exception {
    SpfCheck check = check("203.0.113.9", "flaky.example.com");
    assertThat(check.result()).isEqualTo(SpfResult.TEMPERROR);
    assertThat(check.problem()).contains("TIMEOUT").contains("down.example.net");
  }

  @Test
  void a_servfail_is_temperror_never_fail() throws Exception {
    SpfCheck check = check("203.0.113.9", "sick.example.com");
    assertThat(check.result()).isEqualTo(SpfResult.TEMPERROR);
    assertThat(check.problem()).contains("SERVFAIL");
  }

  @Test
  void the_policy_of_a_domain_counts_lookups_through_includes() {
    SpfPolicy policy = spf.policy("example.com");
    assertThat(policy.dnsLookups()).isEqualTo(2);
    assertThat(policy.includes()).containsExactly("esp.example.net");
    assertThat(policy.allQualifier()).isEqualTo('-');
    assertThat(policy.error()).isNull();
  }

  @Test
  void more_than_ten_lookups_is_a_permerror_in_policy_and_evaluation() throws Exception {
    SpfPolicy policy = spf.policy("toomany.example.com");
    assertThat(policy.dnsLookups()).isEqualTo(11);
    assertThat(policy.error()).isEqualTo(SpfResult.PERMERROR);
    assertThat(check("203.0.113.9", "toomany.example.com").result()).isEqualTo(SpfResult.PERMERROR);
  }

  @Test
  void two_records_are_a_permerror() {
    SpfPolicy policy = spf.policy("twice.example.com");
    assertThat(policy.error()).isEqualTo(SpfResult.PERMERROR);
    assertThat(policy.problem()).contains("2 SPF records");
  }

  @Test
  void no_record_is_none() throws Exception {
    assertThat(check("203.0.113.9", "mail.example.com").result()).isEqualTo(SpfResult.NONE);
    assertThat(spf.policy("mail.example.com").record()).isNull();
  }
}
