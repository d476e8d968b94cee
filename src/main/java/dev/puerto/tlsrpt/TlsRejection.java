package dev.puerto.tlsrpt;

/**
 * Why a report cannot be stored, said without the document name, which only {@link TlsReportParser}
 * knows; it turns this into a {@link dev.puerto.parse.ReportRejectedException}.
 */
final class TlsRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TlsRejection(String reason) {
    super(reason);
  }
}
