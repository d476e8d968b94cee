package dev.puerto.ingest;

import dev.puerto.unpack.DocumentKind;

/**
 * What became of one part of an input: a report (imported or duplicate), or a rejected part.
 *
 * @param path the part, e.g. {@code mail.eml!report.zip!report.xml}
 * @param outcome imported, duplicate or rejected
 * @param kind the kind of report the part is (a caller files a failure report in its own mail
 *     folder, say); {@code null} for a part that is no report document at all
 * @param records aggregate-report records stored (0 unless an aggregate report was imported)
 * @param messages messages in the stored records
 * @param reason the precise rejection reason, or null
 */
public record DocumentResult(
    String path, Outcome outcome, DocumentKind kind, int records, long messages, String reason) {

  public enum Outcome {
    IMPORTED,
    DUPLICATE,
    REJECTED
  }

  public boolean is(DocumentKind kind) {
    return this.kind == kind;
  }

  static DocumentResult imported(String path, DocumentKind kind, int records, long messages) {
    return new DocumentResult(path, Outcome.IMPORTED, kind, records, messages, null);
  }

  static DocumentResult duplicate(String path, DocumentKind kind) {
    return new DocumentResult(path, Outcome.DUPLICATE, kind, 0, 0, null);
  }

  static DocumentResult stored(String path, DocumentKind kind, boolean isNew) {
    return isNew ? imported(path, kind, 0, 0) : duplicate(path, kind);
  }

  static DocumentResult rejected(String path, DocumentKind kind, String reason) {
    return new DocumentResult(path, Outcome.REJECTED, kind, 0, 0, reason);
  }

  /** A part that is no report document: unreadable, broken, hostile or not understood. */
  static DocumentResult unusable(String path, String reason) {
    return rejected(path, null, reason);
  }
}
