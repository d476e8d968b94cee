package dev.puerto.check;

import dev.puerto.dns.DmarcRecord;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import java.util.List;

/**
 * The DMARC checks: one record, its syntax, policy, pct, rua, ruf, that destinations in other
 * domains accept the reports, and the testing flag.
 */
final class DmarcAudit {
  private final PolicyRecords policies;
  private final ReportDestinationAudit destinations;

  DmarcAudit(PolicyRecords policies, ReportDestinationAudit destinations) {
    this.policies = policies;
    this.destinations = destinations;
  }

  List<CheckItem> audit(String domain) {
    Items dmarc = new Items("DMARC");
    DmarcLookup lookup = policies.dmarc(domain);
    if (found(domain, lookup, dmarc)) {
      DmarcRecord record = lookup.record();
      syntax(record, lookup.at(), dmarc);
      policy(domain, record, lookup.at(), dmarc);
      pct(record, dmarc);
      rua(domain, record, dmarc);
      ruf(record, dmarc);
      destinations.audit(lookup.at(), record, dmarc);
      testing(record, dmarc);
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

  private static void pct(DmarcRecord record, Items dmarc) {
    if (record.pct() < 100) {
      dmarc.warn(
          "dmarc_partial_pct",
          "pct=" + record.pct() + ": the policy applies to only part of the failing mail",
          "raise pct to 100 (DMARCbis removes pct)");
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

  private static void testing(DmarcRecord record, Items dmarc) {
    if (record.testing()) {
      dmarc.warn(
          "dmarc_testing",
          "t=y: receivers apply one policy level less than published",
          "remove t=y when ready");
    }
  }
}
