/**
 * Reads DMARC failure reports (RFC 6591 ARF as updated by RFC 9991) and any other ARF feedback
 * report (RFC 5965) from the e-mail that carries them into immutable records; {@link
 * dev.puerto.arf.FailureReportParser} is the entry. Liberal where real reporters deviate (LF or
 * CRLF, the feedback part as text/plain, headers only, no ARF part at all, older field names,
 * time-zone names) and saying what was missing. It must not know where e-mails come from or where
 * reports go; a report it cannot understand is a {@link dev.puerto.parse.ReportRejectedException}.
 */
package dev.puerto.arf;
