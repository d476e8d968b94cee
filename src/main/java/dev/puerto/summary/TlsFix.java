package dev.puerto.summary;

import dev.puerto.i18n.Messages;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the postmaster of a domain does about each RFC 8460 result type (section 4.3), in one place:
 * the sentence {@code summary.tlsFix.<name>} of the bundle, where {@code {0}} stands for the MX the
 * sender tried ("MX mx1.example.com", or "the domain's MX hosts" when it named none), {@code {1}}
 * for the policy domain and {@code {2}} for the result type as reported.
 */
public enum TlsFix {
  STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
  CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
  CERTIFICATE_EXPIRED("certificate-expired"),
  CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
  VALIDATION_FAILURE("validation-failure"),
  TLSA_INVALID("tlsa-invalid"),
  DNSSEC_INVALID("dnssec-invalid"),
  DANE_REQUIRED("dane-required"),
  STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
  STS_POLICY_INVALID("sts-policy-invalid"),
  STS_WEBPKI_INVALID("sts-webpki-invalid"),
  OTHER(null);

  private final String resultType;

  TlsFix(String resultType) {
    this.resultType = resultType;
  }

  /** The fix for a result type as reported (lower case); {@link #OTHER} for one RFC 8460 lacks. */
  public static TlsFix of(String resultType) {
    return Arrays.stream(values())
        .filter(f -> f.resultType != null && f.resultType.equals(resultType))
        .findFirst()
        .orElse(OTHER);
  }

  /**
   * The action for the postmaster of {@code domain}, in {@code m}'s language; {@code mx} may be
   * null.
   */
  public String action(Messages m, String domain, String reportedType, String mx) {
    // MessageFormat reads only the pattern: a reported MX or type that looks like one stays as
    // sent.
    return m.text(
        "summary.tlsFix." + name().toLowerCase(Locale.ROOT),
        mx == null ? m.text("summary.tlsFix.anyMx") : m.text("summary.tlsFix.mx", mx),
        domain,
        reportedType);
  }
}
