package dev.puerto.check;

import dev.puerto.dns.DmarcRecord;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.OrgDomains;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * The DMARC report destinations outside the domain (RFC 7489 7.1): a receiver sends aggregate
 * (rua=) or failure (ruf=) reports to another organizational domain only when that domain publishes
 * {@code DOMAIN._report._dmarc.DESTINATION} TXT "v=DMARC1".
 */
final class ReportDestinationAudit {
  private final DnsClient dns;

  ReportDestinationAudit(DnsClient dns) {
    this.dns = dns;
  }

  /**
   * @param at the domain that published the record (the organizational domain when inherited):
   *     receivers ask the destination about it
   */
  void audit(String at, DmarcRecord record, Items dmarc) {
    // Each destination host once, with the tags that name it.
    Map<String, List<String>> external = new LinkedHashMap<>();
    addExternal(at, "rua=", record.rua(), external);
    addExternal(at, "ruf=", record.ruf(), external);
    external.forEach((host, tags) -> authorized(at, host, String.join(" and ", tags), dmarc));
  }

  private static void addExternal(
      String at, String tag, List<String> uris, Map<String, List<String>> external) {
    String own = OrgDomains.of(at).orElse(at.toLowerCase(Locale.ROOT));
    for (String uri : uris) {
      String host = mailtoHost(uri);
      if (host == null || OrgDomains.of(host).orElse(host).equals(own)) {
        continue;
      }
      List<String> tags = external.computeIfAbsent(host, h -> new ArrayList<>());
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
  }

  /** The domain of {@code mailto:user@host!10m}, lower case; null for anything else. */
  static String mailtoHost(String uri) {
    if (!uri.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
      return null;
    }
    String address = uri.substring("mailto:".length());
    int bang = address.indexOf('!');
    address = bang < 0 ? address : address.substring(0, bang);
    int query = address.indexOf('?');
    address = query < 0 ? address : address.substring(0, query);
    int at = address.lastIndexOf('@');
    String host = at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    return host.isEmpty() ? null : host;
  }

  private void authorized(String at, String host, String tags, Items dmarc) {
    String name = at + "._report._dmarc." + host;
    DnsAnswer answer = dns.query(name, Type.TXT);
    if (answer.status().isFailure()) {
      dmarc.error(
          "dmarc_ext_dns_error",
          tags + " address at " + host + ": " + answer.describe(),
          "check the name servers of " + host);
    } else if (answer.texts().stream().anyMatch(DmarcRecord::isDmarc)) {
      dmarc.ok(
          "dmarc_ext_authorized",
          host + " has authorised reports for " + at + " (" + tags + "; " + name + ")");
    } else {
      dmarc.fail(
          "dmarc_ext_not_authorized",
          host
              + " has not authorised reports for "
              + at
              + ": receivers will not send them ("
              + tags
              + "; no v=DMARC1 record at "
              + name
              + ")",
          "have "
              + host
              + " publish TXT \"v=DMARC1\" at "
              + name
              + ", or send the reports to an address in "
              + at);
    }
  }
}
