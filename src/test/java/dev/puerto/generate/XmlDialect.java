package dev.puerto.generate;

/** Which report format and root namespace a reporter uses. */
public enum XmlDialect {
  /** RFC 7489 Appendix C as nearly everyone sends it: no namespace at all. */
  RFC7489(null),
  /** RFC 7489 with its schema's namespace declared, as a few generators do. */
  DMARC_XML_01("http://dmarc.org/dmarc-xml/0.1"),
  /** RFC 9990 (DMARCbis): qualified elements, np/testing/discovery_method, no pct. */
  RFC9990("urn:ietf:params:xml:ns:dmarc-2.0");

  private final String namespaceUri;

  XmlDialect(String namespaceUri) {
    this.namespaceUri = namespaceUri;
  }

  /** Null for the namespace-less dialect. */
  public String namespaceUri() {
    return namespaceUri;
  }

  public boolean isDmarcBis() {
    return this == RFC9990;
  }
}
