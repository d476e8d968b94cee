package dev.puerto.unpack;

import dev.puerto.unpack.UnpackProblem.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Opens an RFC 5322 e-mail and detects every leaf part by its decoded content. The message is
 * copied once (see {@link Spool}, bounded by the input limit); parts are decoded as streams.
 */
final class MailLayer {

  private static final Session SESSION = Session.getInstance(lenientParsing());

  private static final int BASE64_PEEK_BYTES = 1024;
  private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

  private final Walk walk;

  MailLayer(Walk walk) {
    this.walk = walk;
  }

  void unpack(PartName part, InputStream in, int depth) throws IOException, MessagingException {
    long maxBytes = walk.limits().maxInputBytes();
    try (Spool spool = Spool.of(new LimitedStream(in, maxBytes, part.path(), "e-mail"))) {
      unpack(part, spool, depth);
    }
  }

  /**
   * A failure report is read whole, its fields being spread over its parts; any other e-mail by its
   * leaves. A plain e-mail with no report inside whose subject says it is a failure report (as Exim
   * and others send them) is read as one too.
   */
  private void unpack(PartName part, Spool spool, int depth)
      throws IOException, MessagingException {
    String path = part.path();
    MimeMessage message = new MimeMessage(SESSION, spool.stream());
    MimeStructure structure = MimeStructure.of(message, path);
    if (structure.failureReport()) {
      walk.document(path, DocumentKind.FAILURE_REPORT, spool.copy());
      return;
    }
    int documentsBefore = walk.documentCount();
    int problemsBefore = walk.problemCount();
    for (int i = 0; i < structure.leaves().size(); i++) {
      MimePart leaf = structure.leaves().get(i);
      if (isReportMetadata(leaf)) {
        continue;
      }
      PartName leafPart = part.child(nameOf(leaf, i + 1));
      walk.attempt(
          leafPart.path(), () -> walk.part(leafPart, contentOf(leaf), depth + 1, roleOf(leaf)));
    }
    if (walk.documentCount() > documentsBefore) {
      return;
    }
    if (walk.problemCount() == problemsBefore && FailureWording.inSubject(subjectOf(message))) {
      walk.document(path, DocumentKind.FAILURE_REPORT, spool.copy());
    } else if (walk.problemCount() == problemsBefore) {
      walk.problem(Kind.NO_REPORT, path, "e-mail has no report attachment");
    }
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      return null; // an undecodable subject says nothing
    }
  }

  /**
   * The decoded content of a leaf. The mail library leaves the transfer encoding of an attached
   * e-mail undone (RFC 2046 allows only 7bit, 8bit and binary there, and writers label parts base64
   * that are not), yet real reporters send {@code message/rfc822} parts truly in base64: those,
   * told by their first line, are decoded here.
   */
  private static InputStream contentOf(MimePart leaf) throws MessagingException, IOException {
    if (leaf.isMimeType("message/rfc822")
        && "base64".equalsIgnoreCase(leaf.getEncoding())
        && leaf instanceof MimeBodyPart body) {
      BufferedInputStream raw = new BufferedInputStream(body.getRawInputStream());
      return looksLikeBase64(raw) ? MimeUtility.decode(raw, "base64") : raw;
    }
    return leaf.getInputStream();
  }

  /** The first line is all base64 alphabet: an e-mail would start with a header field. */
  private static boolean looksLikeBase64(BufferedInputStream in) throws IOException {
    in.mark(BASE64_PEEK_BYTES);
    byte[] head = in.readNBytes(BASE64_PEEK_BYTES);
    in.reset();
    String text = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
    int end = text.indexOf('\n');
    String firstLine = (end < 0 ? text : text.substring(0, end)).strip();
    return firstLine.length() >= 4 && BASE64_LINE.matcher(firstLine).matches();
  }

  // Header-like text describing a report or a delivery, never a report itself.
  private static boolean isReportMetadata(MimePart part) throws MessagingException {
    return part.isMimeType("message/feedback-report")
        || part.isMimeType("message/delivery-status")
        || part.isMimeType("text/rfc822-headers");
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
