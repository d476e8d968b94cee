package dev.puerto.unpack;

/** What a document found in an input is, as its container and first bytes tell. */
public enum DocumentKind {
  /** A DMARC aggregate report: XML with a {@code feedback} root. */
  AGGREGATE_REPORT,
  /**
   * A DMARC failure report or another ARF feedback report: the whole e-mail that carries it, since
   * its fields are spread over several MIME parts.
   */
  FAILURE_REPORT,
  /** An SMTP TLS report (RFC 8460): JSON. */
  TLS_REPORT
}
