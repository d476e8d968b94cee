package dev.puerto.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import dev.puerto.analyze.Catalogue.Service;
import dev.puerto.analyze.FailingSource.AuthResult;
import dev.puerto.dns.DkimKey;
import dev.puerto.dns.OrgDomains;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DkimLookup;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfCheck;
import dev.puerto.dns.SpfEvaluator;
import dev.puerto.dns.SpfResult;
import dev.puerto.schema.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the verdict of one failing source from current DNS, in this order: the policy domain's
 * DNS fails (dns_error), SPF passes now (fixed_since_report), a named aligned DKIM key is broken
 * (dkim_key_problem), signs of forwarding (forwarded), SPF or DKIM passes for another domain
 * (legitimate_not_aligned), else unauthorized, unless a DNS failure left that open (dns_error).
 */
final class Classifier {
  private static final Set<String> FORWARDING_REASONS =
      Set.of("forwarded", "mailing_list", "trusted_forwarder");

  private final SpfEvaluator spf;
  private final PolicyRecords policies;
  private final ReverseDns reverse;
  private final Catalogue catalogue;
  private final Clock clock;

  Classifier(
      SpfEvaluator spf,
      PolicyRecords policies,
      ReverseDns reverse,
      Catalogue catalogue,
      Clock clock) {
    this.spf = spf;
    this.policies = policies;
    this.reverse = reverse;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /** The finding, and the host as seen (for the hosts table). */
  record Result(Finding finding, HostCheck host) {}

  Result classify(FailingSource source) {
    String domain = source.policyDomain();
    ObjectNode evidence = Evidence.object();
    evidence.put("checked_at", clock.instant().toString());
    List<String> dnsFailures = new ArrayList<>();

    HostName host = reverse.lookup(source.ip());
    ObjectNode ptr = evidence.putObject("ptr");
    ptr.put("name", host.ptr());
    ptr.put("forward_confirmed", host.forwardConfirmed());
    ptr.set("answer", Evidence.answer(host.ptrAnswer()));
    if (host.ptrAnswer().status().isFailure()) {
      dnsFailures.add(host.ptrAnswer().describe());
    }
    Optional<Service> service =
        host.forwardConfirmed() ? catalogue.byPtrOrgDomain(host.orgDomain()) : Optional.empty();

    DmarcLookup dmarc = policies.dmarc(domain);
    evidence.set("dmarc", Evidence.answer(dmarc.answer()));
    boolean strictSpf = dmarc.record() != null && dmarc.record().strictSpf();
    boolean strictDkim = dmarc.record() != null && dmarc.record().strictDkim();

    // SPF for the policy domain and the aligned envelope domains, as it is now.
    Set<String> alignedDomains = new LinkedHashSet<>();
    alignedDomains.add(domain);
    source.envelopeDomains().stream()
        .filter(d -> OrgDomains.aligned(d, domain, strictSpf))
        .forEach(alignedDomains::add);
    ArrayNode spfEvidence = evidence.putArray("spf");
    SpfCheck ownPass = null;
    SpfCheck ownTemperror = null;
    for (String d : alignedDomains) {
      SpfCheck check = spf.checkHost(source.ip(), d, "postmaster@" + d, d);
      spfEvidence.add(Evidence.spf(check));
      if (check.result() == SpfResult.PASS && ownPass == null) {
        ownPass = check;
      } else if (check.result() == SpfResult.TEMPERROR && ownTemperror == null) {
        ownTemperror = check;
      }
    }
    String serviceName = service.map(Service::name).orElse(null);
    if (ownPass != null) {
      return result(
          source,
          Verdict.FIXED_SINCE_REPORT,
          "Nothing to change: SPF for "
              + ownPass.domain()
              + " now authorizes "
              + ip(source)
              + " ("
              + ownPass.describe()
              + "); it failed when the reports were written.",
          serviceName,
          evidence,
          host);
    }
    if (ownTemperror != null) {
      evidence.put("dns_error", "SPF of " + ownTemperror.domain() + ": " + ownTemperror.problem());
      return result(
          source,
          Verdict.DNS_ERROR,
          "The DNS of "
              + ownTemperror.domain()
              + " did not answer ("
              + ownTemperror.problem()
              + "): check its name servers, then run analyze again. The source is not judged.",
          serviceName,
          evidence,
          host);
    }

    // DKIM keys the reports name for aligned domains.
    ArrayNode dkimEvidence = evidence.putArray("dkim");
    List<String> keyProblems = new ArrayList<>();
    boolean brokenInTransit = false;
    for (AuthResult dkim : source.dkim()) {
      if (dkim.domain() == null
          || dkim.selector() == null
          || dkim.selector().isBlank()
          || !OrgDomains.aligned(dkim.domain(), domain, strictDkim)) {
        continue;
      }
      DkimLookup key = policies.dkim(dkim.domain(), dkim.selector());
      ObjectNode node = dkimEvidence.addObject();
      node.put("selector", dkim.selector());
      node.put("domain", dkim.domain());
      node.put("reported_result", dkim.result());
      node.set("answer", Evidence.answer(key.answer()));
      if (key.answer().status().isFailure()) {
        dnsFailures.add(key.answer().describe());
        continue;
      }
      if (key.key() == null) {
        keyProblems.add(
            "publish the DKIM key for selector "
                + dkim.selector()
                + " at "
                + key.name()
                + " TXT (the reports name it; DNS says "
                + key.answer().status()
                + ")");
        continue;
      }
      node.put("key_status", key.key().status().name());
      if (key.key().status() == DkimKey.Status.REVOKED) {
        keyProblems.add(
            "selector "
                + dkim.selector()
                + " is revoked (empty p=) but still signs mail: switch the sender to a current"
                + " selector, or publish the key again at "
                + key.name());
      } else if (key.key().status() == DkimKey.Status.BROKEN) {
        keyProblems.add(
            "fix the DKIM key at " + key.name() + ": " + String.join("; ", key.key().problems()));
      } else if (!dkim.passed()) {
        brokenInTransit = true;
      }
    }
    if (!keyProblems.isEmpty()) {
      return result(
          source,
          Verdict.DKIM_KEY_PROBLEM,
          capitalize(String.join(". ", keyProblems)) + ".",
          serviceName,
          evidence,
          host);
    }

    boolean forwardingReason =
        source.overrideReasons().stream().anyMatch(FORWARDING_REASONS::contains);
    boolean forwarderHost = service.map(Service::forwards).orElse(false);
    if (forwardingReason || brokenInTransit || forwarderHost) {
      String why =
          forwardingReason
              ? "the receivers reported the override reason "
                  + String.join(", ", source.overrideReasons())
              : brokenInTransit
                  ? "an aligned DKIM signature with a valid key failed, as when a list or forwarder"
                      + " changes the message"
                  : ip(source) + " is " + serviceName + ", which forwards its users' mail";
      return result(
          source,
          Verdict.FORWARDED,
          "Nothing to change in DNS: forwarded mail ("
              + why
              + "). Keep DKIM signing on every stream: a signature that survives forwarding keeps"
              + " DMARC passing; ARC-aware receivers may also accept it.",
          serviceName,
          evidence,
          host);
    }

    // SPF or DKIM for another domain: legitimate but not aligned.
    ArrayNode otherEvidence = evidence.putArray("spf_other_domains");
    SpfCheck otherPass = null;
    for (String envelope : source.envelopeDomains()) {
      if (alignedDomains.contains(envelope)) {
        continue;
      }
      SpfCheck check = spf.checkHost(source.ip(), envelope, "postmaster@" + envelope, envelope);
      otherEvidence.add(Evidence.spf(check));
      if (check.result() == SpfResult.PASS && otherPass == null) {
        otherPass = check;
      } else if (check.result() == SpfResult.TEMPERROR) {
        dnsFailures.add(check.problem());
      }
    }
    AuthResult otherDkim =
        source.dkim().stream()
            .filter(
                d ->
                    d.passed()
                        && d.domain() != null
                        && !OrgDomains.aligned(d.domain(), domain, strictDkim))
            .findFirst()
            .orElse(null);
    if (service.isEmpty() && otherPass != null) {
      service =
          otherPass.matched().stream()
              .map(Classifier::include)
              .flatMap(Optional::stream)
              .map(catalogue::bySpfInclude)
              .flatMap(Optional::stream)
              .findFirst();
    }
    if (service.isEmpty() && otherDkim != null) {
      service = catalogue.byDkimDomain(otherDkim.domain());
    }
    serviceName = service.map(Service::name).orElse(null);
    if (otherPass != null || otherDkim != null) {
      String authenticated =
          otherPass != null
              ? "SPF passes for " + otherPass.domain()
              : "DKIM passes for d=" + otherDkim.domain();
      return result(
          source,
          Verdict.LEGITIMATE_NOT_ALIGNED,
          notAlignedAction(domain, authenticated, service),
          serviceName,
          evidence,
          host);
    }
    if (!dnsFailures.isEmpty()) {
      evidence.put("dns_error", String.join("; ", dnsFailures));
      return result(
          source,
          Verdict.DNS_ERROR,
          "Not judged: DNS failed ("
              + String.join("; ", dnsFailures)
              + "). Run analyze again; if it persists, check those name servers.",
          serviceName,
          evidence,
          host);
    }
    String policy = dmarc.record() == null ? null : dmarc.record().p();
    String action =
        "reject".equals(policy) || "quarantine".equals(policy)
            ? "Nothing to change: nothing authenticates "
                + ip(source)
                + " for "
                + domain
                + " and it is no known sender, so it is likely spoofing; p="
                + policy
                + " already tells receivers to "
                + policy
                + " it. If it is yours, authorize it in SPF or sign its mail with DKIM."
            : "Likely spoofing: nothing authenticates "
                + ip(source)
                + " for "
                + domain
                + ". If it is yours, authorize it in SPF or sign with DKIM; once every legitimate"
                + " source aligns, set p=quarantine in _dmarc."
                + domain
                + " so receivers stop delivering such mail.";
    return result(source, Verdict.UNAUTHORIZED, action, serviceName, evidence, host);
  }

  private static String notAlignedAction(
      String domain, String authenticated, Optional<Service> service) {
    if (service.isPresent() && !service.get().spf().isEmpty()) {
      Service s = service.get();
      return "Mail from "
          + s.name()
          + " is authenticated, but not as "
          + domain
          + " ("
          + authenticated
          + "). Sign it with d="
          + domain
          + ": "
          + (s.setup() == null ? "enable DKIM for your domain in " + s.name() + "." : s.setup())
          + " Or use a custom return-path (bounce) domain under "
          + domain
          + " and add include:"
          + s.spf().get(0)
          + " to its SPF record.";
    }
    return "The sender is authenticated, but not as "
        + domain
        + " ("
        + authenticated
        + "). If you use this sender, have it sign with DKIM d="
        + domain
        + " or send with a return-path under "
        + domain
        + " that its SPF authorizes; if you do not, it is someone using their own domain to"
        + " spoof yours.";
  }

  /** The include target of a matched chain element such as {@code example.com: include:x.net}. */
  private static Optional<String> include(String matched) {
    int at = matched.indexOf(": include:");
    return at < 0
        ? Optional.empty()
        : Optional.of(
            matched.substring(at + ": include:".length()).toLowerCase(java.util.Locale.ROOT));
  }

  private static String ip(FailingSource source) {
    return InetAddresses.toAddrString(source.ip());
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private Result result(
      FailingSource source,
      Verdict verdict,
      String action,
      String service,
      ObjectNode evidence,
      HostName host) {
    evidence.put("verdict", verdict.code());
    Finding finding =
        new Finding(
            source.policyDomain(),
            source.ip(),
            source.messages(),
            verdict,
            action,
            service,
            evidence);
    HostCheck hostCheck =
        new HostCheck(
            source.policyDomain(),
            source.ip(),
            host.ptr(),
            host.ptrAnswer().status().isFailure() ? null : host.forwardConfirmed(),
            host.orgDomain(),
            service,
            null,
            List.of());
    return new Result(finding, hostCheck);
  }
}
