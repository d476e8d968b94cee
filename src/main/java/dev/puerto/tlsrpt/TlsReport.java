package dev.puerto.tlsrpt;

import java.time.Instant;
import java.util.List;

/**
 * One SMTP TLS report (RFC 8460 section 4), as its JSON says.
 *
 * <p>Text is as sent, trimmed; {@code null} means the field was absent. {@code unknownFields} is a
 * JSON object (as text) holding every top-level field RFC 8460 does not name, {@code "{}"} when
 * there is none: reporters add their own and nothing they send is dropped.
 *
 * @param name the document, as the unpacker names it (for messages)
 * @param organizationName {@code organization-name}; never blank
 * @param reportId {@code report-id}; never blank
 * @param begin {@code date-range.start-datetime}
 * @param end {@code date-range.end-datetime}, never before {@code begin}
 * @param contactInfo {@code contact-info}
 * @param policies {@code policies}, in order (at most 10,000)
 * @param unknownFields the report's fields RFC 8460 does not name, as a JSON object text; those
 *     inside {@code date-range} are under {@code "date-range"}
 */
public record TlsReport(
    String name,
    String organizationName,
    String reportId,
    Instant begin,
    Instant end,
    String contactInfo,
    List<TlsPolicy> policies,
    String unknownFields) {

  public TlsReport {
    policies = List.copyOf(policies);
  }
}
