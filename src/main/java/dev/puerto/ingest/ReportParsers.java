package dev.puerto.ingest;

import dev.puerto.arf.FailureReportParser;
import dev.puerto.parse.ReportParser;
import dev.puerto.tlsrpt.TlsReportParser;

/** The parser of each kind of report document. */
public record ReportParsers(
    ReportParser aggregate, FailureReportParser failure, TlsReportParser tls) {

  /**
   * @param keepFailureBodies keep the bodies of the messages failure reports return ({@code
   *     --keep-failure-bodies}); off, only their headers are kept
   */
  public static ReportParsers of(boolean keepFailureBodies) {
    return new ReportParsers(
        new ReportParser(), new FailureReportParser(keepFailureBodies), new TlsReportParser());
  }
}
