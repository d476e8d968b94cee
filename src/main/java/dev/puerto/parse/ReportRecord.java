package dev.puerto.parse;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.List;

/**
 * One row of a report: messages from one source IP with one set of results.
 *
 * <p>{@code sourceIp} and {@code count} are always present ({@code count >= 0}). {@code
 * disposition}, {@code dkim} and {@code spf} come from {@code policy_evaluated} and are lower-cased
 * as sent ({@code pass} is a legal RFC 9990 disposition and is kept). The domains are lower-case
 * without a trailing dot; {@code identities} (pre-RFC drafts) is read when {@code identifiers} is
 * absent. Like everywhere in this package, an absent element is {@code null} and an empty one
 * {@code ""} (RFC 9990 sends an empty {@code envelope_from} for a null reverse-path). {@code
 * extensions} holds the record's RFC 9990 extension elements (its children other than {@code row},
 * {@code identifiers}, {@code identities} and {@code auth_results}) as one XML document, {@code
 * <extensions>} around them in document order; null when it has none, {@code <extensions
 * omitted="..."/>} when they were larger than Puerto keeps (64 KiB).
 */
public record ReportRecord(
    InetAddress sourceIp,
    long count,
    String disposition,
    String dkim,
    String spf,
    List<OverrideReason> reasons,
    String headerFrom,
    String envelopeFrom,
    String envelopeTo,
    List<DkimResult> dkimResults,
    List<SpfAuthResult> spfResults,
    String extensions)
    implements Serializable {

  public ReportRecord {
    reasons = List.copyOf(reasons);
    dkimResults = List.copyOf(dkimResults);
    spfResults = List.copyOf(spfResults);
  }
}
