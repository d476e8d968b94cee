package dev.puerto.analyze;

import dev.puerto.dns.DnsStatus;
import dev.puerto.dns.SpfCheck;
import dev.puerto.sender.Attribution;
import dev.puerto.sender.Sender;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The recommended actions, one sentence (or two) per verdict, as analyze prints and stores them.
 */
final class Actions {
  /** Why a source counts as forwarded when an aligned signature with a good key failed. */
  static final String BROKEN_IN_TRANSIT =
      "an aligned DKIM signature with a valid key failed, as when a list or forwarder"
          + " changes the message";

  private Actions() {}

  static String fixedSinceReport(SpfCheck pass, String ip) {
    return "Nothing to change: SPF for "
        + pass.domain()
        + " now authorizes "
        + ip
        + " ("
        + pass.describe()
        + "); it failed when the reports were written.";
  }

  static String ownDomainUnanswered(SpfCheck temperror) {
    return "The DNS of "
        + temperror.domain()
        + " did not answer ("
        + temperror.problem()
        + "): check its name servers, then run analyze again. The source is not judged.";
  }

  static String dkimKeyMissing(String selector, String name, DnsStatus status) {
    return "publish the DKIM key for selector "
        + selector
        + " at "
        + name
        + " TXT (the reports name it; DNS says "
        + status
        + ")";
  }

  static String dkimKeyRevoked(String selector, String name) {
    return "selector "
        + selector
        + " is revoked (empty p=) but still signs mail: switch the sender to a current"
        + " selector, or publish the key again at "
        + name;
  }

  static String dkimKeyBroken(String name, List<String> problems) {
    return "fix the DKIM key at " + name + ": " + String.join("; ", problems);
  }

  /** The problems of every key at fault, as one action. */
  static String dkimKeyProblem(List<String> problems) {
    return capitalize(String.join(". ", problems)) + ".";
  }

  static String forwardingReported(Collection<String> reasons) {
    return "the receivers reported the override reason " + String.join(", ", reasons);
  }

  static String forwardingHost(String ip, String service) {
    return ip + " is " + service + ", which forwards its users' mail";
  }

  static String forwarded(String why) {
    return "Nothing to change in DNS: forwarded mail ("
        + why
        + "). Keep DKIM signing on every stream: a signature that survives forwarding keeps"
        + " DMARC passing; ARC-aware receivers may also accept it.";
  }

  static String spfPasses(SpfCheck pass) {
    return "SPF passes for " + pass.domain();
  }

  static String dkimPasses(String signingDomain) {
    return "DKIM passes for d=" + signingDomain;
  }

  /**
   * For a sender that authenticates as another domain: the service and the settings that align it,
   * from the catalogue, when the evidence names one.
   */
  static String notAligned(String domain, String authenticated, Optional<Attribution> service) {
    if (service.isEmpty()) {
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
    Attribution a = service.get();
    Sender s = a.sender();
    String dkim =
        s.dkimSetting() != null
            ? sentence(s.dkimSetting())
            : "have " + s.name() + " sign with your domain (DKIM CNAMEs or a key it gives you).";
    String spf;
    if (s.returnPathSetting() != null) {
      String setting = sentence(s.returnPathSetting());
      spf =
          " For SPF alignment: "
              + (s.spf().isEmpty()
                  ? setting
                  : setting.substring(0, setting.length() - 1)
                      + " (its SPF include is include:"
                      + s.spf().get(0)
                      + ").");
    } else if (!s.spf().isEmpty()) {
      spf =
          " Or use a custom return-path (bounce) domain under "
              + domain
              + " and add include:"
              + s.spf().get(0)
              + " to its SPF record.";
    } else {
      spf = " Its return path stays its own, so SPF cannot align: DKIM alignment is enough.";
    }
    return "Mail from "
        + s.name()
        + " is authenticated, but not as "
        + domain
        + " ("
        + authenticated
        + "; named by "
        + a.matched()
        + "). Sign it with d="
        + domain
        + ": "
        + dkim
        + spf
        + " See "
        + a.docUrl()
        + ".";
  }

  /** A catalogue setting as a sentence of the action. */
  private static String sentence(String text) {
    String capitalized = capitalize(text);
    return capitalized.endsWith(".") ? capitalized : capitalized + ".";
  }

  static String unjudged(List<String> dnsFailures) {
    return "Not judged: DNS failed ("
        + String.join("; ", dnsFailures)
        + "). Run analyze again; if it persists, check those name servers.";
  }

  /** For a spoofer that the published policy already has receivers quarantine or reject. */
  static String spoofingEnforced(String ip, String domain, String policy) {
    return "Nothing to change: nothing authenticates "
        + ip
        + " for "
        + domain
        + " and it is no known sender, so it is likely spoofing; p="
        + policy
        + " already tells receivers to "
        + policy
        + " it. If it is yours, authorize it in SPF or sign its mail with DKIM.";
  }

  static String spoofing(String ip, String domain) {
    return "Likely spoofing: nothing authenticates "
        + ip
        + " for "
        + domain
        + ". If it is yours, authorize it in SPF or sign with DKIM; once every legitimate"
        + " source aligns, set p=quarantine in _dmarc."
        + domain
        + " so receivers stop delivering such mail.";
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
