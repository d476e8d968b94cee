package dev.puerto.generate;

import java.util.List;

/**
 * One {@code <record>}. Values are strings so samples can carry reporter quirks ({@code Pass},
 * {@code hardfail}) and broken values verbatim; a null is omitted, an empty string is written as an
 * empty element.
 */
public record FeedbackRecord(
    String sourceIp,
    long count,
    String disposition,
    String dkimEvaluated,
    String spfEvaluated,
    List<OverrideReason> reasons,
    String headerFrom,
    String envelopeFrom,
    String envelopeTo,
    List<DkimResult> dkim,
    List<SpfResult> spf) {

  public FeedbackRecord {
    reasons = List.copyOf(reasons);
    dkim = List.copyOf(dkim);
    spf = List.copyOf(spf);
  }
}
