package dev.puerto.arf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Keeps, from the leaf parts of a report e-mail, the ones a failure report is made of: the first
 * {@code message/feedback-report}, the first {@code text/plain} that is ARF fields in disguise, the
 * first other text (the human-readable part), and the first returned message or headers. Each is
 * read only to its bound; the walk skips the rest.
 */
final class ReportParts implements MimeWalk.Leaves {
  static final int FEEDBACK_BYTES = 64 << 10;
  static final int TEXT_BYTES = 128 << 10;

  private static final Pattern ARF_START =
      Pattern.compile("(?i)^\\uFEFF?\\s*feedback-type[ \\t]*:");

  private final boolean keepBodies;
  String feedback;
  boolean feedbackCut;
  String feedbackInText;
  String text;
  boolean textCut;
  ReturnedMessage returned;

  ReportParts(boolean keepBodies) {
    this.keepBodies = keepBodies;
  }

  @Override
  public void leaf(HeaderFields headers, InputStream body) throws IOException {
    String encoding = headers.first("Content-Transfer-Encoding");
    switch (MimeWalk.mediaType(headers)) {
      case "message/feedback-report" -> {
        if (feedback == null) {
          byte[] raw = body.readNBytes(FEEDBACK_BYTES + 1);
          feedbackCut = raw.length > FEEDBACK_BYTES;
          feedback = decoded(raw, FEEDBACK_BYTES, encoding, headers);
        }
      }
      case "message/rfc822", "message/global" -> {
        if (returned == null) {
          returned = Returned.read(body, encoding, false, keepBodies);
        }
      }
      case "text/rfc822-headers", "message/global-headers" -> {
        if (returned == null) {
          returned = Returned.read(body, encoding, true, false);
        }
      }
      case "text/plain" -> {
        if (feedbackInText == null || text == null) {
          byte[] raw = body.readNBytes(TEXT_BYTES + 1);
          String decoded = decoded(raw, TEXT_BYTES, encoding, headers);
          if (ARF_START.matcher(decoded).find()) {
            feedbackInText = feedbackInText == null ? decoded : feedbackInText;
          } else if (text == null) {
            text = decoded;
            textCut = raw.length > TEXT_BYTES;
          }
        }
      }
      default -> {
        // other parts (HTML, attachments) say nothing a failure report says
      }
    }
  }

  private static String decoded(byte[] raw, int bound, String encoding, HeaderFields headers) {
    byte[] kept = raw.length > bound ? Arrays.copyOf(raw, bound) : raw;
    return Text.decode(
        Text.undoTransferEncoding(kept, encoding), MimeWalk.parameter(headers, MimeWalk.CHARSET));
  }
}
