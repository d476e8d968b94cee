package dev.puerto.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.sender.Clues.Signature;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The matcher tries the evidence from the most specific to the least; the first that names wins.
 */
class AttributionTest {
  private static final String TEST_CATALOGUE =
      """
      {"about": "Test senders, verified by hand.", "senders": [
        {"name": "Alpha ESP", "kind": "esp", "dkim": ["alphamail.example"], "selectors": ["am[12]"],
         "spf": ["_spf.alphamail.example"], "mail_from": ["bounce.alpha.example"],
         "ptr": ["alpha-out.example"], "asn": [64500], "docs": "https://alpha.example/docs",
         "dkim_setting": "In Alpha, Domains: publish the am1 and am2 CNAMEs",
         "return_path_setting": null},
        {"name": "Beta Lists", "kind": "forwarder", "dkim": ["betalists.example"],
         "ptr": ["beta-out.example"], "selectors": ["shared[0-9]"], "asn": [64501],
         "docs": "https://beta.example/help"},
        {"name": "Gamma CRM", "kind": "crm", "dkim": ["mail.betalists.example"],
         "selectors": ["shared[0-9]+"], "docs": "https://gamma.example/help"}
      ]}
      """;

  private final Catalogue catalogue = testCatalogue();

  private static Catalogue testCatalogue() {
    try {
      return Catalogue.read(new ObjectMapper().readTree(TEST_CATALOGUE));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Optional<Attribution> attribute(
      List<Signature> signatures,
      List<String> envelope,
      List<String> includes,
      String ptr,
      Long asn) {
    return catalogue.attribute(new Clues(signatures, envelope, includes, ptr, asn));
  }

  @Test
  void a_passing_signature_of_the_services_domain_outranks_every_other_evidence() {
    Attribution a =
        attribute(
                List.of(
                    new Signature("customer.example", "am1", true),
                    new Signature("news.alphamail.example", "x", true)),
                List.of("bounce.betalists.example"),
                List.of(),
                "o1.beta-out.example",
                64501L)
            .orElseThrow();
    assertThat(a.service()).isEqualTo("Alpha ESP");
    assertThat(a.kind()).isEqualTo(Kind.ESP);
    assertThat(a.evidence()).isEqualTo(Basis.DKIM_DOMAIN);
    assertThat(a.matched()).isEqualTo("d=news.alphamail.example");
    assertThat(a.confidence()).isEqualTo(Basis.Confidence.HIGH);
    assertThat(a.docUrl()).hasToString("https://alpha.example/docs");
  }

  @Test
  void then_the_spf_include_then_the_envelope_domain_then_the_ptr() {
    assertThat(
            attribute(
                List.of(),
                List.of("betalists.example"),
                List.of("customer.example", "_spf.alphamail.example"),
                "o1.beta-out.example",
                null))
        .get()
        .extracting(Attribution::service, Attribution::evidence, Attribution::matched)
        .containsExactly("Alpha ESP", Basis.SPF_INCLUDE, "include:_spf.alphamail.example");
    assertThat(
            attribute(
                List.of(), List.of("Bounce.Alpha.Example"), List.of(), "o1.beta-out.example", null))
        .get()
        .extracting(Attribution::service, Attribution::evidence, Attribution::matched)
        .containsExactly("Alpha ESP", Basis.ENVELOPE_DOMAIN, "MAIL FROM bounce.alpha.example");
    assertThat(
            attribute(
                List.of(new Signature("alphamail.example", null, false)),
                List.of("customer.example"),
                List.of(),
                "o1.beta-out.example.",
                null))
        .get()
        .extracting(Attribution::service, Attribution::evidence, Attribution::matched)
        .containsExactly("Beta Lists", Basis.PTR, "PTR o1.beta-out.example");
  }

  @Test
  void a_signature_that_did_not_pass_names_the_service_only_after_the_ptr() {
    Attribution a =
        attribute(
                List.of(new Signature("alphamail.example", "x", false)),
                List.of(),
                List.of(),
                null,
                64501L)
            .orElseThrow();
    assertThat(a.evidence()).isEqualTo(Basis.DKIM_DOMAIN_UNVERIFIED);
    assertThat(a.service()).isEqualTo("Alpha ESP");
    assertThat(a.confidence()).isEqualTo(Basis.Confidence.MEDIUM);
  }

  @Test
  void the_longest_domain_wins_when_one_service_lives_under_anothers_domain() {
    assertThat(
            attribute(
                List.of(new Signature("x.mail.betalists.example", null, true)),
                List.of(),
                List.of(),
                null,
                null))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("Gamma CRM");
    assertThat(
            attribute(
                List.of(new Signature("other.betalists.example", null, true)),
                List.of(),
                List.of(),
                null,
                null))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("Beta Lists");
  }

  @Test
  void a_selector_of_the_customers_own_signature_names_the_one_service_that_uses_it() {
    assertThat(
            attribute(
                List.of(new Signature("customer.example", "AM2", true)),
                List.of("customer.example"),
                List.of(),
                null,
                null))
        .get()
        .extracting(Attribution::service, Attribution::evidence, Attribution::matched)
        .containsExactly("Alpha ESP", Basis.DKIM_SELECTOR, "s=am2 (d=customer.example)");
    // shared1 is a selector of both Beta and Gamma: it names neither.
    assertThat(
            attribute(
                List.of(new Signature("customer.example", "shared1", true)),
                List.of(),
                List.of(),
                null,
                null))
        .isEmpty();
    assertThat(
            attribute(
                List.of(new Signature("customer.example", "shared12", true)),
                List.of(),
                List.of(),
                null,
                null))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("Gamma CRM");
  }

  @Test
  void the_asn_names_a_service_only_when_nothing_else_does() {
    assertThat(
            attribute(
                List.of(new Signature("customer.example", "k", true)),
                List.of("customer.example"),
                List.of(),
                null,
                64501L))
        .get()
        .extracting(Attribution::service, Attribution::evidence, Attribution::confidence)
        .containsExactly("Beta Lists", Basis.ASN, Basis.Confidence.LOW);
  }

  @Test
  void the_customers_own_domain_and_unknown_evidence_name_nothing() {
    assertThat(
            attribute(
                List.of(
                    new Signature("customer.example", "s2048", true),
                    new Signature(null, null, false)),
                List.of("customer.example", ""),
                List.of("_spf.customer.example"),
                "mail.customer.example",
                64999L))
        .isEmpty();
    assertThat(catalogue.attribute(Clues.fromReports(List.of(), List.of()))).isEmpty();
  }

  @Test
  void the_shipped_catalogue_names_the_big_senders_by_their_documented_evidence() {
    Catalogue shipped = Catalogue.load();
    assertThat(
            shipped.attribute(
                Clues.fromReports(List.of(new Signature("sendgrid.net", "s1", true)), List.of())))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("SendGrid (Twilio)");
    assertThat(
            shipped.attribute(
                Clues.fromReports(
                    List.of(new Signature("example.com", "scph0123", true)), List.of())))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("SparkPost (Bird)");
    assertThat(
            shipped.attribute(
                Clues.fromReports(
                    List.of(new Signature("example.com", "20221121103522pm", true)), List.of())))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("Postmark (ActiveCampaign)");
    assertThat(
            shipped.attribute(
                Clues.fromReports(List.of(new Signature("example.com", "k3", true)), List.of())))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("Mailchimp");
    assertThat(
            shipped.attribute(
                new Clues(List.of(), List.of(), List.of("spf.protection.outlook.com"), null, null)))
        .get()
        .extracting(Attribution::service)
        .isEqualTo("Microsoft 365 / Outlook.com");
    assertThat(shipped.byPtr("mail-sor-f41.google.com"))
        .get()
        .extracting(Sender::name)
        .isEqualTo("Google Workspace / Gmail");
  }
}
