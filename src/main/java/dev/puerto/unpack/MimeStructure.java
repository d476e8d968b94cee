package dev.puerto.unpack;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaf parts of one e-mail, in order (attached e-mails are leaves, opened later as e-mails of
 * their own), and whether the e-mail is a DMARC failure report.
 */
record MimeStructure(List<MimePart> leaves, boolean failureReport) {

  // Real mail nests three or four levels; this only stops hostile recursion.
  private static final int MAX_NESTING = 32;

  static MimeStructure of(MimePart message, String path)
      throws MessagingException, UnpackLimitException {
    Collector collector = new Collector(path);
    collector.add(message, 0);
    return new MimeStructure(List.copyOf(collector.leaves), collector.failureReport);
  }

  private static final class Collector {
    private final String path;
    private final List<MimePart> leaves = new ArrayList<>();
    private boolean failureReport;

    Collector(String path) {
      this.path = path;
    }

    void add(MimePart part, int nesting) throws MessagingException, UnpackLimitException {
      if (nesting > MAX_NESTING) {
        throw new UnpackLimitException(
            path, "MIME parts nested deeper than " + MAX_NESTING + " levels");
      }
      if (part.isMimeType("message/feedback-report") || isFailureReportContainer(part)) {
        failureReport = true;
      }
      if (!part.isMimeType("multipart/*")) {
        leaves.add(part);
        return;
      }
      MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
      for (int i = 0; i < multipart.getCount(); i++) {
        add((MimePart) multipart.getBodyPart(i), nesting + 1);
      }
    }

    // RFC 6591 says report-type=feedback-report; Exim sends its failure reports with none.
    private static boolean isFailureReportContainer(MimePart part) throws MessagingException {
      if (!part.isMimeType("multipart/report")) {
        return false;
      }
      try {
        String reportType = new ContentType(part.getContentType()).getParameter("report-type");
        return reportType == null || reportType.equalsIgnoreCase("feedback-report");
      } catch (ParseException e) {
        return false;
      }
    }
  }
}
