package dev.puerto.generate;

import java.util.zip.Deflater;

/**
 * An SMTP TLS report e-mail (RFC 8460 section 5.3): multipart/report; report-type="tlsrpt", a text
 * part and the report attached as {@code application/tlsrpt+gzip} (base64) or, uncompressed, as
 * {@code application/tlsrpt+json}. LF line endings.
 */
record TlsReportEmail(
    MailHeaders headers,
    String submitter,
    String subjectReportId,
    String text,
    String boundary,
    String attachmentName,
    TlsReport report,
    boolean gzipped) {

  /** The policy domain of the report's first policy, as the TLS-Report-Domain header names it. */
  String domain() {
    return report.policies().get(0).domain();
  }

  Payloads.MboxMessage inMailbox() {
    return headers.inMailbox(payload());
  }

  Payload payload() {
    String head =
        headers.lines(ReportEmail.subject(domain(), submitter, "<" + subjectReportId + ">"))
            + """
            TLS-Report-Domain: %2$s
            TLS-Report-Submitter: %3$s
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type="tlsrpt";
             boundary="%1$s"

            --%1$s
            Content-Type: text/plain; charset="us-ascii"
            Content-Transfer-Encoding: 7bit

            %4$s

            --%1$s
            Content-Type: %5$s; name="%6$s"
            Content-Disposition: attachment; filename="%6$s"
            Content-Transfer-Encoding: %7$s

            """
                .formatted(
                    boundary,
                    domain(),
                    submitter,
                    text,
                    gzipped ? "application/tlsrpt+gzip" : "application/tlsrpt+json",
                    attachmentName,
                    gzipped ? "base64" : "7bit");
    Payload attachment =
        gzipped
            ? Payloads.base64("\n", Payloads.gzip(Deflater.BEST_COMPRESSION, report.json(false)))
            : report.json(true);
    return Payloads.concat(
        Payloads.text(head), attachment, Payloads.text("\n--" + boundary + "--\n"));
  }
}
