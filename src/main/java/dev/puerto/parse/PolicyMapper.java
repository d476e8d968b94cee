package dev.puerto.parse;

import dev.puerto.parse.xml.PolicyPublishedType;

/** Validates and normalises {@code policy_published}. */
final class PolicyMapper {
  private PolicyMapper() {}

  static PolicyPublished map(PolicyPublishedType xml) {
    String domain = Values.domain(xml.getDomain());
    if (Values.isBlank(domain)) {
      throw new InvalidReportException(
          "<policy_published> has " + (domain == null ? "no <domain>" : "an empty <domain>"));
    }
    return new PolicyPublished(
        domain,
        Values.keyword(xml.getAdkim()),
        Values.keyword(xml.getAspf()),
        Values.keyword(xml.getP()),
        Values.keyword(xml.getSp()),
        percent(xml.getPct()),
        Values.keyword(xml.getNp()),
        Values.text(xml.getFo()),
        Values.keyword(xml.getTesting()),
        Values.keyword(xml.getDiscoveryMethod()));
  }

  private static Integer percent(String raw) {
    String pct = Values.text(raw);
    if (Values.isBlank(pct)) {
      return null;
    }
    if (!pct.matches("[0-9]{1,9}")) {
      throw new InvalidReportException(
          "<policy_published>/<pct> is not an integer: \"" + pct + "\"");
    }
    return Integer.valueOf(pct);
  }
}
