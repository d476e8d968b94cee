package dev.puerto.analyze;

import dev.puerto.dns.DnsStatus;
import dev.puerto.dns.SpfCheck;
import dev.puerto.i18n.Messages;
import dev.puerto.sender.Attribution;
import dev.puerto.sender.Sender;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The recommended actions, one sentence (or two) per verdict, as analyze prints and stores them, in
 * the language people read (the {@code analyze.*} keys). The catalogue's settings of a service are
 * English data and stay so inside the sentence.
 */
final class Actions {
  private final Messages messages;

  Actions(Messages messages) {
    this.messages = messages;
  }

  /** Why a source counts as forwarded when an aligned signature with a good key failed. */
  String brokenInTransit() {
    return messages.text("analyze.broken_in_transit");
  }

  String fixedSinceReport(SpfCheck pass, String ip) {
    return messages.text("analyze.fixed_since_report", pass.domain(), ip, pass.describe());
  }

  String ownDomainUnanswered(SpfCheck temperror) {
    return messages.text("analyze.own_domain_unanswered", temperror.domain(), temperror.problem());
  }

  String dkimKeyMissing(String selector, String name, DnsStatus status) {
    return messages.text("analyze.dkim_key_missing", selector, name, String.valueOf(status));
  }

  String dkimKeyRevoked(String selector, String name) {
    return messages.text("analyze.dkim_key_revoked", selector, name);
  }

  String dkimKeyBroken(String name, List<String> problems) {
    return messages.text("analyze.dkim_key_broken", name, String.join("; ", problems));
  }

  /** The problems of every key at fault, as one action. */
  String dkimKeyProblem(List<String> problems) {
    return capitalize(String.join(". ", problems)) + ".";
  }

  String forwardingReported(Collection<String> reasons) {
    return messages.text("analyze.forwarding_reported", String.join(", ", reasons));
  }

  String forwardingHost(String ip, String service) {
    return messages.text("analyze.forwarding_host", ip, service);
  }

  String forwarded(String why) {
    return messages.text("analyze.forwarded", why);
  }

  String spfPasses(SpfCheck pass) {
    return messages.text("analyze.spf_passes", pass.domain());
  }

  String dkimPasses(String signingDomain) {
    return messages.text("analyze.dkim_passes", signingDomain);
  }

  /**
   * For a sender that authenticates as another domain: the service and the settings that align it,
   * from the catalogue, when the evidence names one.
   */
  String notAligned(String domain, String authenticated, Optional<Attribution> service) {
    if (service.isEmpty()) {
      return messages.text("analyze.not_aligned.unknown_sender", domain, authenticated);
    }
    Attribution a = service.get();
    Sender s = a.sender();
    String dkim =
        s.dkimSetting() != null
            ? sentence(s.dkimSetting())
            : messages.text("analyze.not_aligned.dkim_default", s.name());
    String spf;
    if (s.returnPathSetting() != null) {
      String setting = sentence(s.returnPathSetting());
      spf =
          messages.text(
              "analyze.not_aligned.spf_alignment",
              s.spf().isEmpty()
                  ? setting
                  : messages.text(
                      "analyze.not_aligned.spf_include",
                      setting.substring(0, setting.length() - 1),
                      s.spf().get(0)));
    } else if (!s.spf().isEmpty()) {
      spf = messages.text("analyze.not_aligned.custom_return_path", domain, s.spf().get(0));
    } else {
      spf = messages.text("analyze.not_aligned.no_spf_alignment");
    }
    return messages.text(
        "analyze.not_aligned.known_sender",
        s.name(),
        domain,
        authenticated,
        a.matched(),
        dkim,
        spf,
        a.docUrl());
  }

  /** A catalogue setting as a sentence of the action. */
  private static String sentence(String text) {
    String capitalized = capitalize(text);
    return capitalized.endsWith(".") ? capitalized : capitalized + ".";
  }

  String unjudged(List<String> dnsFailures) {
    return messages.text("analyze.unjudged", String.join("; ", dnsFailures));
  }

  /** For a spoofer that the published policy already has receivers quarantine or reject. */
  String spoofingEnforced(String ip, String domain, String policy) {
    return messages.text("analyze.spoofing_enforced", ip, domain, policy);
  }

  String spoofing(String ip, String domain) {
    return messages.text("analyze.spoofing", ip, domain);
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
