package dev.puerto.check;

import dev.puerto.dns.DkimKey;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DkimLookup;
import java.util.List;

/** The DKIM checks: for each selector, that its key is published once, usable and not testing. */
final class DkimAudit {
  private final PolicyRecords policies;

  DkimAudit(PolicyRecords policies) {
    this.policies = policies;
  }

  List<CheckItem> audit(String domain, List<String> selectors) {
    Items dkim = new Items("DKIM");
    if (selectors.isEmpty()) {
      dkim.warn(
          "dkim_no_selectors",
          "no DKIM selector given and none seen in stored reports",
          "name the selectors your senders use with --selector");
    }
    for (String selector : selectors) {
      selector(domain, selector, policies.dkim(domain, selector), dkim);
    }
    return dkim.list();
  }

  private static void selector(String domain, String selector, DkimLookup lookup, Items dkim) {
    if (lookup.answer().status().isFailure()) {
      dkim.error(
          "dkim_dns_error", lookup.answer().describe(), "check the name servers of " + domain);
      return;
    }
    String name = lookup.name();
    DkimKey key = lookup.key();
    if (key == null) {
      dkim.fail(
          "dkim_missing",
          "no key at " + name + " (" + lookup.answer().status() + ")",
          "publish the selector's public key (or the CNAME your provider gives) at " + name);
      return;
    }
    keyStatus(name, selector, key, dkim);
    if (lookup.records() > 1) {
      dkim.fail(
          "dkim_multiple",
          name + " has " + lookup.records() + " TXT records",
          "keep one key record per selector");
    }
    if (key.testing()) {
      dkim.warn(
          "dkim_testing",
          name + " has t=y: receivers treat its signatures as unsigned when they fail",
          "remove t=y once signing works");
    }
  }

  private static void keyStatus(String name, String selector, DkimKey key, Items dkim) {
    String problems = String.join("; ", key.problems());
    switch (key.status()) {
      case OK -> dkim.ok("dkim_ok", name + ": " + key.keyType() + " " + key.bits() + " bits");
      case WEAK ->
          dkim.warn(
              "dkim_weak_key",
              name + ": " + problems,
              "generate a 2048-bit key under a new selector and switch to it");
      case REVOKED ->
          dkim.warn(
              "dkim_revoked",
              name + ": revoked (empty p=); mail still signed with it fails DKIM",
              "make sure no sender still uses selector " + selector);
      case BROKEN ->
          dkim.fail(
              "dkim_invalid",
              name + ": " + problems,
              "publish the key again exactly as the sender generated it");
    }
  }
}
