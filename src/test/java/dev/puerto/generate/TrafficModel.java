package dev.puerto.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns "this kind of sender sent N messages" into a record whose auth results, policy evaluation
 * and disposition agree with each other and with the published policy.
 */
final class TrafficModel {
  private static final String OWN_SELECTOR = "s2026";

  private TrafficModel() {}

  static FeedbackRecord record(
      Sender sender,
      String headerFrom,
      DomainPolicy policy,
      long count,
      XmlDialect dialect,
      SplittableRandom random) {
    Authentication auth = authenticate(sender, headerFrom, policy.domain(), dialect, random);
    boolean dmarcPass = auth.dkimAligned() || auth.spfAligned();
    List<OverrideReason> reasons = new ArrayList<>();
    String disposition;
    if (dmarcPass) {
      boolean enforcing = !policy.requestedFor(headerFrom).equals("none");
      disposition = dialect.isDmarcBis() && enforcing ? "pass" : "none";
    } else {
      disposition = failureDisposition(sender, headerFrom, policy, dialect, random, reasons);
    }
    return new FeedbackRecord(
        sender.ip(),
        count,
        disposition,
        auth.dkimAligned() ? "pass" : "fail",
        auth.spfAligned() ? "pass" : "fail",
        reasons,
        headerFrom,
        auth.envelopeFrom(),
        null,
        auth.dkim(),
        auth.spf());
  }

  private record Authentication(
      List<DkimResult> dkim,
      List<SpfResult> spf,
      String envelopeFrom,
      boolean dkimAligned,
      boolean spfAligned) {}

  private static Authentication authenticate(
      Sender sender,
      String headerFrom,
      String domain,
      XmlDialect dialect,
      SplittableRandom random) {
    String service = sender.serviceDomain();
    return switch (sender.kind()) {
      case OWN_MTA -> {
        List<DkimResult> dkim = new ArrayList<>();
        dkim.add(new DkimResult(domain, OWN_SELECTOR, "pass"));
        if (random.nextInt(100) < 30) {
          dkim.add(new DkimResult(domain, "ed" + OWN_SELECTOR, "pass"));
        }
        yield new Authentication(
            dkim, List.of(new SpfResult(headerFrom, "mfrom", "pass")), headerFrom, true, true);
      }
      case ALIGNED_ESP -> {
        List<DkimResult> dkim = new ArrayList<>();
        dkim.add(new DkimResult(domain, "esp1", "pass"));
        if (random.nextBoolean()) {
          dkim.add(new DkimResult(service, "s1", "pass"));
        }
        String bounce = "bounces." + service;
        yield new Authentication(
            dkim, List.of(new SpfResult(bounce, "mfrom", "pass")), bounce, true, false);
      }
      case UNALIGNED_ESP ->
          new Authentication(
              List.of(new DkimResult(service, "s1", "pass")),
              List.of(new SpfResult(service, "mfrom", "pass")),
              service,
              false,
              false);
      case FORWARDER -> {
        boolean survived = random.nextInt(100) < 60;
        String spf = random.nextBoolean() ? "fail" : "softfail";
        yield new Authentication(
            List.of(new DkimResult(domain, OWN_SELECTOR, survived ? "pass" : "fail")),
            List.of(new SpfResult(headerFrom, "mfrom", spf)),
            headerFrom,
            survived,
            false);
      }
      case MAILING_LIST ->
          new Authentication(
              List.of(
                  new DkimResult(domain, OWN_SELECTOR, "fail"),
                  new DkimResult(service, "list", "pass")),
              List.of(new SpfResult(service, "mfrom", "pass")),
              service,
              false,
              false);
      case NULL_SENDER -> {
        // RFC 7489 reporters omit envelope_from for a null reverse-path; RFC 9990 leaves it empty
        // and allows no helo scope.
        SpfResult helo = new SpfResult(service, dialect.isDmarcBis() ? null : "helo", "pass");
        yield new Authentication(
            List.of(new DkimResult(domain, OWN_SELECTOR, "pass")),
            List.of(helo),
            dialect.isDmarcBis() ? "" : null,
            true,
            false);
      }
      case SPOOFER -> spoof(service, headerFrom, domain, random);
    };
  }

  private static Authentication spoof(
      String spamDomain, String headerFrom, String domain, SplittableRandom random) {
    int dkimRoll = random.nextInt(100);
    List<DkimResult> dkim =
        dkimRoll < 50
            ? List.of()
            : List.of(
                dkimRoll < 80
                    ? new DkimResult(spamDomain, "default", "pass")
                    : new DkimResult(domain, OWN_SELECTOR, "fail"));
    boolean ownEnvelope = random.nextBoolean();
    String envelope = ownEnvelope ? spamDomain : headerFrom;
    String spf =
        ownEnvelope
            ? pick(random, "pass", "none", "neutral")
            : pick(random, "fail", "softfail", "none");
    return new Authentication(
        dkim, List.of(new SpfResult(envelope, "mfrom", spf)), envelope, false, false);
  }

  private static String failureDisposition(
      Sender sender,
      String headerFrom,
      DomainPolicy policy,
      XmlDialect dialect,
      SplittableRandom random,
      List<OverrideReason> reasons) {
    String requested = policy.requestedFor(headerFrom);
    if (requested.equals("none")) {
      return "none";
    }
    String override = localOverride(sender.kind(), dialect, random);
    if (override != null) {
      reasons.add(new OverrideReason(override, null));
      return "none";
    }
    if (dialect.isDmarcBis() && policy.testing()) {
      reasons.add(new OverrideReason("policy_test_mode", null));
      return "none";
    }
    if (!dialect.isDmarcBis() && random.nextInt(100) >= policy.pct()) {
      reasons.add(new OverrideReason("sampled_out", null));
      return requested.equals("reject") ? "quarantine" : "none";
    }
    return requested;
  }

  /** The receiver's own judgement: known forwarders and lists are let through, most of the time. */
  private static String localOverride(
      SenderKind kind, XmlDialect dialect, SplittableRandom random) {
    int roll = random.nextInt(100);
    return switch (kind) {
      case FORWARDER ->
          roll < 50 ? (dialect.isDmarcBis() ? "trusted_forwarder" : "forwarded") : null;
      case MAILING_LIST -> roll < 70 ? "mailing_list" : null;
      case SPOOFER -> roll < 3 ? "local_policy" : null;
      default -> null;
    };
  }

  private static String pick(SplittableRandom random, String... values) {
    return values[random.nextInt(values.length)];
  }
}
