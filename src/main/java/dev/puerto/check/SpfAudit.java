package dev.puerto.check;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.SpfCheck;
import dev.puerto.dns.SpfEvaluator;
import dev.puerto.dns.SpfPolicy;
import dev.puerto.dns.SpfPolicy.Lookup;
import dev.puerto.dns.SpfResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The SPF checks: the record, its all qualifier, and check_host() for each given IP. */
final class SpfAudit {
  private final SpfEvaluator evaluator;

  SpfAudit(SpfEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  List<CheckItem> audit(String domain, List<InetAddress> ips) {
    Items spf = new Items("SPF");
    SpfPolicy policy = evaluator.policy(domain);
    if (evaluated(domain, policy, spf)) {
      allQualifier(domain, policy.allQualifier(), spf);
      ips.forEach(ip -> authorizes(domain, ip, spf));
    }
    return spf.list();
  }

  /** Judges the record itself; false when receivers evaluate none of it (or DNS did not say). */
  private static boolean evaluated(String domain, SpfPolicy policy, Items spf) {
    if (policy.error() == SpfResult.TEMPERROR) {
      spf.error("spf_dns_error", policy.problem(), "check the name servers of " + domain);
      return false;
    }
    if (policy.record() == null && policy.error() == null) {
      spf.fail(
          "spf_missing",
          domain + " has no SPF record",
          "publish a TXT record at "
              + domain
              + " such as \"v=spf1 mx -all\", listing every service that sends as it"
              + " (include:...), or \"v=spf1 -all\" if it sends no mail");
      return false;
    }
    if (policy.error() == SpfResult.PERMERROR) {
      return permerror(policy, spf);
    }
    spf.ok(
        "spf_ok",
        "\""
            + policy.record()
            + "\" ("
            + policy.dnsLookups()
            + " of "
            + SpfPolicy.lookupLimit()
            + " DNS lookups)",
        chain(policy.chain(), ""));
    voids(policy, spf);
    return true;
  }

  /** The lookup chain, one term a line, nested terms indented below their include. */
  static List<String> chain(List<Lookup> lookups, String indent) {
    List<String> lines = new ArrayList<>();
    for (Lookup lookup : lookups) {
      lines.add(
          indent
              + lookup.term()
              + ": "
              + lookups(lookup.cost())
              + (lookup.voidLookup()
                  ? " (void: " + (lookup.delegates() ? "no SPF record" : "nothing found") + ")"
                  : ""));
      lines.addAll(chain(lookup.nested(), indent + "  "));
    }
    return lines;
  }

  private static String lookups(int count) {
    return count + (count == 1 ? " lookup" : " lookups");
  }

  /** RFC 7208 4.6.4: more than two lookups that find nothing make the record permerror. */
  private static void voids(SpfPolicy policy, Items spf) {
    List<String> terms =
        policy.allLookups().stream()
            .filter(Lookup::voidLookup)
            .map(l -> l.term() + (l.domain().equals(policy.domain()) ? "" : " in " + l.domain()))
            .toList();
    if (terms.isEmpty()) {
      return;
    }
    String message =
        terms.size()
            + " void lookup"
            + (terms.size() == 1 ? "" : "s")
            + " (names with no records): "
            + String.join(", ", terms);
    String fix = "remove the terms that name nothing, or publish the records they expect";
    if (terms.size() > SpfPolicy.voidLimit()) {
      spf.fail(
          "spf_too_many_void_lookups",
          message + ": receivers return permerror after " + SpfPolicy.voidLimit(),
          fix);
    } else {
      spf.warn(
          "spf_void_lookups",
          message + ": more than " + SpfPolicy.voidLimit() + " make the record permerror",
          fix);
    }
  }

  /**
   * Past the limit: the top-level terms whose flattening (replacing them by the ip4:/ip6: ranges
   * they resolve to) gets the record under it, costliest first.
   */
  static List<Lookup> toFlatten(SpfPolicy policy) {
    List<Lookup> byCost =
        policy.chain().stream()
            .sorted(java.util.Comparator.comparingInt(Lookup::cost).reversed())
            .toList();
    List<Lookup> chosen = new ArrayList<>();
    int total = policy.dnsLookups();
    for (Lookup lookup : byCost) {
      if (total <= SpfPolicy.lookupLimit()) {
        break;
      }
      chosen.add(lookup);
      total -= lookup.cost();
    }
    return chosen;
  }

  /**
   * Several records or a syntax error: receivers evaluate nothing of it. Too many lookups: they
   * evaluate it up to the limit, so the rest is still worth checking.
   */
  private static boolean permerror(SpfPolicy policy, Items spf) {
    boolean several = policy.record() == null;
    boolean tooMany = policy.dnsLookups() > SpfPolicy.lookupLimit();
    String code = several ? "spf_multiple" : tooMany ? "spf_too_many_lookups" : "spf_syntax";
    String fix =
        several
            ? "merge them into one TXT record beginning with v=spf1: receivers return permerror"
            : tooMany
                ? "remove the include:, a and mx terms of services you no longer use; then flatten"
                    + " (replace by the ip4:/ip6: ranges they resolve to, and keep those up to"
                    + " date) "
                    + String.join(
                        ", ",
                        toFlatten(policy).stream()
                            .map(l -> l.term() + " (" + lookups(l.cost()) + ")")
                            .toList())
                    + " to get to at most "
                    + SpfPolicy.lookupLimit()
                : "correct the record: receivers treat it as permerror, as if it failed";
    spf.fail(code, policy.problem(), fix, tooMany ? chain(policy.chain(), "") : List.of());
    if (tooMany) {
      voids(policy, spf);
    }
    return tooMany;
  }

  private static void allQualifier(String domain, Character all, Items spf) {
    if (all == null) {
      spf.warn(
          "spf_no_all",
          "the record ends without an all mechanism: mail from other IPs gets neutral",
          "end the record with ~all or -all");
    } else if (all == '+') {
      spf.fail(
          "spf_all_pass",
          "+all authorizes every IP on the Internet to send as " + domain,
          "replace +all by ~all or -all");
    } else if (all == '?') {
      spf.warn(
          "spf_all_neutral",
          "?all says nothing about other IPs (neutral)",
          "replace ?all by ~all or -all once every sender is listed");
    } else if (all == '-') {
      spf.ok("spf_all_fail", "-all: mail from other IPs fails SPF");
    } else {
      spf.ok(
          "spf_all_softfail",
          "~all: mail from other IPs softfails SPF (DMARC treats both as not passing)");
    }
  }

  private void authorizes(String domain, InetAddress ip, Items spf) {
    SpfCheck check = evaluator.checkHost(ip, domain, "postmaster@" + domain, domain);
    String address = InetAddresses.toAddrString(ip);
    String message = address + ": " + check.describe();
    switch (check.result()) {
      case PASS -> spf.ok("spf_ip_pass", message);
      case TEMPERROR ->
          spf.error("spf_ip_dns_error", message, "check the name servers of the domains named");
      default ->
          spf.fail(
              "spf_ip_not_authorized",
              message,
              "if "
                  + address
                  + " sends for "
                  + domain
                  + ", add ip"
                  + (ip instanceof Inet4Address ? "4:" : "6:")
                  + address
                  + " (or its provider's include:) to the SPF record");
    }
  }
}
