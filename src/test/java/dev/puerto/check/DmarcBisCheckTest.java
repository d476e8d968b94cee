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

/** {@code puerto check} on the DMARC record as DMARCbis (RFC 9989) reads it. */
class DmarcBisCheckTest {
  private static DnsTestServer server;
  private static DomainCheck check;

  @BeforeAll
  static void start() throws Exception {
    server =
        DnsTestServer.start(
            """
            _dmarc.old.test.          IN TXT "v=DMARC1; p=reject; pct=100; rf=afrf; ri=86400; rua=mailto:d@old.test"
            _dmarc.half.test.         IN TXT "v=DMARC1; p=quarantine; pct=50; rua=mailto:d@half.test"
            _dmarc.trying.test.       IN TXT "v=DMARC1; p=reject; sp=quarantine; np=reject; t=y"
            _dmarc.watching.test.     IN TXT "v=DMARC1; p=none; t=y"
            _dmarc.np.test.           IN TXT "v=DMARC1; p=reject; np=none"
            _dmarc.monitor.test.      IN TXT "v=DMARC1; p=none; np=reject"
            _dmarc.badtags.test.      IN TXT "v=DMARC1; p=reject; np=block; psd=maybe; t=yes"
            _dmarc.suffix.test.       IN TXT "v=DMARC1; p=reject; psd=y"
            _dmarc.own.test.          IN TXT "v=DMARC1; p=reject; psd=n"
            _dmarc.shop.example.com.  IN TXT "v=DMARC1; p=reject; psd=n"
            _dmarc.example.com.       IN TXT "v=DMARC1; p=none"
            _dmarc.bank.example.      IN TXT "v=DMARC1; p=reject; psd=y"
            _dmarc.a.b.c.d.e.f.g.h.i.deep.test. IN TXT "v=DMARC1; p=reject"
            """);
    DnsClient dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(300), 1, 8),
            Clock.systemUTC());
    check = new DomainCheck(dns, new Blocklists(dns, List.of()), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<CheckItem> dmarc(String domain) {
    return check.check(domain, List.of(), List.of()).items().stream()
        .filter(i -> i.area().equals("DMARC"))
        .toList();
  }

  private static List<CheckItem> items(String domain, String code) {
    return dmarc(domain).stream().filter(i -> i.code().equals(code)).toList();
  }

  private static CheckItem item(String domain, String code) {
    List<CheckItem> found = items(domain, code);
    assertThat(found).as(code + " for " + domain).hasSize(1);
    return found.get(0);
  }

  @Test
  void the_removed_tags_pct_rf_and_ri_warn_and_say_what_replaces_them() {
    List<CheckItem> removed = items("old.test", "dmarc_removed_tag");
    assertThat(removed).extracting(CheckItem::level).containsOnly(CheckLevel.WARN);
    assertThat(removed)
        .extracting(CheckItem::message)
        .containsExactly(
            "pct=100: DMARCbis (RFC 9989) removed pct (100 was the default); t=y replaces it for"
                + " testing",
            "rf=afrf: DMARCbis (RFC 9989) removed rf= (failure reports are always AFRF, RFC"
                + " 6591)",
            "ri=86400: DMARCbis (RFC 9989) removed ri= (receivers choose the interval; aggregate"
                + " reports normally cover a day)");
    assertThat(removed)
        .extracting(CheckItem::fix)
        .containsExactly("remove pct=", "remove rf=", "remove ri=");
    assertThat(dmarc("old.test")).noneMatch(i -> i.level() == CheckLevel.FAIL);
  }

  @Test
  void a_pct_under_100_says_what_each_kind_of_receiver_does_and_that_t_y_replaces_it() {
    CheckItem pct = item("half.test", "dmarc_partial_pct");
    assertThat(pct.level()).isEqualTo(CheckLevel.WARN);
    assertThat(pct.message())
        .isEqualTo(
            "pct=50: RFC 7489 receivers apply the policy to 50% of the failing mail; DMARCbis (RFC"
                + " 9989) removed pct, and its receivers apply the policy to all of it");
    assertThat(pct.fix()).contains("t=y (what pct=0 did)");
  }

  @Test
  void t_y_says_which_policy_receivers_apply_instead() {
    assertThat(item("trying.test", "dmarc_testing").message())
        .isEqualTo(
            "t=y: receivers apply one level below the published policy: p=reject acts as"
                + " quarantine, sp=quarantine acts as none, np=reject acts as quarantine");
    assertThat(item("watching.test", "dmarc_testing").message()).endsWith("p=none is unchanged");
  }

  @Test
  void np_weaker_than_the_policy_of_existing_subdomains_warns() {
    CheckItem np = item("np.test", "dmarc_np_weak");
    assertThat(np.level()).isEqualTo(CheckLevel.WARN);
    assertThat(np.message())
        .isEqualTo(
            "mail from subdomains of np.test that do not exist gets none (np=none, weaker than"
                + " p=reject for the subdomains that exist); such names send no legitimate mail");
    assertThat(np.fix()).startsWith("add np=reject");
  }

  @Test
  void np_reject_is_right_even_under_p_none_and_its_absence_under_p_none_warns() {
    assertThat(item("monitor.test", "dmarc_np").message())
        .isEqualTo(
            "mail from subdomains of monitor.test that do not exist is rejected (np=reject)");
    assertThat(item("watching.test", "dmarc_np_weak").message())
        .contains("gets none (no np=, so p=none)");
    assertThat(item("old.test", "dmarc_np").message()).endsWith("(no np=, so p=reject)");
  }

  @Test
  void bad_np_psd_and_t_values_are_syntax_errors() {
    assertThat(item("badtags.test", "dmarc_syntax").message())
        .contains("np=block is not none, quarantine or reject")
        .contains("psd=maybe is not y, n or u")
        .contains("t=yes is not y or n");
  }

  @Test
  void psd_y_on_a_domain_warns_and_psd_n_is_reported() {
    CheckItem suffix = item("suffix.test", "dmarc_psd_yes");
    assertThat(suffix.level()).isEqualTo(CheckLevel.WARN);
    assertThat(suffix.message()).startsWith("psd=y: suffix.test declares itself a public suffix");
    assertThat(item("own.test", "dmarc_psd_no").level()).isEqualTo(CheckLevel.OK);
  }

  @Test
  void the_tree_walk_shows_its_queries() {
    CheckItem walk = item("own.test", "dmarc_tree_walk");
    assertThat(walk.message())
        .isEqualTo(
            "DMARCbis tree walk (1 of 8 queries): organizational domain own.test, policy from"
                + " _dmarc.own.test (p=reject)");
    assertThat(walk.details()).containsExactly("_dmarc.own.test: \"v=DMARC1; p=reject; psd=n\"");
    assertThat(items("own.test", "dmarc_org_domain_differs")).isEmpty();
  }

  @Test
  void a_deep_name_costs_at_most_eight_queries() {
    CheckItem walk = item("a.b.c.d.e.f.g.h.i.deep.test", "dmarc_tree_walk");
    assertThat(walk.message()).startsWith("DMARCbis tree walk (8 of 8 queries)");
    assertThat(walk.details()).hasSize(8).last().isEqualTo("_dmarc.test: NXDOMAIN");
  }

  @Test
  void psd_n_below_the_public_suffix_list_organizational_domain_warns_that_they_differ() {
    CheckItem differs = item("shop.example.com", "dmarc_org_domain_differs");
    assertThat(differs.level()).isEqualTo(CheckLevel.WARN);
    assertThat(differs.message())
        .isEqualTo(
            "the Public Suffix List (RFC 7489 receivers) makes example.com the organizational"
                + " domain and applies _dmarc.shop.example.com; the DMARCbis tree walk makes it"
                + " shop.example.com and applies _dmarc.shop.example.com: the two kinds of"
                + " receiver judge relaxed alignment differently");
  }

  @Test
  void a_public_suffix_domain_record_makes_the_name_below_it_the_organizational_domain() {
    // bank.example publishes psd=y; giant.bank.example publishes nothing. The list has no
    // rule for "example", so its default rule makes bank.example the organizational domain.
    List<CheckItem> dmarc = dmarc("giant.bank.example");
    assertThat(dmarc)
        .extracting(CheckItem::code)
        .containsExactly(
            "dmarc_policy",
            "dmarc_np",
            "dmarc_no_rua",
            "dmarc_no_ruf",
            "dmarc_tree_walk",
            "dmarc_org_domain_differs");
    assertThat(dmarc.get(4).message())
        .isEqualTo(
            "DMARCbis tree walk (2 of 8 queries): organizational domain giant.bank.example,"
                + " policy from _dmarc.bank.example (p=reject)");
    assertThat(dmarc.get(5).message())
        .isEqualTo(
            "the Public Suffix List (RFC 7489 receivers) makes bank.example the organizational"
                + " domain and applies _dmarc.bank.example; the DMARCbis tree walk makes it"
                + " giant.bank.example and applies _dmarc.bank.example: the two kinds of receiver"
                + " judge relaxed alignment differently");
  }

  @Test
  void a_record_only_the_tree_walk_finds_makes_the_policies_differ_too() {
    // www.shop.example.com publishes nothing. RFC 7489 receivers go to the list's organizational
    // domain, example.com (p=none); DMARCbis receivers stop at shop.example.com's psd=n.
    List<CheckItem> dmarc = dmarc("www.shop.example.com");
    CheckItem differs =
        dmarc.stream()
            .filter(i -> i.code().equals("dmarc_org_domain_differs"))
            .findFirst()
            .orElseThrow();
    assertThat(differs.message())
        .isEqualTo(
            "the Public Suffix List (RFC 7489 receivers) makes example.com the organizational"
                + " domain and applies _dmarc.example.com; the DMARCbis tree walk makes it"
                + " shop.example.com and applies _dmarc.shop.example.com: the two kinds of"
                + " receiver judge relaxed alignment and policy differently");
  }
}
