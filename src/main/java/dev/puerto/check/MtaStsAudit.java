package dev.puerto.check;

import dev.puerto.check.MtaStsFetcher.Fetched;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.TagList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/**
 * The MTA-STS checks (RFC 8461): one {@code _mta-sts} record, then the policy file fetched as a
 * sender fetches it, its syntax and mode, and that it names every MX.
 */
final class MtaStsAudit {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
  private static final long DAY = 86_400;

  private final DnsClient dns;
  private final MtaStsFetcher fetcher;

  MtaStsAudit(DnsClient dns, MtaStsFetcher fetcher) {
    this.dns = dns;
    this.fetcher = fetcher;
  }

  List<CheckItem> audit(String domain, MailHosts mail) {
    Items sts = new Items("MTA-STS");
    String name = "_mta-sts." + domain;
    if (record(domain, name, mail, sts) && hostResolves(domain, sts)) {
      Fetched fetched = fetcher.fetch(domain);
      if (fetched(fetched, domain, sts)) {
        policy(name, MtaStsPolicy.parse(fetched.body()), fetched, mail, sts);
      }
    }
    return sts.list();
  }

  /** False when senders would look no further: DNS failed, or no one valid record. */
  private boolean record(String domain, String name, MailHosts mail, Items sts) {
    DnsAnswer answer = dns.query(name, Type.TXT);
    if (answer.status().isFailure()) {
      sts.error("mta_sts_dns_error", answer.describe(), "check the name servers of " + domain);
      return false;
    }
    // RFC 8461 3.1: records not beginning with v=STSv1 are discarded.
    List<String> records = answer.texts().stream().filter(t -> t.startsWith("v=STSv1")).toList();
    if (records.isEmpty()) {
      String noMail = mail.noMail();
      if (noMail != null) {
        sts.ok("mta_sts_not_needed", "no MTA-STS record; none needed: " + noMail);
      } else {
        sts.warn(
            "mta_sts_missing",
            "no MTA-STS: senders may deliver without TLS (no record at " + name + ")",
            "serve a policy file (mode: testing at first) at "
                + MtaStsFetcher.policyUri(domain)
                + " and publish TXT \"v=STSv1; id=20250101000000\" at "
                + name);
      }
      return false;
    }
    if (records.size() > 1) {
      sts.fail(
          "mta_sts_multiple",
          name + " has " + records.size() + " v=STSv1 records: senders apply no policy",
          "keep exactly one");
      return false;
    }
    List<String> problems = recordProblems(records.get(0));
    if (!problems.isEmpty()) {
      sts.fail(
          "mta_sts_syntax",
          "\""
              + records.get(0)
              + "\": "
              + String.join("; ", problems)
              + ": senders apply no policy",
          "publish TXT \"v=STSv1; id=20250101000000\" at "
              + name
              + " (id: 1 to 32 letters or digits)");
      return false;
    }
    return true;
  }

  /** Senders connect to mta-sts.DOMAIN: without an address there is no policy to fetch. */
  private boolean hostResolves(String domain, Items sts) {
    String host = "mta-sts." + domain;
    DnsAnswer a = dns.query(host, Type.A);
    DnsAnswer aaaa = dns.query(host, Type.AAAA);
    if (!a.records().isEmpty() || !aaaa.records().isEmpty()) {
      return true;
    }
    DnsAnswer failed = a.status().isFailure() ? a : aaaa.status().isFailure() ? aaaa : null;
    if (failed != null) {
      sts.error("mta_sts_host_dns_error", failed.describe(), "check the name servers of " + domain);
    } else {
      sts.fail(
          "mta_sts_host_missing",
          host + " has no A or AAAA record: senders cannot fetch the policy, so apply none",
          "point " + host + " at the web server that serves " + MtaStsFetcher.policyUri(domain));
    }
    return false;
  }

  /** False when there is no policy to judge; each failure says what a sender does then. */
  private boolean fetched(Fetched fetched, String domain, Items sts) {
    String uri = fetched.uri().toString();
    String serve = "serve the policy file at " + uri + " with status 200";
    switch (fetched.outcome()) {
      case OK -> {
        return true;
      }
      case STATUS -> {
        if (fetched.redirect() != null) {
          sts.fail(
              "mta_sts_redirect",
              uri
                  + " answered "
                  + fetched.status()
                  + ", a redirect to "
                  + fetched.redirect()
                  + ": senders follow no redirect (RFC 8461 3.3), so apply no policy",
              serve + " itself, not by a redirect");
        } else {
          sts.fail(
              "mta_sts_http_status",
              uri + " answered HTTP " + fetched.status() + ": senders apply no policy",
              serve);
        }
      }
      case TOO_LARGE ->
          sts.fail(
              "mta_sts_too_large",
              uri
                  + ": policy file larger than "
                  + MtaStsFetcher.BODY_LIMIT / 1024
                  + " KiB (RFC 8461 3.3 limit): senders may not read it",
              "keep the policy file to its version, mode, mx and max_age lines");
      case CERTIFICATE ->
          sts.fail(
              "mta_sts_certificate",
              uri + ": certificate not accepted: " + fetched.detail(),
              "serve a certificate valid for mta-sts."
                  + domain
                  + " from a public CA, with its full chain (RFC 8461 3.3: senders validate it)");
      case TLS ->
          sts.fail(
              "mta_sts_tls",
              uri + ": TLS handshake failed: " + fetched.detail(),
              "serve HTTPS with TLS 1.2 or later and a certificate for mta-sts." + domain);
      case TIMEOUT ->
          sts.error(
              "mta_sts_timeout",
              uri + ": no answer within " + fetcher.timeout().toMillis() + " ms (puerto's timeout)",
              "make sure mta-sts." + domain + " answers HTTPS on port 443 from the Internet");
      case UNREACHABLE ->
          sts.error(
              "mta_sts_unreachable",
              uri + ": cannot fetch: " + fetched.detail(),
              "make sure mta-sts." + domain + " answers HTTPS on port 443 from the Internet");
    }
    return false;
  }

  private static void policy(
      String name, MtaStsPolicy policy, Fetched fetched, MailHosts mail, Items sts) {
    String uri = fetched.uri().toString();
    String type = fetched.contentType();
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).matches("text/plain\\s*(;.*)?")) {
      sts.warn(
          "mta_sts_content_type",
          uri
              + " is served as "
              + (type == null ? "no Content-Type" : "Content-Type " + type)
              + ", not text/plain (RFC 8461 3.2): some senders reject it",
          "serve mta-sts.txt with Content-Type: text/plain");
    }
    if (!policy.problems().isEmpty()) {
      sts.fail(
          "mta_sts_policy_syntax",
          uri + ": " + String.join("; ", policy.problems()) + ": senders apply no policy",
          "correct the policy file, then change id= in "
              + name
              + " so that senders fetch it again");
      return;
    }
    String summary =
        "mode: "
            + policy.mode()
            + ", max_age: "
            + policy.maxAge()
            + " s"
            + (policy.mx().isEmpty() ? "" : ", mx: " + String.join(", ", policy.mx()));
    switch (policy.mode()) {
      case "enforce" -> sts.ok("mta_sts_enforce", summary);
      case "testing" ->
          sts.warn(
              "mta_sts_testing",
              summary + ": senders report TLS failures but deliver anyway",
              "once TLS reports (TLS-RPT) show no failures, set mode: enforce and change id= in "
                  + name);
      default ->
          sts.warn(
              "mta_sts_none",
              summary + ": senders apply no MTA-STS policy",
              "keep mode: none only while withdrawing MTA-STS; else set mode: testing, then enforce");
    }
    if (policy.mode().equals("enforce") && policy.maxAge() < DAY) {
      sts.warn(
          "mta_sts_short_max_age",
          "max_age: "
              + policy.maxAge()
              + " s is under a day: senders soon forget the policy, and"
              + " an attacker who blocks its refresh soon gets them to deliver without TLS",
          "raise max_age to at least 604800 (a week; RFC 8461 suggests weeks or more)");
    }
    if (policy.mode().equals("none")) {
      return;
    }
    for (String host : mail.hosts()) {
      if (policy.matches(host)) {
        continue;
      }
      String message =
          "MX "
              + host
              + " matches no mx: pattern of the policy: mail from senders that honour MTA-STS to MX "
              + host
              + (policy.mode().equals("enforce") ? " will fail" : " would fail in enforce mode");
      String fix = "add \"mx: " + host + "\" to " + uri + ", then change id= in " + name;
      if (policy.mode().equals("enforce")) {
        sts.fail("mta_sts_mx_not_matched", message, fix);
      } else {
        sts.warn("mta_sts_mx_not_matched", message, fix);
      }
    }
  }

  /** RFC 8461 3.1: v=STSv1 first, then an id of 1 to 32 letters and digits; others are ignored. */
  static List<String> recordProblems(String text) {
    List<String> problems = new ArrayList<>();
    String id = TagList.parseVersioned(text, "STSv1", problems).get("id");
    if (id == null) {
      problems.add("id= is missing");
    } else if (!ID.matcher(id).matches()) {
      problems.add("id=" + id + " is not 1 to 32 letters or digits");
    }
    return problems;
  }
}
