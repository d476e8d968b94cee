package dev.puerto.tlsrpt;

import dev.puerto.parse.ReportRejectedException;
import java.io.InputStream;

/** Reads one SMTP TLS report from its JSON. */
public final class TlsReportParser {

  public TlsReportParser() {}

  /**
   * Parses one JSON document (its size is bounded by the caller; nesting, numbers, strings and the
   * count of policies and failure details are bounded here).
   *
   * @param name the document, for messages (they start with it)
   * @throws ReportRejectedException when the JSON is no SMTP TLS report Puerto can store
   */
  public TlsReport parse(String name, InputStream json) throws ReportRejectedException {
    throw new ReportRejectedException(name + ": SMTP TLS reports are not read yet", null);
  }
}
