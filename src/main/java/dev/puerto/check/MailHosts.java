package dev.puerto.check;

import dev.puerto.dns.DnsAnswer;
import java.util.List;

/** A domain's MX answer, as the MTA-STS and TLS-RPT audits need it. */
record MailHosts(String domain, DnsAnswer answer) {
  boolean nullMx() {
    return answer.targets().equals(List.of(""));
  }

  /** The hosts senders deliver to; empty for a null MX, no MX, or a DNS failure. */
  List<String> hosts() {
    return nullMx() ? List.of() : answer.targets();
  }

  /**
   * Why MTA-STS and TLS-RPT are not needed (null MX, or no MX at all), else null: the domain
   * receives mail, or may (DNS did not say), so their absence is worth a warning.
   */
  String noMail() {
    if (answer.status().isEmpty()) {
      return domain + " has no MX record";
    }
    return nullMx() ? "null MX: " + domain + " receives no mail" : null;
  }
}
