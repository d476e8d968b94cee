package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainSyntaxTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "example.com | example.com",
        "  Example.COM.  | example.com",
        "mail-1.sub.example.co.uk | mail-1.sub.example.co.uk",
        "xn--bcher-kva.example | xn--bcher-kva.example",
        "123.example | 123.example"
      })
  void domains_are_lower_case_without_the_trailing_dot(String typed, String ascii) {
    DomainSyntax.Domain domain = DomainSyntax.parse(typed);
    assertThat(domain.ascii()).isEqualTo(ascii);
    assertThat(domain.typed()).isNull();
  }

  @Test
  void u_labels_become_a_labels_and_the_typed_name_is_kept_for_messages() {
    assertThat(DomainSyntax.parse("Bücher.example"))
        .isEqualTo(new DomainSyntax.Domain("xn--bcher-kva.example", "Bücher.example"));
    // Ideographic full stops separate labels too.
    assertThat(DomainSyntax.parse("例え。テスト").ascii()).isEqualTo("xn--r8jz45g.xn--zckzah");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | the domain is empty",
        "'   ' | the domain is empty",
        "example..com | \"example..com\" has an empty label",
        ".example.com | has an empty label",
        "exa mple.com | \"exa mple.com\" contains \" \": a domain has letters, digits, hyphens and"
            + " dots only",
        "ex_ample.com | contains \"_\"",
        "example.com; rm -rf | contains \";\"",
        "-example.com | the label \"-example\" begins or ends with a hyphen",
        "example- .com | contains \" \"",
        "localhost | \"localhost\" has no dot: give the whole domain, such as localhost.com",
        "example.123 | ends in an all-digit label",
        "192.0.2.1 | \"192.0.2.1\" is an IP address, not a domain: give the domain, and the IP"
            + " with --ip 192.0.2.1",
        "2001:db8:0:0:0:0:0:1 | is an IP address, not a domain: give the domain, and the IP with"
            + " --ip 2001:db8::1",
        "[2001:db8::1] | is an IP address",
        "https://www.Example.com/dmarc?x=1 | \"https://www.Example.com/dmarc?x=1\" is a URL, not a"
            + " domain; did you mean www.example.com?",
        "http://user@example.com:8080/ | is a URL, not a domain; did you mean example.com?",
        "example.com/ | is a URL, not a domain; did you mean example.com?",
        "http://192.0.2.1/ | \"http://192.0.2.1/\" is a URL with an IP address, not a domain",
        "postmaster@example.com | \"postmaster@example.com\" is an e-mail address, not a domain;"
            + " did you mean example.com?",
        "mailto:dmarc@Example.org | is an e-mail address, not a domain; did you mean example.org?",
        "_dmarc.example.com | \"_dmarc.example.com\" is the name of a DMARC record, not a domain;"
            + " did you mean example.com?",
        "s1._domainkey.example.com | is the name of a DKIM key, not a domain; did you mean"
            + " example.com --selector s1?",
        "example.com:25 | is a host and port, not a domain; did you mean example.com?",
        "faß.de | contains \"ß\", which IDNA 2003 and 2008 convert differently: give the A-label",
      })
  void mistakes_are_named_in_one_line(String typed, String message) {
    assertThatThrownBy(() -> DomainSyntax.parse(typed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void labels_are_at_most_63_octets_and_names_at_most_253() {
    String label63 = "a".repeat(63);
    assertThat(DomainSyntax.parse(label63 + ".example").ascii()).startsWith(label63);
    assertThatThrownBy(() -> DomainSyntax.parse("a".repeat(64) + ".example"))
        .hasMessageContaining("is 64 characters long; DNS allows 63");

    String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
    assertThat(name253).hasSize(253);
    assertThat(DomainSyntax.parse(name253).ascii()).isEqualTo(name253);
    assertThatThrownBy(() -> DomainSyntax.parse(name253 + "a"))
        .hasMessage("the domain is 254 characters long; DNS allows 253");
    // The limits apply to the A-labels, which are longer than the U-labels.
    assertThatThrownBy(() -> DomainSyntax.parse("ü".repeat(60) + ".example"))
        .hasMessageContaining("characters as an A-label; DNS allows 63");
  }
}
