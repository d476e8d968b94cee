package dev.puerto.dns;

/** How a DNS question ended; each is a different verdict for the analyzer. */
public enum DnsStatus {
  /** Records of the asked type exist. */
  OK,
  /** The name does not exist (RCODE 3). */
  NXDOMAIN,
  /** The name exists but has no records of the asked type. */
  NODATA,
  /** The resolver answered SERVFAIL (often a broken or DNSSEC-bogus zone). */
  SERVFAIL,
  /** The resolver refused the question (RCODE 5): it will not resolve for us. */
  REFUSED,
  /** Another error RCODE, such as NOTIMP or FORMERR. */
  ERROR,
  /** No answer within the timeout, after every retry. */
  TIMEOUT;

  /** NXDOMAIN or NODATA: the DNS answered, with nothing (a "void lookup" in SPF terms). */
  public boolean isEmpty() {
    return this == NXDOMAIN || this == NODATA;
  }

  /** The DNS could not say: SERVFAIL, a refusal, another error, or a timeout. */
  public boolean isFailure() {
    return this == SERVFAIL || this == REFUSED || this == ERROR || this == TIMEOUT;
  }
}
