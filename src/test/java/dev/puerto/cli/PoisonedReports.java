package dev.puerto.cli;

/**
 * Reports whose reporter-controlled text carries terminal control sequences: ESC sequences that set
 * the window title and clear the screen, BEL, a C1 CSI (U+009B) and a right-to-left override
 * (U+202E). XML 1.0 cannot carry ESC, BEL or C1 characters at all; XML 1.1 can, as character
 * references, and Puerto's parser reads both.
 */
final class PoisonedReports {
  /** The text each poisoned value ends with, as stored. */
  static final String POISON = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil";

  /** {@link #POISON} in XML 1.1. */
  private static final String POISON_XML = "&#x1b;]0;pwned&#x7;&#x1b;[2J&#x9b;31m\u202eevil";

  /** The stored org name of {@link #report}. */
  static final String ORG_NAME = "Evil Org" + POISON;

  private PoisonedReports() {}

  /** An aggregate report whose org name and report id are poisoned. */
  static String report(String reportId) {
    return document("Evil Org" + POISON_XML, reportId + POISON_XML, "198.51.100.7");
  }

  /** A report that is rejected with a reason quoting its poisoned source IP. */
  static String rejected(String reportId) {
    return document("Evil Org", reportId, "198.51.100." + POISON_XML);
  }

  /** The stored report id of {@code report(reportId)}. */
  static String storedReportId(String reportId) {
    return reportId + POISON;
  }

  private static String document(String orgName, String reportId, String sourceIp) {
    return """
        <?xml version="1.1"?>
        <feedback>
          <report_metadata><org_name>%s</org_name><email>dmarc@evil.example</email>
            <report_id>%s</report_id>
            <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
          </report_metadata>
          <policy_published><domain>example.org</domain><p>reject</p></policy_published>
          <record><row><source_ip>%s</source_ip><count>3</count>
            <policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf>
            </policy_evaluated></row>
            <identifiers><header_from>example.org</header_from></identifiers>
            <auth_results><spf><domain>example.org</domain><result>fail</result></spf></auth_results>
          </record>
        </feedback>
        """
        .formatted(orgName, reportId, sourceIp);
  }

  /** {@code text} as a PostgreSQL escape string literal, control characters as \\uXXXX. */
  static String sqlLiteral(String text) {
    StringBuilder literal = new StringBuilder("U&'");
    text.chars()
        .forEach(
            c -> {
              if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c > 0x7e || c == '\'' || c == '\\') {
                literal.append(String.format("\\%04x", c));
              } else {
                literal.append((char) c);
              }
            });
    return literal.append("'").toString();
  }

  /** True when {@code text} holds a character no terminal should receive raw. */
  static boolean hasRawControls(String text) {
    return text.chars()
        .anyMatch(
            c ->
                (c < 0x20 && c != '\n' && c != '\t')
                    || (c >= 0x7f && c <= 0x9f)
                    || c == 0x202e
                    || c == 0x200f);
  }
}
