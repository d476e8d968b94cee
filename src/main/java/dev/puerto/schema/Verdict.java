package dev.puerto.schema;

/**
 * Why a source failed DMARC, as the analyzer judged it; {@code findings.verdict} holds it (as its
 * lower-case name, see {@link ColumnValues}).
 */
public enum Verdict implements ColumnValue {
  /** SPF for the policy domain passes for the IP now: fixed after the reports were sent. */
  FIXED_SINCE_REPORT,
  /** SPF or DKIM passes for another domain (an ESP's): legitimate, not aligned. */
  LEGITIMATE_NOT_ALIGNED,
  /** A forwarder or mailing list passed the mail on. */
  FORWARDED,
  /** A DKIM key the reports name is missing, revoked or broken. */
  DKIM_KEY_PROBLEM,
  /** Nothing passes and the sender is unknown: likely spoofing. */
  UNAUTHORIZED,
  /** A DNS timeout or SERVFAIL kept the analyzer from deciding. */
  DNS_ERROR
}
