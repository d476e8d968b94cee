package dev.puerto.analyze;

import dev.puerto.analyze.Facts.Signature;
import dev.puerto.analyze.FailingSource.AuthResult;
import dev.puerto.dns.OrgDomains;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.PolicyRecords.DmarcLookup;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfCheck;
import dev.puerto.dns.SpfEvaluator;
import dev.puerto.dns.SpfResult;
import dev.puerto.schema.Verdict;
import dev.puerto.sender.Attribution;
import dev.puerto.sender.Catalogue;
import dev.puerto.sender.Clues;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the verdict of one failing source from current DNS. {@link #classify} lists the rules in
 * the order they are tried, and the first that applies decides. DNS is asked in three steps, each
 * just before the first rule that needs it, so that a source decided early costs no more queries
 * and its evidence holds what was looked at, nothing more.
 *
 * <p>A new verdict is its constant in {@link Verdict}, one rule method here (headed by one line
 * saying the rule, and named in {@code classify} at its place in the order) and its sentence in
 * {@link Actions}.
 */
final class Classifier {
  private static final Set<String> FORWARDING_REASONS =
      Set.of("forwarded", "mailing_list", "trusted_forwarder");

  private final SpfEvaluator spf;
  private final PolicyRecords policies;
  private final ReverseDns reverse;
  private final Catalogue catalogue;
  private final Clock clock;
  private final Actions actions;

  Classifier(
      SpfEvaluator spf,
      PolicyRecords policies,
      ReverseDns reverse,
      Catalogue catalogue,
      Clock clock,
      Actions actions) {
    this.spf = spf;
    this.actions = actions;
    this.policies = policies;
    this.reverse = reverse;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /** The finding, and the host as seen (for the hosts table). */
  record Result(Finding finding, HostCheck host) {}

  /**
   * What a rule decided: the verdict, what to do, the known service (or null) and (for dns_error)
   * what DNS failed.
   */
  private record Decision(Verdict verdict, String action, Attribution sender, String dnsError) {}

  private interface Rule {
    Optional<Decision> apply(Facts facts);
  }

  Result classify(FailingSource source) {
    Facts facts = ownDomain(source);
    Optional<Decision> decision = first(facts, this::fixedSinceReport, this::ownDomainUnanswered);
    if (decision.isEmpty()) {
      facts = facts.withSignatures(signatures(facts));
      decision = first(facts, this::dkimKeyProblem, this::forwarded);
    }
    if (decision.isEmpty()) {
      facts = facts.withOtherSpf(otherDomainsSpf(facts));
      decision = first(facts, this::legitimateNotAligned, this::unjudged, this::unauthorized);
    }
    return result(facts, decision.orElseThrow());
  }

  // SPF of the policy domain (or an aligned envelope domain) authorizes the source now.
  private Optional<Decision> fixedSinceReport(Facts facts) {
    return Facts.first(facts.ownSpf(), SpfResult.PASS)
        .map(
            pass ->
                decided(
                    facts, Verdict.FIXED_SINCE_REPORT, actions.fixedSinceReport(pass, facts.ip())));
  }

  // That SPF could not be evaluated because the domain's DNS did not answer: not judged.
  private Optional<Decision> ownDomainUnanswered(Facts facts) {
    return Facts.first(facts.ownSpf(), SpfResult.TEMPERROR)
        .map(
            down ->
                new Decision(
                    Verdict.DNS_ERROR,
                    actions.ownDomainUnanswered(down),
                    facts.ptrService().orElse(null),
                    "SPF of " + down.domain() + ": " + down.problem()));
  }

  // A DKIM key the reports name for an aligned domain is missing, revoked or broken.
  private Optional<Decision> dkimKeyProblem(Facts facts) {
    List<String> problems =
        facts.signatures().stream().map(this::keyProblem).flatMap(Optional::stream).toList();
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(decided(facts, Verdict.DKIM_KEY_PROBLEM, actions.dkimKeyProblem(problems)));
  }

  // The receivers say forwarded, a good aligned signature broke on the way, or the host forwards.
  private Optional<Decision> forwarded(Facts facts) {
    Set<String> reasons = facts.source().overrideReasons();
    Optional<Attribution> host = facts.ptrService().filter(a -> a.kind().forwards());
    String why;
    if (reasons.stream().anyMatch(FORWARDING_REASONS::contains)) {
      why = actions.forwardingReported(reasons);
    } else if (brokenInTransit(facts.signatures())) {
      why = actions.brokenInTransit();
    } else if (host.isPresent()) {
      why = actions.forwardingHost(facts.ip(), host.get().service());
    } else {
      return Optional.empty();
    }
    return Optional.of(decided(facts, Verdict.FORWARDED, actions.forwarded(why)));
  }

  // SPF or DKIM passes for a domain that is not aligned: a real sender, not signing as the domain.
  private Optional<Decision> legitimateNotAligned(Facts facts) {
    Optional<SpfCheck> spfPass = Facts.first(facts.otherSpf(), SpfResult.PASS);
    Optional<AuthResult> dkimPass =
        facts.source().dkim().stream()
            .filter(d -> d.passed() && d.domain() != null && !facts.aligned(d))
            .findFirst();
    if (spfPass.isEmpty() && dkimPass.isEmpty()) {
      return Optional.empty();
    }
    Optional<Attribution> service = catalogue.attribute(clues(facts, spfPass));
    String authenticated =
        spfPass
            .map(actions::spfPasses)
            .orElseGet(() -> actions.dkimPasses(dkimPass.get().domain()));
    return Optional.of(
        new Decision(
            Verdict.LEGITIMATE_NOT_ALIGNED,
            actions.notAligned(facts.domain(), authenticated, service),
            service.orElse(null),
            null));
  }

  // DNS failed on the way (PTR, a DKIM key, another domain's SPF): not judged, not called spoofing.
  private Optional<Decision> unjudged(Facts facts) {
    List<String> failures = facts.dnsFailures();
    return failures.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Decision(
                Verdict.DNS_ERROR,
                actions.unjudged(failures),
                facts.ptrService().orElse(null),
                String.join("; ", failures)));
  }

  // Nothing authenticates the source and it is no known sender: likely spoofing.
  private Optional<Decision> unauthorized(Facts facts) {
    String action =
        enforced(facts.policy())
            ? actions.spoofingEnforced(facts.ip(), facts.domain(), facts.policy())
            : actions.spoofing(facts.ip(), facts.domain());
    return Optional.of(decided(facts, Verdict.UNAUTHORIZED, action));
  }

  /** The first rule that applies, in the order given. */
  private static Optional<Decision> first(Facts facts, Rule... rules) {
    for (Rule rule : rules) {
      Optional<Decision> decision = rule.apply(facts);
      if (decision.isPresent()) {
        return decision;
      }
    }
    return Optional.empty();
  }

  /** A decision naming the service the PTR shows, with no DNS failure. */
  private static Decision decided(Facts facts, Verdict verdict, String action) {
    return new Decision(verdict, action, facts.ptrService().orElse(null), null);
  }

  /** Step 1: the source's PTR, the policy domain's DMARC record and SPF for the aligned domains. */
  private Facts ownDomain(FailingSource source) {
    Instant checkedAt = clock.instant();
    HostName host = reverse.lookup(source.ip());
    Optional<Attribution> ptrService =
        host.forwardConfirmed()
            ? catalogue.attribute(new Clues(List.of(), List.of(), List.of(), host.ptr(), null))
            : Optional.empty();
    DmarcLookup dmarc = policies.dmarc(source.policyDomain());
    Set<String> aligned = new LinkedHashSet<>();
    aligned.add(source.policyDomain());
    source.envelopeDomains().stream()
        .filter(d -> OrgDomains.aligned(d, source.policyDomain(), Facts.strictSpf(dmarc)))
        .forEach(aligned::add);
    List<SpfCheck> ownSpf = aligned.stream().map(d -> checkHost(source, d)).toList();
    return new Facts(
        source, checkedAt, host, ptrService, dmarc, Set.copyOf(aligned), ownSpf, null, null);
  }

  /** Step 2: the keys of the aligned DKIM signatures the reports name by selector. */
  private List<Signature> signatures(Facts facts) {
    return facts.source().dkim().stream()
        .filter(d -> d.selector() != null && !d.selector().isBlank() && facts.aligned(d))
        .map(d -> new Signature(d, policies.dkim(d.domain(), d.selector())))
        .toList();
  }

  /** Step 3: SPF for the envelope domains that are not aligned. */
  private List<SpfCheck> otherDomainsSpf(Facts facts) {
    return facts.source().envelopeDomains().stream()
        .filter(d -> !facts.alignedDomains().contains(d))
        .map(d -> checkHost(facts.source(), d))
        .toList();
  }

  private SpfCheck checkHost(FailingSource source, String domain) {
    return spf.checkHost(source.ip(), domain, "postmaster@" + domain, domain);
  }

  /** What is wrong with a signature's key, as part of the action; empty when nothing is. */
  private Optional<String> keyProblem(Signature signature) {
    String selector = signature.reported().selector();
    String name = signature.lookup().name();
    return switch (signature.key()) {
      case MISSING ->
          Optional.of(actions.dkimKeyMissing(selector, name, signature.lookup().answer().status()));
      case REVOKED -> Optional.of(actions.dkimKeyRevoked(selector, name));
      case BROKEN -> Optional.of(actions.dkimKeyBroken(name, signature.lookup().key().problems()));
      case UNANSWERED, VALID -> Optional.empty();
    };
  }

  /** A signature with a valid key that failed: the message changed on the way. */
  private static boolean brokenInTransit(List<Signature> signatures) {
    return signatures.stream()
        .anyMatch(s -> s.key() == Signature.Key.VALID && !s.reported().passed());
  }

  /** Whether the published policy already has receivers quarantine or reject failing mail. */
  private static boolean enforced(String policy) {
    return "reject".equals(policy) || "quarantine".equals(policy);
  }

  /**
   * Everything known about the source for naming its service: the reports' DKIM results and
   * envelope domains, the includes of the SPF evaluation that passed, the forward-confirmed PTR.
   */
  private static Clues clues(Facts facts, Optional<SpfCheck> spfPass) {
    FailingSource source = facts.source();
    List<Clues.Signature> signatures =
        source.dkim().stream()
            .map(d -> new Clues.Signature(d.domain(), d.selector(), d.passed()))
            .toList();
    List<String> envelope = new ArrayList<>(source.envelopeDomains());
    source.spf().stream().map(AuthResult::domain).filter(d -> d != null).forEach(envelope::add);
    List<String> includes =
        spfPass.stream()
            .flatMap(pass -> pass.matched().stream())
            .map(Classifier::include)
            .flatMap(Optional::stream)
            .toList();
    String ptr = facts.host().forwardConfirmed() ? facts.host().ptr() : null;
    return new Clues(signatures, envelope, includes, ptr, null);
  }

  private static Optional<String> include(String matched) {
    int at = matched.indexOf(": include:");
    return at < 0
        ? Optional.empty()
        : Optional.of(matched.substring(at + ": include:".length()).toLowerCase(Locale.ROOT));
  }

  private Result result(Facts facts, Decision decision) {
    FailingSource source = facts.source();
    Finding finding =
        new Finding(
            source.policyDomain(),
            source.ip(),
            source.messages(),
            decision.verdict(),
            decision.action(),
            serviceName(decision),
            facts.evidence(decision.dnsError(), decision.sender()));
    HostName host = facts.host();
    HostCheck hostCheck =
        new HostCheck(
            source.policyDomain(),
            source.ip(),
            host.ptr(),
            host.ptrAnswer().status().isFailure() ? null : host.forwardConfirmed(),
            host.orgDomain(),
            serviceName(decision),
            null,
            List.of());
    return new Result(finding, hostCheck);
  }

  private static String serviceName(Decision decision) {
    return decision.sender() == null ? null : decision.sender().service();
  }
}
