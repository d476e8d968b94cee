package dev.puerto.generate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A DMARC failure report as RFC 6591 (ARF) has it: multipart/report with a human-readable part, a
 * message/feedback-report part of {@code fields}, and the returned message or its headers. LF line
 * endings; {@code feedbackInBase64} sends the feedback part base64-encoded with CRLF inside, as
 * some reporters do.
 */
record FailureReportEmail(
    MailHeaders headers,
    String subject,
    String humanText,
    List<String> fields,
    String returnedType,
    String returned,
    String boundary,
    boolean feedbackInBase64) {

  FailureReportEmail {
    fields = List.copyOf(fields);
  }

  String text() {
    return headers.lines(subject)
        + """
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report;
         boundary="%1$s"

        This is a multi-part message in MIME format.

        --%1$s
        Content-Type: text/plain; charset="us-ascii"
        Content-Transfer-Encoding: 7bit

        %2$s

        --%1$s
        %3$s
        --%1$s
        Content-Type: %4$s
        Content-Disposition: inline

        %5$s
        --%1$s--
        """
            .formatted(boundary, humanText, feedbackPart(), returnedType, returned);
  }

  private String feedbackPart() {
    String feedback = String.join("\n", fields) + "\n";
    if (!feedbackInBase64) {
      return "Content-Type: message/feedback-report\n\n" + feedback;
    }
    byte[] crlf = feedback.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    return "Content-Type: message/feedback-report\nContent-Transfer-Encoding: base64\n\n"
        + Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(crlf)
        + "\n";
  }

  Payload payload() {
    return payload(text());
  }

  Payloads.MboxMessage inMailbox() {
    return headers.inMailbox(payload());
  }

  /** The e-mail's bytes, counted as one failure report. */
  static Payload payload(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return out -> {
      out.write(bytes);
      return ReportTotals.ONE_FAILURE_REPORT;
    };
  }
}
