package dev.puerto.ingest;

/**
 * What became of one part of an input: a report (imported or duplicate), or a rejected part.
 *
 * @param path the part, e.g. {@code mail.eml!report.zip!report.xml}
 * @param outcome imported, duplicate or rejected
 * @param kind why a part was rejected, in kinds a caller can act on (e.g. move a failure report to
 *     its own mail folder); {@link RejectionKind#NONE} for a report
 * @param records records stored (0 unless imported)
 * @param messages messages in the stored records
 * @param reason the precise rejection reason, or null
 */
public record DocumentResult(
    String path, Outcome outcome, RejectionKind kind, int records, long messages, String reason) {

  public enum Outcome {
    IMPORTED,
    DUPLICATE,
    REJECTED
  }

  /** Why a part holds no usable aggregate report. */
  public enum RejectionKind {
    NONE,
    /** Unreadable, broken, hostile or not understood. */
    INVALID,
    /** A DMARC failure (forensic) report. */
    FAILURE_REPORT,
    /** An SMTP TLS report (RFC 8460). */
    TLS_REPORT
  }

  static DocumentResult imported(String path, int records, long messages) {
    return new DocumentResult(path, Outcome.IMPORTED, RejectionKind.NONE, records, messages, null);
  }

  static DocumentResult duplicate(String path) {
    return new DocumentResult(path, Outcome.DUPLICATE, RejectionKind.NONE, 0, 0, null);
  }

  static DocumentResult rejected(String path, RejectionKind kind, String reason) {
    return new DocumentResult(path, Outcome.REJECTED, kind, 0, 0, reason);
  }
}
