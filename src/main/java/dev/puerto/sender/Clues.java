package dev.puerto.sender;

import java.util.List;

/**
 * What is known about one source: from its reports, and from DNS where the caller looked.
 *
 * @param signatures the DKIM results the reports carry
 * @param envelopeDomains the envelope (MAIL FROM) domains, or the SPF result domains
 * @param spfIncludes the include: domains of the SPF evaluation that authorized the source,
 *     outermost first; empty when not evaluated
 * @param ptr the source's forward-confirmed PTR name, or null
 * @param asn the source's autonomous system number, or null when not known
 */
public record Clues(
    List<Signature> signatures,
    List<String> envelopeDomains,
    List<String> spfIncludes,
    String ptr,
    Long asn) {
  public Clues {
    signatures = List.copyOf(signatures);
    envelopeDomains = List.copyOf(envelopeDomains);
    spfIncludes = List.copyOf(spfIncludes);
  }

  /** What the reports alone say: signatures and envelope domains, no DNS. */
  public static Clues fromReports(List<Signature> signatures, List<String> envelopeDomains) {
    return new Clues(signatures, envelopeDomains, List.of(), null, null);
  }

  /**
   * A DKIM result as reported.
   *
   * @param selector null or blank when the report has none
   */
  public record Signature(String domain, String selector, boolean passed) {}
}
