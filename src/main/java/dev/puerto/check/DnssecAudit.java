package dev.puerto.check;

import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * DNSSEC as the resolver reports it: the AD bit of its answers for the domain's records (RFC 4035
 * 3.2.3). Nothing is validated here; a resolver that does not validate never sets AD, which the
 * answer for the root zone (signed since 2010) shows, so the domain is then "unknown", not
 * "unsigned".
 */
final class DnssecAudit {
  private final DnsClient dns;

  DnssecAudit(DnsClient dns) {
    this.dns = dns;
  }

  List<CheckItem> audit(String domain) {
    Items dnssec = new Items("DNSSEC");
    // The answers the other checks already got (from the cache): the SPF TXT, DMARC and MX.
    List<DnsAnswer> answers =
        List.of(
            dns.query(domain, Type.TXT),
            dns.query("_dmarc." + domain, Type.TXT),
            dns.query(domain, Type.MX));
    List<DnsAnswer> answered = answers.stream().filter(a -> !a.status().isFailure()).toList();
    if (answered.isEmpty()) {
      return dnssec.list(); // every check already says DNS did not answer
    }
    DnsAnswer root = dns.query(Name.root, Type.NS);
    List<String> signed =
        answered.stream().filter(DnsAnswer::authenticated).map(DnssecAudit::question).toList();
    List<String> unsigned =
        answered.stream().filter(a -> !a.authenticated()).map(DnssecAudit::question).toList();
    if (unsigned.isEmpty()) {
      dnssec.ok(
          "dnssec_signed",
          domain + " is DNSSEC-signed: the resolver validated " + String.join(", ", signed));
    } else if (!root.authenticated()) {
      dnssec.warn(
          "dnssec_unknown",
          "unknown whether "
              + domain
              + " is DNSSEC-signed: the resolver does not validate (no AD bit even for the signed"
              + " root zone)",
          "to know, check through a validating resolver, e.g. --dns-server 9.9.9.9");
    } else if (signed.isEmpty()) {
      dnssec.warn(
          "dnssec_unsigned",
          domain
              + " is not DNSSEC-signed: the validating resolver did not authenticate "
              + String.join(", ", unsigned),
          "sign the zone at your DNS host and publish its DS record at the registrar: it protects"
              + " these records from forgery, and DANE for SMTP needs it");
    } else {
      dnssec.warn(
          "dnssec_partial",
          "the resolver validated "
              + String.join(", ", signed)
              + " but not "
              + String.join(", ", unsigned)
              + ": those are in (or point by CNAME to) an unsigned zone",
          "sign the zone that serves " + String.join(", ", unsigned));
    }
    return dnssec.list();
  }

  private static String question(DnsAnswer answer) {
    return answer.name() + " " + Type.string(answer.type());
  }
}
