package dev.puerto.analyze;

import com.google.common.net.InetAddresses;
import dev.puerto.analyze.FailingSource.AuthResult;
import dev.puerto.dns.DkimKey;
import dev.puerto.dns.OrgDomains;
import dev.puerto.dns.PolicyRecords.DkimLookup;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfCheck;
import dev.puerto.dns.SpfResult;
import dev.puerto.sender.Attribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the reports say about a failing source and what DNS says now, as far as the classifier's
 * rules have looked: the signatures and the other domains' SPF are null until a rule needs them.
 *
 * @param ptrService the known service the source's forward-confirmed PTR names, and that PTR
 * @param alignedDomains the policy domain and the envelope domains aligned with it
 * @param ownSpf SPF now for each aligned domain
 * @param signatures the aligned DKIM signatures the reports name, with their keys now
 * @param otherSpf SPF now for each envelope domain that is not aligned
 */
record Facts(
    FailingSource source,
    Instant checkedAt,
    HostName host,
    Optional<Attribution> ptrService,
    DmarcLookup dmarc,
    Set<String> alignedDomains,
    List<SpfCheck> ownSpf,
    List<Signature> signatures,
    List<SpfCheck> otherSpf) {

  /** A DKIM signature from the reports, with its key as DNS has it now. */
  record Signature(AuthResult reported, DkimLookup lookup) {
    enum Key {
      UNANSWERED,
      MISSING,
      REVOKED,
      BROKEN,
      /** Published and usable (possibly weak). */
      VALID
    }

    Key key() {
      if (lookup.answer().status().isFailure()) {
        return Key.UNANSWERED;
      }
      if (lookup.key() == null) {
        return Key.MISSING;
      }
      DkimKey.Status status = lookup.key().status();
      return status == DkimKey.Status.REVOKED
          ? Key.REVOKED
          : status == DkimKey.Status.BROKEN ? Key.BROKEN : Key.VALID;
    }
  }

  Facts withSignatures(List<Signature> found) {
    return new Facts(
        source, checkedAt, host, ptrService, dmarc, alignedDomains, ownSpf, found, otherSpf);
  }

  Facts withOtherSpf(List<SpfCheck> found) {
    return new Facts(
        source, checkedAt, host, ptrService, dmarc, alignedDomains, ownSpf, signatures, found);
  }

  String domain() {
    return source.policyDomain();
  }

  /** The source IP as people write it. */
  String ip() {
    return InetAddresses.toAddrString(source.ip());
  }

  static boolean strictSpf(DmarcLookup dmarc) {
    return dmarc.record() != null && dmarc.record().strictSpf();
  }

  boolean strictDkim() {
    return dmarc.record() != null && dmarc.record().strictDkim();
  }

  /** The published DMARC policy (none, quarantine, reject), or null. */
  String policy() {
    return dmarc.record() == null ? null : dmarc.record().p();
  }

  /** Whether a DKIM signing domain is aligned with the policy domain. */
  boolean aligned(AuthResult dkim) {
    return dkim.domain() != null && OrgDomains.aligned(dkim.domain(), domain(), strictDkim());
  }

  /** The first of these SPF evaluations with this result. */
  static Optional<SpfCheck> first(List<SpfCheck> checks, SpfResult result) {
    return checks.stream().filter(c -> c.result() == result).findFirst();
  }

  /**
   * The evidence of what was looked at; {@code dnsError} for a dns_error verdict, else null; {@code
   * sender} the known service named, or null.
   */
  Evidence evidence(String dnsError, Attribution sender) {
    List<Evidence.DkimSignature> dkim =
        signatures == null
            ? null
            : signatures.stream()
                .map(
                    s ->
                        new Evidence.DkimSignature(
                            s.reported().selector(),
                            s.reported().domain(),
                            s.reported().result(),
                            s.lookup().answer(),
                            s.key() == Signature.Key.UNANSWERED || s.key() == Signature.Key.MISSING
                                ? null
                                : s.lookup().key().status()))
                .toList();
    return new Evidence(checkedAt, host, dmarc.answer(), ownSpf, dkim, otherSpf, dnsError, sender);
  }

  /** The DNS questions that went unanswered, as far as the rules looked. */
  List<String> dnsFailures() {
    List<String> failures = new ArrayList<>();
    if (host.ptrAnswer().status().isFailure()) {
      failures.add(host.ptrAnswer().describe());
    }
    if (signatures != null) {
      signatures.stream()
          .filter(s -> s.key() == Signature.Key.UNANSWERED)
          .forEach(s -> failures.add(s.lookup().answer().describe()));
    }
    if (otherSpf != null) {
      otherSpf.stream()
          .filter(c -> c.result() == SpfResult.TEMPERROR)
          .forEach(c -> failures.add(c.problem()));
    }
    return failures;
  }
}
