package dev.puerto.parse;

import dev.puerto.parse.xml.PolicyPublishedType;

/** Validates and normalises {@code policy_published}. */
final class PolicyMapper {
  private PolicyMapper() {}

  static PolicyPublished map(PolicyPublishedType xml) {
    String domain = Values.domain(xml.getDomain(), "<policy_published>/<domain>");
    if (Values.isBlank(domain)) {
      throw new InvalidReportException(
          "<policy_published> has " + (domain == null ? "no <domain>" : "an empty <domain>"));
    }
    return new PolicyPublished(
        domain,
        Values.keyword(xml.getAdkim(), "<adkim>"),
        Values.keyword(xml.getAspf(), "<aspf>"),
        Values.keyword(xml.getP(), "<p>"),
        Values.keyword(xml.getSp(), "<sp>"),
        percent(xml.getPct()),
        Values.keyword(xml.getNp(), "<np>"),
        Values.atMost(Values.text(xml.getFo()), Values.MAX_KEYWORD_OCTETS, "<fo>"),
        Values.keyword(xml.getTesting(), "<testing>"),
        Values.keyword(xml.getDiscoveryMethod(), "<discovery_method>"));
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
