package dev.puerto.check;

import dev.puerto.dns.DmarcRecord;
import dev.puerto.dns.DmarcTreeWalk;
import dev.puerto.dns.OrgDomains;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import java.util.List;
import java.util.Map;

/**
 * The DMARC checks: one record, its syntax, policy, the DMARCbis tags (np, psd, t) and the tags it
 * removed (pct, rf, ri), rua, ruf, that destinations in other domains accept the reports, and the
 * DMARCbis tree walk beside the Public Suffix List lookup.
 */
final class DmarcAudit {
  /** RFC 9989 C.5.2: the tags DMARCbis removed, with what a record should do instead. */
  private static final Map<String, String> REMOVED =
      Map.of(
          "rf",
          "failure reports are always AFRF, RFC 6591",
          "ri",
          "receivers choose the interval; aggregate reports normally cover a day");

  private final PolicyRecords policies;
  private final ReportDestinationAudit destinations;
  private final DmarcTreeWalk treeWalk;

  DmarcAudit(PolicyRecords policies, ReportDestinationAudit destinations, DmarcTreeWalk treeWalk) {
    this.policies = policies;
    this.destinations = destinations;
    this.treeWalk = treeWalk;
  }

  List<CheckItem> audit(String domain) {
    Items dmarc = new Items("DMARC");
    DmarcLookup lookup = policies.dmarc(domain);
    if (found(domain, lookup, dmarc)) {
      DmarcRecord record = lookup.record();
      syntax(record, lookup.at(), dmarc);
      policy(domain, record, lookup.at(), dmarc);
      nonExistent(domain, record, dmarc);
      psd(domain, lookup.at(), record, dmarc);
      pct(record, dmarc);
      removed(record, dmarc);
      rua(domain, record, dmarc);
      ruf(record, dmarc);
      destinations.audit(lookup.at(), record, dmarc);
      testing(record, dmarc);
    }
    if (lookup.status() != DmarcLookup.Status.DNS_ERROR) {
      treeWalk(domain, lookup, dmarc);
    }
    return dmarc.list();
  }

  /** False when there is no one record to judge: DNS failed, or none or several are published. */
  private static boolean found(String domain, DmarcLookup lookup, Items dmarc) {
    switch (lookup.status()) {
      case DNS_ERROR ->
          dmarc.error(
              "dmarc_dns_error", lookup.answer().describe(), "check the name servers of " + domain);
      case MISSING ->
          dmarc.fail(
              "dmarc_missing",
              "no DMARC record at _dmarc." + domain,
              "publish TXT \"v=DMARC1; p=none; rua=mailto:dmarc@"
                  + domain
                  + "\" at _dmarc."
                  + domain
                  + " to start receiving reports");
      case MULTIPLE ->
          dmarc.fail(
              "dmarc_multiple",
              "_dmarc." + lookup.at() + " has more than one DMARC record: receivers apply none",
              "keep exactly one");
      case FOUND -> {
        return true;
      }
    }
    return false;
  }

  private static void syntax(DmarcRecord record, String at, Items dmarc) {
    if (!record.problems().isEmpty()) {
      dmarc.fail(
          "dmarc_syntax",
          String.join("; ", record.problems()),
          "correct the record at _dmarc." + at);
    }
  }

  private static void policy(String domain, DmarcRecord record, String at, Items dmarc) {
    if (record.p() == null) {
      return;
    }
    String where =
        at.equals(domain) ? "" : " (inherited from the organizational domain " + at + ")";
    String message = "p=" + record.p() + where + ": \"" + record.text() + "\"";
    if (record.p().equals("none")) {
      dmarc.warn(
          "dmarc_monitoring_only",
          message,
          "p=none only monitors: once every legitimate source aligns, move to"
              + " p=quarantine, then p=reject");
    } else {
      dmarc.ok("dmarc_policy", message);
    }
  }

  /** Policy levels, weakest first, to compare them and to step one down for t=y. */
  private static final List<String> LEVELS = List.of("none", "quarantine", "reject");

  /**
   * np= (DMARCbis, from RFC 9091): the policy for subdomains that do not exist. Such names send no
   * legitimate mail, so reject is right for them even while p=none monitors the real ones.
   */
  private static void nonExistent(String domain, DmarcRecord record, Items dmarc) {
    if (record.p() == null) {
      return;
    }
    String inherited = record.sp() != null ? "sp=" + record.sp() : "p=" + record.p();
    String effective = record.np() != null ? record.np() : inheritedPolicy(record);
    String source = record.np() != null ? "np=" + record.np() : "no np=, so " + inherited;
    if (effective.equals("reject")) {
      dmarc.ok(
          "dmarc_np",
          "mail from subdomains of " + domain + " that do not exist is rejected (" + source + ")");
      return;
    }
    String weaker =
        record.np() != null && LEVELS.indexOf(record.np()) < LEVELS.indexOf(inheritedPolicy(record))
            ? ", weaker than " + inherited + " for the subdomains that exist"
            : "";
    dmarc.warn(
        "dmarc_np_weak",
        "mail from subdomains of "
            + domain
            + " that do not exist gets "
            + effective
            + " ("
            + source
            + weaker
            + "); such names send no legitimate mail",
        "add np=reject (DMARCbis): it is safe even while p=none, since only forgers use names that"
            + " do not exist");
  }

  private static String inheritedPolicy(DmarcRecord record) {
    return record.sp() != null ? record.sp() : record.p();
  }

  /**
   * psd= (DMARCbis): y for a public suffix domain, n for an organizational domain. An inherited
   * psd=y is the suffix operator's own, and the tree walk item says what it means for the domain.
   */
  private static void psd(String domain, String at, DmarcRecord record, Items dmarc) {
    String psd = record.psd() == null ? null : record.psd().toLowerCase(java.util.Locale.ROOT);
    if ("y".equals(psd) && at.equals(domain)) {
      dmarc.warn(
          "dmarc_psd_yes",
          "psd=y: "
              + at
              + " declares itself a public suffix domain; DMARCbis receivers make each name"
              + " directly below it an organizational domain of its own",
          "remove psd=y unless "
              + at
              + " is a public suffix whose operator publishes DMARC for its registrants");
    } else if ("n".equals(psd)) {
      dmarc.ok(
          "dmarc_psd_no",
          "psd=n: "
              + at
              + " is an organizational domain, for itself and its subdomains; the DMARCbis tree"
              + " walk stops here");
    } else if ("u".equals(psd)) {
      dmarc.ok(
          "dmarc_psd_unknown",
          "psd=u (the default): DMARCbis receivers find the organizational domain by the tree"
              + " walk");
    }
  }

  private static void pct(DmarcRecord record, Items dmarc) {
    if (record.pct() < 100) {
      dmarc.warn(
          "dmarc_partial_pct",
          "pct="
              + record.pct()
              + ": RFC 7489 receivers apply the policy to "
              + record.pct()
              + "% of the failing mail; DMARCbis (RFC 9989) removed pct, and its receivers apply"
              + " the policy to all of it",
          "remove pct=: to try a stricter policy, publish it with t=y (what pct=0 did), then"
              + " remove t=y for it to apply in full (pct=100)");
    } else if (record.tags().containsKey("pct")) {
      dmarc.warn(
          "dmarc_removed_tag",
          "pct="
              + record.tags().get("pct")
              + ": DMARCbis (RFC 9989) removed pct (100 was the"
              + " default); t=y replaces it for testing",
          "remove pct=");
    }
  }

  /** rf= and ri=: removed by DMARCbis; harmless, but nothing reads them any more. */
  private static void removed(DmarcRecord record, Items dmarc) {
    for (String tag : List.of("rf", "ri")) {
      if (record.tags().containsKey(tag)) {
        dmarc.warn(
            "dmarc_removed_tag",
            tag
                + "="
                + record.tags().get(tag)
                + ": DMARCbis (RFC 9989) removed "
                + tag
                + "= ("
                + REMOVED.get(tag)
                + ")",
            "remove " + tag + "=");
      }
    }
  }

  private static void rua(String domain, DmarcRecord record, Items dmarc) {
    if (record.rua().isEmpty()) {
      dmarc.warn(
          "dmarc_no_rua",
          "no rua=: nobody receives aggregate reports",
          "add rua=mailto:dmarc@" + domain);
    } else {
      dmarc.ok("dmarc_rua", "reports go to " + String.join(", ", record.rua()));
    }
  }

  /** Failure reports are optional: say whether they are asked for, and what fo= makes of them. */
  private static void ruf(DmarcRecord record, Items dmarc) {
    String fo = record.tags().getOrDefault("fo", "0");
    if (record.ruf().isEmpty()) {
      dmarc.ok(
          "dmarc_no_ruf",
          "no ruf=: no failure reports requested (ruf= asks for a report on each failing message,"
              + " fo= says on which failures; few receivers send them)");
    } else {
      dmarc.ok(
          "dmarc_ruf",
          "failure reports go to "
              + String.join(", ", record.ruf())
              + " (fo="
              + fo
              + ": "
              + failureOptions(fo)
              + ")");
    }
  }

  /** RFC 7489 6.3 fo=: colon-separated 0, 1, d, s. */
  private static String failureOptions(String fo) {
    List<String> when = new java.util.ArrayList<>();
    for (String option : fo.split(":")) {
      switch (option.strip()) {
        case "0" -> when.add("when neither SPF nor DKIM gives an aligned pass");
        case "1" -> when.add("when SPF or DKIM gives no aligned pass");
        case "d" -> when.add("when a DKIM signature fails");
        case "s" -> when.add("when SPF fails");
        default -> when.add("'" + option.strip() + "' is not 0, 1, d or s");
      }
    }
    return String.join(", ", when);
  }

  /**
   * t=y (DMARCbis): receivers apply one level below the published policy, none staying none; it
   * takes the place of pct=0.
   */
  private static void testing(DmarcRecord record, Items dmarc) {
    if (!record.testing() || record.p() == null) {
      return;
    }
    List<String> effects = new java.util.ArrayList<>();
    effects.add(oneBelow("p", record.p()));
    if (record.sp() != null) {
      effects.add(oneBelow("sp", record.sp()));
    }
    if (record.np() != null) {
      effects.add(oneBelow("np", record.np()));
    }
    dmarc.warn(
        "dmarc_testing",
        "t=y: receivers apply one level below the published policy: " + String.join(", ", effects),
        "remove t=y (or set t=n) when the reports show that legitimate mail passes");
  }

  /** E.g. {@code p=reject acts as quarantine}, {@code p=none is unchanged}. */
  static String oneBelow(String tag, String policy) {
    int level = LEVELS.indexOf(policy);
    return level <= 0
        ? tag + "=" + policy + " is unchanged"
        : tag + "=" + policy + " acts as " + LEVELS.get(level - 1);
  }

  /**
   * The DMARCbis tree walk (RFC 9989 4.10) beside the Public Suffix List lookup of RFC 7489: where
   * the two reach different organizational domains, the two kinds of receiver judge relaxed
   * alignment (and may pick the policy) differently.
   */
  private void treeWalk(String domain, DmarcLookup lookup, Items dmarc) {
    DmarcTreeWalk.Result walk = treeWalk.walk(domain);
    List<String> queries = walk.steps().stream().map(DmarcTreeWalk.Step::describe).toList();
    String counted = walk.steps().size() + " of " + DmarcTreeWalk.MAX_QUERIES + " queries";
    if (walk.dnsError()) {
      dmarc.error(
          "dmarc_tree_walk_dns_error",
          "the DMARCbis tree walk stopped (" + counted + "): DNS did not answer",
          "check the name servers of " + domain);
      return;
    }
    boolean found = lookup.status() == DmarcLookup.Status.FOUND;
    if (walk.policy() == null && !found) {
      return; // nothing applies either way, as dmarc_missing or dmarc_multiple already says
    }
    String policy =
        walk.policy() == null
            ? "no DMARC record applies"
            : "policy from _dmarc." + walk.policyDomain() + " (p=" + walk.policy().p() + ")";
    dmarc.ok(
        "dmarc_tree_walk",
        "DMARCbis tree walk ("
            + counted
            + "): organizational domain "
            + walk.orgDomain()
            + ", "
            + policy,
        queries);
    String psl = OrgDomains.of(domain).orElse(domain.toLowerCase(java.util.Locale.ROOT));
    String pslPolicy = found ? lookup.at() : null;
    boolean samePolicy = java.util.Objects.equals(pslPolicy, walk.policyDomain());
    if (!psl.equals(walk.orgDomain()) || !samePolicy) {
      dmarc.warn(
          "dmarc_org_domain_differs",
          "the Public Suffix List (RFC 7489 receivers) makes "
              + psl
              + " the organizational domain"
              + (pslPolicy == null ? " and finds no record" : " and applies _dmarc." + pslPolicy)
              + "; the DMARCbis tree walk makes it "
              + walk.orgDomain()
              + (walk.policyDomain() == null
                  ? " and finds no record"
                  : " and applies _dmarc." + walk.policyDomain())
              + ": the two kinds of receiver judge relaxed alignment"
              + (samePolicy ? "" : " and policy")
              + " differently",
          "publish a DMARC record at _dmarc."
              + domain
              + " itself and align SPF and DKIM on "
              + domain
              + " exactly (aspf=s, adkim=s avoid the difference, RFC 9989 C.3); remove a psd= tag"
              + " that does not describe the domain");
    }
  }
}
