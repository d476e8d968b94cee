package dev.puerto.parse;

/**
 * A report that cannot be understood. The message starts with the document name and says what is
 * wrong, precisely enough for a person to find it in the file (record number, element, line and
 * column of malformed XML).
 */
public final class ReportRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReportRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
