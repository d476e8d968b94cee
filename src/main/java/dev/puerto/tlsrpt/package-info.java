/**
 * Reads SMTP TLS reports (RFC 8460 JSON) into immutable records; {@link
 * dev.puerto.tlsrpt.TlsReportParser} is the entry. Strict where the RFC is (a report id, dates,
 * counts that are whole and not negative), liberal elsewhere (field case, fields it does not name,
 * which are kept). It must not know where documents come from or where reports go; a report it
 * cannot understand is a {@link dev.puerto.parse.ReportRejectedException}.
 */
package dev.puerto.tlsrpt;
