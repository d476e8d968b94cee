package dev.puerto.parse;

/**
 * Thrown by the converters, which do not know the document name; {@link ReportReader} turns it into
 * a {@link ReportRejectedException}.
 */
final class InvalidReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidReportException(String reason) {
    super(reason);
  }
}
