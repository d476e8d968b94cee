package dev.puerto.unpack;

import dev.puerto.unpack.UnpackProblem.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Opens an RFC 5322 e-mail and detects every leaf part by its decoded content. The message is held
 * in memory by the mail library (bounded by the input limit); parts are decoded as streams.
 */
final class MailLayer {

  private static final Session SESSION = Session.getInstance(lenientParsing());

  private final Walk walk;

  MailLayer(Walk walk) {
    this.walk = walk;
  }

  void unpack(PartName part, InputStream in, int depth) throws IOException, MessagingException {
    String path = part.path();
    long maxBytes = walk.limits().maxInputBytes();
    MimeMessage message = new MimeMessage(SESSION, new LimitedStream(in, maxBytes, path, "e-mail"));
    MimeStructure structure = MimeStructure.of(message, path);
    int documentsBefore = walk.documentCount();
    int problemsBefore = walk.problemCount();
    for (int i = 0; i < structure.leaves().size(); i++) {
      MimePart leaf = structure.leaves().get(i);
      if (isReportMetadata(leaf) || (structure.failureReport() && isCopyOfFailingMessage(leaf))) {
        continue;
      }
      PartName leafPart = part.child(nameOf(leaf, i + 1));
      walk.attempt(
          leafPart.path(),
          () -> walk.part(leafPart, leaf.getInputStream(), depth + 1, roleOf(leaf)));
    }
    if (walk.documentCount() > documentsBefore) {
      return;
    }
    if (structure.failureReport()) {
      walk.problem(
          Kind.FAILURE_REPORT, path, "DMARC failure (forensic) report, not an aggregate report");
    } else if (walk.problemCount() == problemsBefore) {
      walk.problem(Kind.NO_REPORT, path, "e-mail has no report attachment");
    }
  }

  // Header-like text describing a report or a delivery, never a report itself.
  private static boolean isReportMetadata(MimePart part) throws MessagingException {
    return part.isMimeType("message/feedback-report")
        || part.isMimeType("message/delivery-status")
        || part.isMimeType("text/rfc822-headers");
  }

  private static boolean isCopyOfFailingMessage(MimePart part) throws MessagingException {
    return part.isMimeType("message/rfc822");
  }

  private static PartRole roleOf(MimePart part) throws MessagingException {
    boolean attachment =
        fileName(part) != null
            || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
            || !part.isMimeType("text/*");
    return attachment ? PartRole.PAYLOAD : PartRole.BODY_TEXT;
  }

  private static String nameOf(MimePart part, int number) {
    String fileName = fileName(part);
    return fileName == null ? "part-" + number : fileName;
  }

  private static String fileName(MimePart part) {
    try {
      String name = part.getFileName();
      return name == null || name.isBlank() ? null : name;
    } catch (MessagingException e) {
      return null; // an unparsable name is no name: the part is still read
    }
  }

  private static Properties lenientParsing() {
    Properties properties = new Properties();
    properties.setProperty("mail.mime.address.strict", "false");
    properties.setProperty("mail.mime.base64.ignoreerrors", "true");
    properties.setProperty("mail.mime.parameters.strict", "false");
    properties.setProperty("mail.mime.decodefilename", "true");
    return properties;
  }
}
