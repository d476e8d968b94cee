package dev.puerto.generate;

import java.util.List;

/**
 * One aggregate report ready to be written. The records are an {@link Iterable} so a report of a
 * million records is produced while it is written; each iteration must yield the same records.
 */
public record GeneratedReport(
    Reporter reporter,
    ReportMetadata metadata,
    PolicyPublished policy,
    List<FeedbackExtension> extensions,
    Iterable<FeedbackRecord> records) {

  public GeneratedReport {
    extensions = List.copyOf(extensions);
  }

  /** The RFC 9990 file name stem, {@code receiver!policy-domain!begin!end[!id]}. */
  public String fileStem() {
    String stem =
        String.join(
            "!",
            reporter.receiverDomain(),
            policy.domain(),
            Long.toString(metadata.begin()),
            Long.toString(metadata.end()));
    return reporter.namesFileWithReportId() ? stem + "!" + metadata.reportId() : stem;
  }
}
