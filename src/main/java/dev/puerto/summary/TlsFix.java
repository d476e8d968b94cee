package dev.puerto.summary;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the postmaster of a domain does about each RFC 8460 result type (section 4.3), in one place.
 * {@code {mx}} stands for the MX the sender tried ("MX mx1.example.com", or "the domain's MX hosts"
 * when it named none), {@code {domain}} for the policy domain and {@code {type}} for the result
 * type as reported.
 */
public enum TlsFix {
  STARTTLS_NOT_SUPPORTED(
      "starttls-not-supported",
      "enable STARTTLS on {mx} (senders saw no STARTTLS in its EHLO reply; check the TLS"
          + " configuration and that no firewall or proxy strips it)"),
  CERTIFICATE_HOST_MISMATCH(
      "certificate-host-mismatch",
      "give {mx} a certificate whose names include the host name in the MX record (and in the"
          + " MTA-STS policy's mx: lines)"),
  CERTIFICATE_EXPIRED(
      "certificate-expired", "renew the certificate of {mx} (it expired); automate renewal"),
  CERTIFICATE_NOT_TRUSTED(
      "certificate-not-trusted",
      "serve on {mx} a certificate from a public CA with its full chain (senders could not build"
          + " a trusted chain; self-signed certificates fail MTA-STS)"),
  VALIDATION_FAILURE(
      "validation-failure",
      "check the certificate and chain {mx} serves: senders could not validate them (the"
          + " report's failure-reason-code says why)"),
  TLSA_INVALID(
      "tlsa-invalid",
      "publish TLSA records at _25._tcp of {mx} that match the certificate or key it serves;"
          + " update them before every certificate or key change"),
  DNSSEC_INVALID(
      "dnssec-invalid",
      "fix DNSSEC for {domain} and the zone of {mx}: senders got answers that did not validate"
          + " (check the DS records and that signatures have not expired)"),
  DANE_REQUIRED(
      "dane-required",
      "publish DNSSEC-signed TLSA records for {mx}: senders require DANE and found none that"
          + " validated"),
  STS_POLICY_FETCH_ERROR(
      "sts-policy-fetch-error",
      "https://mta-sts.{domain}/.well-known/mta-sts.txt could not be fetched: check the web"
          + " server and its certificate"),
  STS_POLICY_INVALID(
      "sts-policy-invalid",
      "https://mta-sts.{domain}/.well-known/mta-sts.txt is not a valid policy: check its"
          + " version, mode, mx and max_age lines, and the _mta-sts.{domain} TXT record"),
  STS_WEBPKI_INVALID(
      "sts-webpki-invalid",
      "give mta-sts.{domain} a web certificate from a public CA, valid for that name, with its"
          + " full chain: senders could not authenticate the MTA-STS policy"),
  OTHER(
      null,
      "look up the result type {type} in the reporter's documentation (and the report's"
          + " failure-reason-code), then check TLS on {mx}");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(mx|domain|type)}");

  private final String resultType;
  private final String template;

  TlsFix(String resultType, String template) {
    this.resultType = resultType;
    this.template = template;
  }

  /** The fix for a result type as reported (lower case); {@link #OTHER} for one RFC 8460 lacks. */
  public static TlsFix of(String resultType) {
    return Arrays.stream(values())
        .filter(f -> f.resultType != null && f.resultType.equals(resultType))
        .findFirst()
        .orElse(OTHER);
  }

  /** The action for the postmaster of {@code domain}; {@code mx} may be null. */
  public String action(String domain, String reportedType, String mx) {
    Map<String, String> values =
        Map.of(
            "mx", mx == null ? "the domain's MX hosts" : "MX " + mx,
            "domain", domain,
            "type", reportedType);
    // One pass: a reported MX name or type that looks like a placeholder stays as sent.
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
  }
}
