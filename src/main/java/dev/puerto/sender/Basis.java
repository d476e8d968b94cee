package dev.puerto.sender;

/** The evidence an attribution rests on, in the order the matcher tries it: most specific first. */
public enum Basis {
  /** A passing DKIM signature whose d= is one of the service's domains (or under one). */
  DKIM_DOMAIN(Confidence.HIGH),
  /** The SPF include that authorized the source belongs to the service. */
  SPF_INCLUDE(Confidence.HIGH),
  /** The envelope (return-path) domain is one of the service's, usually its bounce domain. */
  ENVELOPE_DOMAIN(Confidence.HIGH),
  /** The source's forward-confirmed PTR name is under the service's base domain. */
  PTR(Confidence.HIGH),
  /** A DKIM signature that did not pass, whose d= is one of the service's domains. */
  DKIM_DOMAIN_UNVERIFIED(Confidence.MEDIUM),
  /** The selector of a signature with the customer's domain is one the service's setup creates. */
  DKIM_SELECTOR(Confidence.MEDIUM),
  /** The source's network is one the service announces. */
  ASN(Confidence.LOW);

  /** How far an attribution on this evidence can be trusted. */
  public enum Confidence {
    HIGH,
    MEDIUM,
    LOW
  }

  private final Confidence confidence;

  Basis(Confidence confidence) {
    this.confidence = confidence;
  }

  public Confidence confidence() {
    return confidence;
  }
}
