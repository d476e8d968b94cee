package dev.puerto.generate;

/** The DMARC record a policy domain publishes, independent of how a reporter echoes it. */
public record DomainPolicy(
    String domain,
    String p,
    String sp,
    String np,
    String adkim,
    String aspf,
    int pct,
    boolean testing) {

  public static DomainPolicy of(String domain, String p) {
    return new DomainPolicy(domain, p, null, null, "r", "r", 100, false);
  }

  /** RFC 7489 reporters echo pct; RFC 9990 reporters np, testing and the discovery method. */
  public PolicyPublished publishedIn(XmlDialect dialect) {
    if (dialect.isDmarcBis()) {
      return new PolicyPublished(
          domain, "treewalk", adkim, aspf, p, sp, np, null, null, testing ? "y" : "n");
    }
    return new PolicyPublished(
        domain, null, adkim, aspf, p, sp == null ? p : sp, null, pct, null, null);
  }

  /** The policy that applies to mail from {@code headerFrom}: sp for subdomains. */
  public String requestedFor(String headerFrom) {
    return headerFrom.equals(domain) || sp == null ? p : sp;
  }
}
