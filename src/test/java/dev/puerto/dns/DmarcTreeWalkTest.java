package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.dns.DmarcTreeWalk.Outcome;
import dev.puerto.dns.DmarcTreeWalk.Result;
import dev.puerto.dns.DmarcTreeWalk.Step;
import dev.puerto.testing.DnsTestServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The DNS Tree Walk of RFC 9989 4.10, on the examples of its section 4.10 and appendix B.4. */
class DmarcTreeWalkTest {
  private static DnsTestServer server;
  private static DmarcTreeWalk walk;

  @BeforeAll
  static void start() throws Exception {
    server =
        DnsTestServer.start(
            """
            _dmarc.example.com.                 IN TXT "v=DMARC1; p=reject"
            _dmarc.signing.example.com.         IN TXT "v=DMARC1; p=quarantine"
            _dmarc.giant.bank.example.          IN TXT "v=DMARC1; p=reject"
            _dmarc.bank.example.                IN TXT "v=DMARC1; p=quarantine; psd=y"
            _dmarc.mail.own.test.               IN TXT "v=DMARC1; p=none; psd=n"
            _dmarc.own.test.                    IN TXT "v=DMARC1; p=reject"
            _dmarc.suffix.                      IN TXT "v=DMARC1; p=reject; psd=y"
            _dmarc.twice.test.                  IN TXT "v=DMARC1; p=none"
            _dmarc.twice.test.                  IN TXT "v=DMARC1; p=reject"
            _dmarc.test.                        IN TXT "v=DMARC1; p=none"
            _dmarc.spf.other.                   IN TXT "v=spf1 -all"
            """);
    server.serverFailure("_dmarc.broken.other");
    walk =
        new DmarcTreeWalk(
            new DnsClient(
                server.resolver(),
                new DnsClient.Settings(Duration.ofMillis(300), 1, 4),
                Clock.systemUTC()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static java.util.List<String> queried(Result result) {
    return result.steps().stream().map(Step::domain).toList();
  }

  @Test
  void a_name_of_more_than_eight_labels_costs_eight_queries_jumping_to_its_seven_label_suffix() {
    // RFC 9989 4.10: the example's eight queries, in order.
    assertThat(DmarcTreeWalk.targets("a.b.c.d.e.f.g.h.i.j.mail.example.com"))
        .containsExactly(
            "a.b.c.d.e.f.g.h.i.j.mail.example.com",
            "g.h.i.j.mail.example.com",
            "h.i.j.mail.example.com",
            "i.j.mail.example.com",
            "j.mail.example.com",
            "mail.example.com",
            "example.com",
            "com");
    // Seven labels: the name and its six parents. Eight: the name and its seven parents.
    assertThat(DmarcTreeWalk.targets("g.h.i.j.mail.example.com")).hasSize(7);
    assertThat(DmarcTreeWalk.targets("f.g.h.i.j.mail.example.com")).hasSize(8);
    assertThat(DmarcTreeWalk.targets("Example.COM.")).containsExactly("example.com", "com");
  }

  @Test
  void the_deep_example_finds_the_shortest_name_with_a_record_and_skips_the_names_between() {
    // RFC 9989 B.4.2.
    Result result = walk.walk("a.b.c.d.e.f.g.h.i.j.k.example.com");
    assertThat(queried(result))
        .containsExactly(
            "a.b.c.d.e.f.g.h.i.j.k.example.com",
            "g.h.i.j.k.example.com",
            "h.i.j.k.example.com",
            "i.j.k.example.com",
            "j.k.example.com",
            "k.example.com",
            "example.com",
            "com");
    assertThat(server.queries("_dmarc.b.c.d.e.f.g.h.i.j.k.example.com", Type.TXT)).isZero();
    assertThat(result.orgDomain()).isEqualTo("example.com");
    assertThat(result.policyDomain()).isEqualTo("example.com");
    assertThat(result.policy().p()).isEqualTo("reject");
  }

  @Test
  void a_record_of_its_own_is_the_policy_but_the_organizational_domain_is_the_shortest() {
    // RFC 9989 B.4.1: signing.example.com and example.com both publish.
    Result result = walk.walk("signing.example.com");
    assertThat(queried(result)).containsExactly("signing.example.com", "example.com", "com");
    assertThat(result.orgDomain()).isEqualTo("example.com");
    assertThat(result.policyDomain()).isEqualTo("signing.example.com");
    assertThat(result.policy().p()).isEqualTo("quarantine");
  }

  @Test
  void psd_y_makes_the_name_one_label_below_it_the_organizational_domain() {
    // RFC 9989 B.4.3.
    Result author = walk.walk("giant.bank.example");
    assertThat(queried(author)).containsExactly("giant.bank.example", "bank.example");
    assertThat(author.orgDomain()).isEqualTo("giant.bank.example");
    assertThat(author.policyDomain()).isEqualTo("giant.bank.example");

    Result mailFrom = walk.walk("mail.giant.bank.example");
    assertThat(mailFrom.orgDomain()).isEqualTo("giant.bank.example");
    assertThat(mailFrom.policyDomain()).isEqualTo("giant.bank.example");

    Result other = walk.walk("mail.mega.bank.example");
    assertThat(other.orgDomain()).isEqualTo("mega.bank.example");
    // No record at the organizational domain: the public suffix domain's applies.
    assertThat(other.policyDomain()).isEqualTo("bank.example");
    assertThat(other.policy().p()).isEqualTo("quarantine");
  }

  @Test
  void psd_y_found_only_at_the_top_still_names_the_label_below_it() {
    // RFC 9989 4.10.2, the last example: only _dmarc.com (here _dmarc.suffix) has psd=y.
    Result result = walk.walk("a.mail.example.suffix");
    assertThat(result.orgDomain()).isEqualTo("example.suffix");
    assertThat(result.policyDomain()).isEqualTo("suffix");
  }

  @Test
  void psd_n_stops_the_walk_at_an_organizational_domain() {
    Result result = walk.walk("a.mail.own.test");
    assertThat(queried(result)).containsExactly("a.mail.own.test", "mail.own.test");
    assertThat(result.orgDomain()).isEqualTo("mail.own.test");
    assertThat(result.policy().p()).isEqualTo("none");
  }

  @Test
  void several_records_at_a_name_are_all_discarded() {
    Result result = walk.walk("twice.test");
    assertThat(result.steps().get(0).outcome()).isEqualTo(Outcome.MULTIPLE);
    assertThat(result.orgDomain()).isEqualTo("test");
    assertThat(result.policyDomain()).isEqualTo("test");
  }

  @Test
  void no_record_anywhere_leaves_the_domain_its_own_organizational_domain_with_no_policy() {
    Result result = walk.walk("spf.other");
    assertThat(result.steps())
        .extracting(Step::outcome)
        .containsExactly(Outcome.NONE, Outcome.NONE);
    assertThat(result.steps().get(0).describe()).isEqualTo("_dmarc.spf.other: no v=DMARC1 record");
    assertThat(result.steps().get(1).describe()).isEqualTo("_dmarc.other: NXDOMAIN");
    assertThat(result.orgDomain()).isEqualTo("spf.other");
    assertThat(result.policy()).isNull();
  }

  @Test
  void a_dns_failure_stops_the_walk_with_no_result() {
    Result result = walk.walk("broken.other");
    assertThat(result.dnsError()).isTrue();
    assertThat(result.orgDomain()).isNull();
    assertThat(result.steps()).hasSize(1);
    assertThat(result.steps().get(0).describe()).isEqualTo("_dmarc.broken.other: SERVFAIL");
  }
}
