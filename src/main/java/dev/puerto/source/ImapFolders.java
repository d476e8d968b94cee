package dev.puerto.source;

import java.util.Objects;

/**
 * The folder Puerto reads and where it files messages after their reports are committed. Names use
 * {@code /} between levels whatever the server's own separator is.
 */
public record ImapFolders(
    String source, String processed, String invalid, String failureReports, String tlsReports) {

  public ImapFolders {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(processed, "processed");
    Objects.requireNonNull(invalid, "invalid");
    Objects.requireNonNull(failureReports, "failureReports");
    Objects.requireNonNull(tlsReports, "tlsReports");
  }

  /** The folder a message of this destination goes to. */
  public String folderFor(Destination destination) {
    return switch (destination) {
      case PROCESSED -> processed;
      case INVALID -> invalid;
      case FAILURE_REPORT -> failureReports;
      case TLS_REPORT -> tlsReports;
      case KEEP -> source;
    };
  }

  /** Where a message belongs once what it holds is committed to the database. */
  public enum Destination {
    /** It held at least one aggregate report (new or already stored). */
    PROCESSED,
    /** It held no aggregate report and is not a failure or TLS report. */
    INVALID,
    /** A DMARC failure (forensic) report. */
    FAILURE_REPORT,
    /** An SMTP TLS report. */
    TLS_REPORT,
    /** Leave it where it is (it could not be processed; the next run tries again). */
    KEEP
  }

  /** What to do with a message after its reports are committed. */
  public enum AfterImport {
    /** Move it to the folder of its destination (the default). */
    MOVE,
    /** Leave it in place, flagged as seen; seen messages are skipped next time. */
    MARK_SEEN,
    /**
     * Delete messages that held reports; other messages are still moved to their folder, never
     * deleted.
     */
    DELETE
  }
}
