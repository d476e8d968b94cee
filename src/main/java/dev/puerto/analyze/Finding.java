package dev.puerto.analyze;

import dev.puerto.schema.Verdict;
import java.net.InetAddress;

/**
 * One failing source, classified, with what to do and the DNS evidence.
 *
 * @param messages messages from the source that failed DMARC in the window
 * @param service the known sending service, or null
 * @param evidence the DNS answers and evaluations behind the verdict, each with its time
 */
public record Finding(
    String policyDomain,
    InetAddress sourceIp,
    long messages,
    Verdict verdict,
    String action,
    String service,
    Evidence evidence) {
  /** For a dns_error finding, the DNS failures that kept it from being judged; else null. */
  public String dnsError() {
    return evidence.dnsError();
  }
}
