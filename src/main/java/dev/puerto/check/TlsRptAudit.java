package dev.puerto.check;

import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.TagList;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * The TLS-RPT checks (RFC 8460): one {@code _smtp._tls} record, its syntax and where it reports.
 */
final class TlsRptAudit {
  private final DnsClient dns;

  TlsRptAudit(DnsClient dns) {
    this.dns = dns;
  }

  List<CheckItem> audit(String domain, MailHosts mail) {
    Items rpt = new Items("TLS-RPT");
    String name = "_smtp._tls." + domain;
    DnsAnswer answer = dns.query(name, Type.TXT);
    if (answer.status().isFailure()) {
      rpt.error("tlsrpt_dns_error", answer.describe(), "check the name servers of " + domain);
      return rpt.list();
    }
    // RFC 8460 3: records not beginning with v=TLSRPTv1 are ignored.
    List<String> records = answer.texts().stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
    String publish = "publish TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@" + domain + "\" at " + name;
    if (records.isEmpty()) {
      String noMail = mail.noMail();
      if (noMail != null) {
        rpt.ok("tlsrpt_not_needed", "no TLS-RPT record; none needed: " + noMail);
      } else {
        int others = answer.texts().size();
        rpt.warn(
            "tlsrpt_missing",
            "no TLS-RPT record at "
                + name
                + (others == 0
                    ? ""
                    : " (" + others + " TXT record(s) not beginning with v=TLSRPTv1)")
                + ": nobody receives SMTP TLS reports",
            publish);
      }
    } else if (records.size() > 1) {
      rpt.fail(
          "tlsrpt_multiple",
          name + " has " + records.size() + " v=TLSRPTv1 records: senders send no reports",
          "keep exactly one");
    } else {
      List<String> rua = new ArrayList<>();
      List<String> problems = problems(records.get(0), rua);
      if (problems.isEmpty()) {
        rpt.ok("tlsrpt_ok", "TLS reports go to " + String.join(", ", rua));
      } else {
        rpt.fail(
            "tlsrpt_syntax",
            "\""
                + records.get(0)
                + "\": "
                + String.join("; ", problems)
                + ": senders send no reports",
            "correct the record, e.g. " + publish);
      }
    }
    return rpt.list();
  }

  /** RFC 8460 3: v=TLSRPTv1 first, then rua= with mailto: or https: URIs, comma-separated. */
  static List<String> problems(String text, List<String> rua) {
    List<String> problems = new ArrayList<>();
    String value = TagList.parseVersioned(text, "TLSRPTv1", problems).get("rua");
    if (value == null || value.isEmpty()) {
      problems.add("rua= is missing");
      return problems;
    }
    for (String uri : Arrays.stream(value.split(",")).map(String::strip).toList()) {
      rua.add(uri);
      if (!usable(uri)) {
        problems.add("rua address '" + uri + "' is not a mailto: or https: URI");
      }
    }
    return problems;
  }

  private static boolean usable(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mailto:")) {
      int at = uri.indexOf('@');
      return at > "mailto:".length() && at < uri.length() - 1;
    }
    if (!lower.startsWith("https://")) {
      return false;
    }
    try {
      return new URI(uri).getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
