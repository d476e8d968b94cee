package dev.puerto.generate;

/**
 * The headers and attachment label of a report e-mail. The attachment's media type is separate from
 * its content on purpose: reporters mislabel gzip as octet-stream and zip as gzip. A null
 * attachment makes an e-mail with a text part only.
 */
public record ReportEmail(
    String from,
    String to,
    String subject,
    long sentEpochSecond,
    String messageId,
    String boundary,
    String bodyText,
    String attachmentMediaType,
    String attachmentFileName,
    Payload attachment) {

  /** The RFC 9990 subject: {@code Report Domain: d Submitter: s Report-ID: id}. */
  public static String subject(String policyDomain, String submitter, String reportId) {
    return "Report Domain: "
        + policyDomain
        + " Submitter: "
        + submitter
        + " Report-ID: "
        + reportId;
  }
}
