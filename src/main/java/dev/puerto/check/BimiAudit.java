package dev.puerto.check;

import dev.puerto.dns.DmarcRecord;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import dev.puerto.dns.TagList;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * The BIMI checks (draft-brand-indicators-for-message-identification): the {@code
 * default._bimi.DOMAIN} record, its logo (l=, an SVG over HTTPS) and certificate (a=, a VMC or CMC
 * over HTTPS), and the DMARC enforcement without which receivers show no logo. Neither file is
 * fetched: only the record is judged.
 */
final class BimiAudit {
  private final DnsClient dns;
  private final PolicyRecords policies;

  BimiAudit(DnsClient dns, PolicyRecords policies) {
    this.dns = dns;
    this.policies = policies;
  }

  List<CheckItem> audit(String domain) {
    Items bimi = new Items("BIMI");
    String name = "default._bimi." + domain;
    DnsAnswer answer = dns.query(name, Type.TXT);
    if (answer.status().isFailure()) {
      bimi.error("bimi_dns_error", answer.describe(), "check the name servers of " + domain);
      return bimi.list();
    }
    List<String> records =
        answer.texts().stream()
            .filter(t -> t.replace(" ", "").regionMatches(true, 0, "v=BIMI1", 0, 7))
            .toList();
    if (records.isEmpty()) {
      bimi.ok(
          "bimi_none",
          "no BIMI record at "
              + name
              + " (optional: it shows your logo in inboxes that support it, and needs DMARC at"
              + " p=quarantine or p=reject applied to all mail)");
      return bimi.list();
    }
    if (records.size() > 1) {
      bimi.fail(
          "bimi_multiple",
          name + " has " + records.size() + " v=BIMI1 records: receivers show no logo",
          "keep exactly one");
      return bimi.list();
    }
    record(domain, name, records.get(0), bimi);
    return bimi.list();
  }

  private void record(String domain, String name, String text, Items bimi) {
    List<String> problems = new ArrayList<>();
    Map<String, String> tags = TagList.parseVersioned(text, "BIMI1", problems);
    String logo = tags.getOrDefault("l", "");
    String certificate = tags.getOrDefault("a", "");
    if (!problems.isEmpty()) {
      bimi.fail(
          "bimi_syntax",
          "\"" + text + "\": " + String.join("; ", problems),
          "correct the record at "
              + name
              + ", e.g. \"v=BIMI1; l=https://.../logo.svg; a=https://.../vmc.pem\"");
      return;
    }
    if (logo.isEmpty() && certificate.isEmpty()) {
      bimi.ok("bimi_declined", name + ": empty l= and a=: " + domain + " declines to show a logo");
      return;
    }
    // & rather than &&: both URLs are judged, so both problems are told at once.
    boolean usable =
        https("l=", logo, "the SVG logo", bimi) & https("a=", certificate, "the certificate", bimi);
    if (usable) {
      if (!logo.toLowerCase(Locale.ROOT).endsWith(".svg")) {
        bimi.warn(
            "bimi_not_svg",
            "l=" + logo + " does not name an .svg file: the logo must be SVG Tiny PS",
            "publish the logo as SVG Tiny Portable/Secure and point l= at it");
      }
      if (certificate.isEmpty()) {
        bimi.warn(
            "bimi_no_certificate",
            "no a=: without a Verified Mark Certificate (or Common Mark Certificate) Gmail and"
                + " Apple Mail show no logo",
            "obtain a VMC or CMC for the logo and add a=https://.../certificate.pem");
      } else {
        bimi.ok("bimi_ok", "logo " + logo + ", certificate " + certificate);
      }
    }
    enforced(domain, bimi);
  }

  /** Both must be https: URLs; an empty a= is allowed (no certificate). */
  private static boolean https(String tag, String value, String what, Items bimi) {
    if (value.isEmpty() && tag.equals("a=")) {
      return true;
    }
    boolean ok;
    try {
      URI uri = new URI(value);
      ok = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      ok = false;
    }
    if (!ok) {
      bimi.fail(
          "bimi_not_https",
          tag
              + (value.isEmpty() ? " is empty" : value + " is not an https: URL")
              + ": receivers fetch "
              + what
              + " only over HTTPS",
          "point " + tag + " at an https:// URL");
    }
    return ok;
  }

  /**
   * BIMI needs DMARC enforcement: p=quarantine or p=reject (sp= not none) applied to all failing
   * mail, so no pct below 100 and, under DMARCbis, no t=y.
   */
  private void enforced(String domain, Items bimi) {
    DmarcLookup lookup = policies.dmarc(domain);
    DmarcRecord record = lookup.record();
    List<String> missing = new ArrayList<>();
    if (lookup.status() != DmarcLookup.Status.FOUND || record == null || record.p() == null) {
      missing.add("no usable DMARC record");
    } else {
      if (record.p().equals("none")) {
        missing.add("p=none");
      }
      if ("none".equals(record.sp())) {
        missing.add("sp=none");
      }
      if (record.pct() < 100) {
        missing.add("pct=" + record.pct());
      }
      if (record.testing()) {
        missing.add("t=y");
      }
    }
    if (lookup.status() == DmarcLookup.Status.DNS_ERROR) {
      return; // the DMARC checks already say so
    }
    if (!missing.isEmpty()) {
      bimi.fail(
          "bimi_dmarc_not_enforced",
          "BIMI is published but receivers show no logo: DMARC has " + String.join(", ", missing),
          "move DMARC to p=quarantine or p=reject for all mail (no pct below 100, no t=y,"
              + " no sp=none) once the reports show legitimate mail passing");
    }
  }
}
