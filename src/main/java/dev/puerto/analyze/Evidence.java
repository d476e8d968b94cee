package dev.puerto.analyze;

import dev.puerto.dns.DkimKey;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfCheck;
import dev.puerto.sender.Attribution;
import java.time.Instant;
import java.util.List;

/**
 * The DNS answers and evaluations behind a verdict, each with its time, as far as the classifier
 * looked before it decided. {@link EvidenceJson} writes it, the same where it is stored and
 * printed.
 *
 * @param spf SPF now for the policy domain and the envelope domains aligned with it
 * @param dkim the aligned DKIM signatures the reports name, with their keys; null when decided
 *     before looking
 * @param spfOtherDomains SPF now for the envelope domains that are not aligned; null when decided
 *     before looking
 * @param dnsError for a dns_error verdict, the DNS failures that kept the source from being judged;
 *     else null
 * @param sender the known service the source is, with the evidence that names it; null when none
 */
public record Evidence(
    Instant checkedAt,
    HostName ptr,
    DnsAnswer dmarc,
    List<SpfCheck> spf,
    List<DkimSignature> dkim,
    List<SpfCheck> spfOtherDomains,
    String dnsError,
    Attribution sender) {
  public Evidence {
    spf = List.copyOf(spf);
    dkim = dkim == null ? null : List.copyOf(dkim);
    spfOtherDomains = spfOtherDomains == null ? null : List.copyOf(spfOtherDomains);
  }

  /**
   * @param keyStatus the key's status, null when DNS did not answer or has no key
   */
  public record DkimSignature(
      String selector,
      String domain,
      String reportedResult,
      DnsAnswer answer,
      DkimKey.Status keyStatus) {}
}
