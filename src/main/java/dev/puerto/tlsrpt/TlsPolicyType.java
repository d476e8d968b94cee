package dev.puerto.tlsrpt;

/** RFC 8460 section 4.3 {@code policy-type}: what the sender found and applied. */
public enum TlsPolicyType {
  /** An MTA-STS policy (RFC 8461). */
  STS("sts"),
  /** DANE TLSA records (RFC 7672). */
  TLSA("tlsa"),
  /** Neither: the sender tried opportunistic TLS. */
  NO_POLICY_FOUND("no-policy-found");

  private final String value;

  TlsPolicyType(String value) {
    this.value = value;
  }

  /** The value as RFC 8460 spells it and the database stores it. */
  public String value() {
    return value;
  }
}
