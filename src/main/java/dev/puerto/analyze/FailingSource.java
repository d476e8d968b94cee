package dev.puerto.analyze;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * What the reports say about one (policy domain, source IP) that failed DMARC in the window.
 *
 * @param envelopeDomains RFC5321.MailFrom domains seen (SPF auth result domains when absent)
 * @param dkim DKIM results the receivers saw
 * @param spf SPF results the receivers saw
 * @param overrideReasons policy override reason types (forwarded, mailing_list, ...)
 */
record FailingSource(
    String policyDomain,
    InetAddress ip,
    long messages,
    List<String> envelopeDomains,
    List<AuthResult> dkim,
    List<AuthResult> spf,
    Set<String> overrideReasons) {
  /** A DKIM (with selector) or SPF (selector null) result as reported. */
  record AuthResult(String domain, String selector, String result) {
    boolean passed() {
      return "pass".equalsIgnoreCase(result);
    }
  }
}
