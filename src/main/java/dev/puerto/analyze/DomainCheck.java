package dev.puerto.analyze;

import static dev.puerto.analyze.CheckItem.Level.ERROR;
import static dev.puerto.analyze.CheckItem.Level.FAIL;
import static dev.puerto.analyze.CheckItem.Level.OK;
import static dev.puerto.analyze.CheckItem.Level.WARN;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.Blocklists.Listing;
import dev.puerto.dns.DkimKey;
import dev.puerto.dns.DmarcRecord;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DkimLookup;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfCheck;
import dev.puerto.dns.SpfEvaluator;
import dev.puerto.dns.SpfPolicy;
import dev.puerto.dns.SpfResult;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/** {@code puerto check}: a domain's SPF, DKIM, DMARC, MX and given IPs, as DNS has them now. */
public final class DomainCheck {
  private final DnsClient dns;
  private final SpfEvaluator spf;
  private final PolicyRecords policies;
  private final ReverseDns reverse;
  private final Blocklists blocklists;
  private final Clock clock;

  public DomainCheck(DnsClient dns, Blocklists blocklists, Clock clock) {
    this.dns = dns;
    this.spf = new SpfEvaluator(dns, clock);
    this.policies = new PolicyRecords(dns);
    this.reverse = new ReverseDns(dns);
    this.blocklists = blocklists;
    this.clock = clock;
  }

  public CheckReport check(String domain, List<String> selectors, List<InetAddress> ips) {
    List<CheckItem> items = new ArrayList<>();
    spf(domain, ips, items);
    dkim(domain, selectors, items);
    dmarc(domain, items);
    mx(domain, items);
    for (InetAddress ip : ips) {
      ptr(ip, items);
      blocklists(ip, items);
    }
    return new CheckReport(domain, clock.instant(), items);
  }

  private void spf(String domain, List<InetAddress> ips, List<CheckItem> items) {
    SpfPolicy policy = spf.policy(domain);
    if (policy.error() == SpfResult.TEMPERROR) {
      items.add(
          item(
              "SPF",
              ERROR,
              "spf_dns_error",
              policy.problem(),
              "check the name servers of " + domain));
      return;
    }
    if (policy.record() == null && policy.error() == null) {
      items.add(
          item(
              "SPF",
              FAIL,
              "spf_missing",
              domain + " has no SPF record",
              "publish a TXT record at "
                  + domain
                  + " such as \"v=spf1 mx -all\", listing every service that sends as it"
                  + " (include:...), or \"v=spf1 -all\" if it sends no mail"));
      return;
    }
    if (policy.error() == SpfResult.PERMERROR) {
      boolean several = policy.record() == null;
      boolean tooMany = policy.dnsLookups() > SpfPolicy.lookupLimit();
      String code = several ? "spf_multiple" : tooMany ? "spf_too_many_lookups" : "spf_syntax";
      String fix =
          several
              ? "merge them into one TXT record beginning with v=spf1: receivers return permerror"
              : tooMany
                  ? "remove unused include:, a and mx terms, or replace includes by their ip4:/ip6:"
                      + " ranges, to get to at most 10 lookups"
                  : "correct the record: receivers treat it as permerror, as if it failed";
      items.add(item("SPF", FAIL, code, policy.problem(), fix));
      if (!tooMany) {
        return; // several records or a syntax error: receivers evaluate nothing of it
      }
    } else {
      items.add(
          item(
              "SPF",
              OK,
              "spf_ok",
              "\""
                  + policy.record()
                  + "\" ("
                  + policy.dnsLookups()
                  + " of "
                  + SpfPolicy.lookupLimit()
                  + " DNS lookups)",
              null));
    }
    Character all = policy.allQualifier();
    if (all == null) {
      items.add(
          item(
              "SPF",
              WARN,
              "spf_no_all",
              "the record ends without an all mechanism: mail from other IPs gets neutral",
              "end the record with ~all or -all"));
    } else if (all == '+') {
      items.add(
          item(
              "SPF",
              FAIL,
              "spf_all_pass",
              "+all authorizes every IP on the Internet to send as " + domain,
              "replace +all by ~all or -all"));
    } else if (all == '?') {
      items.add(
          item(
              "SPF",
              WARN,
              "spf_all_neutral",
              "?all says nothing about other IPs (neutral)",
              "replace ?all by ~all or -all once every sender is listed"));
    } else {
      items.add(
          item(
              "SPF",
              OK,
              all == '-' ? "spf_all_fail" : "spf_all_softfail",
              all == '-'
                  ? "-all: mail from other IPs fails SPF"
                  : "~all: mail from other IPs softfails SPF (DMARC treats both as not passing)",
              null));
    }
    for (InetAddress ip : ips) {
      SpfCheck check = spf.checkHost(ip, domain, "postmaster@" + domain, domain);
      String address = InetAddresses.toAddrString(ip);
      switch (check.result()) {
        case PASS ->
            items.add(item("SPF", OK, "spf_ip_pass", address + ": " + check.describe(), null));
        case TEMPERROR ->
            items.add(
                item(
                    "SPF",
                    ERROR,
                    "spf_ip_dns_error",
                    address + ": " + check.describe(),
                    "check the name servers of the domains named"));
        default ->
            items.add(
                item(
                    "SPF",
                    FAIL,
                    "spf_ip_not_authorized",
                    address + ": " + check.describe(),
                    "if "
                        + address
                        + " sends for "
                        + domain
                        + ", add ip"
                        + (ip instanceof java.net.Inet4Address ? "4:" : "6:")
                        + address
                        + " (or its provider's include:) to the SPF record"));
      }
    }
  }

  private void dkim(String domain, List<String> selectors, List<CheckItem> items) {
    if (selectors.isEmpty()) {
      items.add(
          item(
              "DKIM",
              WARN,
              "dkim_no_selectors",
              "no DKIM selector given and none seen in stored reports",
              "name the selectors your senders use with --selector"));
    }
    for (String selector : selectors) {
      DkimLookup lookup = policies.dkim(domain, selector);
      String name = lookup.name();
      if (lookup.answer().status().isFailure()) {
        items.add(
            item(
                "DKIM",
                ERROR,
                "dkim_dns_error",
                lookup.answer().describe(),
                "check the name servers of " + domain));
        continue;
      }
      DkimKey key = lookup.key();
      if (key == null) {
        items.add(
            item(
                "DKIM",
                FAIL,
                "dkim_missing",
                "no key at " + name + " (" + lookup.answer().status() + ")",
                "publish the selector's public key (or the CNAME your provider gives) at " + name));
        continue;
      }
      String problems = String.join("; ", key.problems());
      switch (key.status()) {
        case OK ->
            items.add(
                item(
                    "DKIM",
                    OK,
                    "dkim_ok",
                    name + ": " + key.keyType() + " " + key.bits() + " bits",
                    null));
        case WEAK ->
            items.add(
                item(
                    "DKIM",
                    WARN,
                    "dkim_weak_key",
                    name + ": " + problems,
                    "generate a 2048-bit key under a new selector and switch to it"));
        case REVOKED ->
            items.add(
                item(
                    "DKIM",
                    WARN,
                    "dkim_revoked",
                    name + ": revoked (empty p=); mail still signed with it fails DKIM",
                    "make sure no sender still uses selector " + selector));
        case BROKEN ->
            items.add(
                item(
                    "DKIM",
                    FAIL,
                    "dkim_invalid",
                    name + ": " + problems,
                    "publish the key again exactly as the sender generated it"));
      }
      if (lookup.records() > 1) {
        items.add(
            item(
                "DKIM",
                FAIL,
                "dkim_multiple",
                name + " has " + lookup.records() + " TXT records",
                "keep one key record per selector"));
      }
      if (key.testing()) {
        items.add(
            item(
                "DKIM",
                WARN,
                "dkim_testing",
                name + " has t=y: receivers treat its signatures as unsigned when they fail",
                "remove t=y once signing works"));
      }
    }
  }

  private void dmarc(String domain, List<CheckItem> items) {
    DmarcLookup lookup = policies.dmarc(domain);
    switch (lookup.status()) {
      case DNS_ERROR -> {
        items.add(
            item(
                "DMARC",
                ERROR,
                "dmarc_dns_error",
                lookup.answer().describe(),
                "check the name servers of " + domain));
        return;
      }
      case MISSING -> {
        items.add(
            item(
                "DMARC",
                FAIL,
                "dmarc_missing",
                "no DMARC record at _dmarc." + domain,
                "publish TXT \"v=DMARC1; p=none; rua=mailto:dmarc@"
                    + domain
                    + "\" at _dmarc."
                    + domain
                    + " to start receiving reports"));
        return;
      }
      case MULTIPLE -> {
        items.add(
            item(
                "DMARC",
                FAIL,
                "dmarc_multiple",
                "_dmarc." + lookup.at() + " has more than one DMARC record: receivers apply none",
                "keep exactly one"));
        return;
      }
      case FOUND -> {}
    }
    DmarcRecord record = lookup.record();
    String where =
        lookup.at().equals(domain)
            ? ""
            : " (inherited from the organizational domain " + lookup.at() + ")";
    if (!record.problems().isEmpty()) {
      items.add(
          item(
              "DMARC",
              FAIL,
              "dmarc_syntax",
              String.join("; ", record.problems()),
              "correct the record at _dmarc." + lookup.at()));
    }
    if (record.p() != null) {
      boolean enforcing = !record.p().equals("none");
      items.add(
          item(
              "DMARC",
              enforcing ? OK : WARN,
              enforcing ? "dmarc_policy" : "dmarc_monitoring_only",
              "p=" + record.p() + where + ": \"" + record.text() + "\"",
              enforcing
                  ? null
                  : "p=none only monitors: once every legitimate source aligns, move to"
                      + " p=quarantine, then p=reject"));
    }
    if (record.pct() < 100) {
      items.add(
          item(
              "DMARC",
              WARN,
              "dmarc_partial_pct",
              "pct=" + record.pct() + ": the policy applies to only part of the failing mail",
              "raise pct to 100 (DMARCbis removes pct)"));
    }
    if (record.rua().isEmpty()) {
      items.add(
          item(
              "DMARC",
              WARN,
              "dmarc_no_rua",
              "no rua=: nobody receives aggregate reports",
              "add rua=mailto:dmarc@" + domain));
    } else {
      items.add(
          item("DMARC", OK, "dmarc_rua", "reports go to " + String.join(", ", record.rua()), null));
    }
    if (record.testing()) {
      items.add(
          item(
              "DMARC",
              WARN,
              "dmarc_testing",
              "t=y: receivers apply one policy level less than published",
              "remove t=y when ready"));
    }
  }

  private void mx(String domain, List<CheckItem> items) {
    DnsAnswer mx = dns.query(domain, Type.MX);
    if (mx.status().isFailure()) {
      items.add(
          item("MX", ERROR, "mx_dns_error", mx.describe(), "check the name servers of " + domain));
    } else if (mx.status().isEmpty()) {
      items.add(
          item(
              "MX",
              WARN,
              "mx_missing",
              domain
                  + " has no MX record: mail to it (bounces, replies) goes to its A record or nowhere",
              "publish MX records, or \"0 .\" (null MX, RFC 7505) if it receives no mail"));
    } else if (mx.targets().equals(List.of(""))) {
      items.add(item("MX", OK, "mx_null", "null MX: " + domain + " receives no mail", null));
    } else {
      items.add(item("MX", OK, "mx_ok", String.join(", ", mx.targets()), null));
    }
  }

  private void ptr(InetAddress ip, List<CheckItem> items) {
    HostName host = reverse.lookup(ip);
    String address = InetAddresses.toAddrString(ip);
    if (host.ptrAnswer().status().isFailure()) {
      items.add(
          item(
              "PTR",
              ERROR,
              "ptr_dns_error",
              address + ": " + host.ptrAnswer().describe(),
              "ask the owner of the IP range to fix its reverse zone"));
    } else if (host.ptr() == null) {
      items.add(
          item(
              "PTR",
              FAIL,
              "ptr_missing",
              address + " has no PTR record",
              "ask the owner of the IP (your provider) for a PTR name that resolves back to it"));
    } else if (!host.forwardConfirmed()) {
      items.add(
          item(
              "PTR",
              WARN,
              "ptr_not_confirmed",
              address + " -> " + host.ptr() + ", which does not resolve back to " + address,
              "add an A/AAAA record " + host.ptr() + " -> " + address));
    } else {
      items.add(
          item("PTR", OK, "ptr_ok", address + " -> " + host.ptr() + " (forward-confirmed)", null));
    }
  }

  private void blocklists(InetAddress ip, List<CheckItem> items) {
    String address = InetAddresses.toAddrString(ip);
    for (Listing listing : blocklists.check(ip)) {
      String subject = address + " on " + listing.zone();
      switch (listing.status()) {
        case NOT_LISTED ->
            items.add(item("blocklist", OK, "blocklist_clean", subject + ": not listed", null));
        case LISTED ->
            items.add(
                item(
                    "blocklist",
                    FAIL,
                    "blocklist_listed",
                    subject + ": listed (" + listing.meaning() + ")",
                    "find and stop the cause, then request removal at the list's web site"));
        case REFUSED ->
            items.add(
                item(
                    "blocklist",
                    WARN,
                    "blocklist_refused",
                    subject + ": " + listing.meaning(),
                    "query through your own resolver (--dns-server)"));
        case ERROR ->
            items.add(
                item(
                    "blocklist",
                    ERROR,
                    "blocklist_dns_error",
                    subject + ": " + listing.meaning(),
                    null));
      }
    }
  }

  private static CheckItem item(
      String area, CheckItem.Level level, String code, String message, String fix) {
    return new CheckItem(area, level, code, message, fix);
  }
}
