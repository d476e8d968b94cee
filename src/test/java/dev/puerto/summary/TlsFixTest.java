package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the summary tells a postmaster to do about each RFC 8460 result type. */
class TlsFixTest {
  private static final Messages EN = Messages.of(Lang.EN);

  private static final List<String> RFC_8460_TYPES =
      List.of(
          "starttls-not-supported",
          "certificate-host-mismatch",
          "certificate-expired",
          "certificate-not-trusted",
          "validation-failure",
          "tlsa-invalid",
          "dnssec-invalid",
          "dane-required",
          "sts-policy-fetch-error",
          "sts-policy-invalid",
          "sts-webpki-invalid");

  @Test
  void every_result_type_of_rfc_8460_has_its_own_fix_and_others_the_default() {
    assertThat(RFC_8460_TYPES.stream().map(TlsFix::of).distinct())
        .hasSize(RFC_8460_TYPES.size())
        .doesNotContain(TlsFix.OTHER);
    assertThat(TlsFix.of("x-new-kind")).isEqualTo(TlsFix.OTHER);
    assertThat(TlsFix.of("x-new-kind").action(EN, "example.com", "x-new-kind", "mx1.example.com"))
        .isEqualTo(
            "look up the result type x-new-kind in the reporter's documentation (and the report's"
                + " failure-reason-code), then check TLS on MX mx1.example.com");
  }

  @Test
  void fixes_name_the_mx_or_the_domain_as_the_postmaster_acts_on_them() {
    assertThat(TlsFix.of("certificate-expired").action(EN, "example.com", "", "mx1.example.com"))
        .isEqualTo("renew the certificate of MX mx1.example.com (it expired); automate renewal");
    assertThat(TlsFix.of("certificate-expired").action(EN, "example.com", "", null))
        .startsWith("renew the certificate of the domain's MX hosts");
    assertThat(TlsFix.of("sts-policy-fetch-error").action(EN, "example.com", "", null))
        .isEqualTo(
            "https://mta-sts.example.com/.well-known/mta-sts.txt could not be fetched: check the"
                + " web server and its certificate");
  }

  @Test
  void a_reported_mx_that_looks_like_a_placeholder_is_kept_as_sent() {
    assertThat(TlsFix.of("x").action(EN, "example.com", "{mx}", "{domain}"))
        .contains("result type {mx} in")
        .endsWith("check TLS on MX {domain}");
  }
}
