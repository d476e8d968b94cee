package dev.puerto.unpack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The kind of a part, told from its first bytes, never from a name or a declared type.
 *
 * @param head the first bytes, one char per byte (ISO-8859-1)
 */
record Sniffed(PartKind kind, String head) {

  // Enough for a long run of whitespace before an XML declaration or a long header name.
  static final int PEEK_BYTES = 4096;

  private static final String UTF8_BOM = "\u00ef\u00bb\u00bf";
  private static final Pattern XML_WHITESPACE = Pattern.compile("\\A[ \\t\\r\\n]+");
  private static final Pattern HEADER_LINE = Pattern.compile("\\A[A-Za-z0-9-]+[ \\t]*:");
  // An XML declaration and comments, then a <feedback> root with or without a prefix.
  private static final Pattern AGGREGATE_XML =
      Pattern.compile(
          "\\A("
              + UTF8_BOM
              + ")?\\s*(<\\?xml[^>]*>\\s*)?(<!--.*?-->\\s*)*<([\\w.-]+:)?feedback[\\s>/]",
          Pattern.DOTALL);

  /** Peeks at the stream and resets it, so the part can still be read from its first byte. */
  static Sniffed of(BufferedInputStream in) throws IOException {
    in.mark(PEEK_BYTES);
    byte[] bytes = in.readNBytes(PEEK_BYTES);
    in.reset();
    String head = new String(bytes, StandardCharsets.ISO_8859_1);
    return new Sniffed(kindOf(head), head);
  }

  /**
   * Whether a part that may be just body text is worth reading as a report: an HTML body also
   * starts with {@code <}, so XML must have a {@code feedback} root here.
   */
  boolean looksLikeReport() {
    return switch (kind) {
      case GZIP, ZIP -> true;
      case XML -> AGGREGATE_XML.matcher(head).lookingAt();
      default -> false;
    };
  }

  /** The first four bytes in hex, e.g. {@code 25 50 44 46}. */
  String hexPrefix() {
    byte[] first =
        head.substring(0, Math.min(4, head.length())).getBytes(StandardCharsets.ISO_8859_1);
    return HexFormat.ofDelimiter(" ").formatHex(first);
  }

  private static PartKind kindOf(String head) {
    if (head.isEmpty()) {
      return PartKind.EMPTY;
    }
    if (head.startsWith("\u001f\u008b")) {
      return PartKind.GZIP;
    }
    if (head.startsWith("PK\u0003\u0004")) {
      return PartKind.ZIP;
    }
    if (head.startsWith("PK\u0005\u0006")) {
      return PartKind.EMPTY_ZIP;
    }
    if (head.startsWith("\u00fe\u00ff\u0000<") || head.startsWith("\u00ff\u00fe<\u0000")) {
      return PartKind.XML;
    }
    String text = head.startsWith(UTF8_BOM) ? head.substring(UTF8_BOM.length()) : head;
    String content = XML_WHITESPACE.matcher(text).replaceFirst("");
    if (content.startsWith("<")) {
      return PartKind.XML;
    }
    if (content.startsWith("{")) {
      return PartKind.JSON;
    }
    if (head.startsWith("From ")) {
      return PartKind.MBOX;
    }
    if (HEADER_LINE.matcher(head).lookingAt()) {
      return PartKind.EMAIL;
    }
    return PartKind.UNKNOWN;
  }
}
