package dev.puerto.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Drops what real reports put before the XML declaration and the JDK parser refuses ("content is
 * not allowed in prolog", "the processing instruction target matching [xX][mM][lL] is not
 * allowed"): a UTF-8 byte-order mark and whitespace. Everything else is left to the parser, which
 * detects the encoding from the bytes.
 */
final class PrologCleaner {
  private static final int[] UTF8_BOM = {0xEF, 0xBB, 0xBF};
  private static final int MAX_LEADING_WHITESPACE = 4096;

  private PrologCleaner() {}

  static InputStream clean(InputStream raw) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, MAX_LEADING_WHITESPACE + 1);
    boolean sawBom = skipBom(in);
    byte[] whitespace = new byte[MAX_LEADING_WHITESPACE];
    int length = 0;
    int next = in.read();
    while (isXmlWhitespace(next) && length < whitespace.length) {
      whitespace[length++] = (byte) next;
      next = in.read();
    }
    if (next < 0) {
      throw new InvalidReportException(
          sawBom || length > 0 ? "document holds no XML" : "document is empty (0 bytes)");
    }
    in.unread(next);
    // Only in front of markup is the whitespace certainly ASCII and certainly droppable.
    if (next != '<') {
      in.unread(whitespace, 0, length);
    }
    return in;
  }

  private static boolean skipBom(PushbackInputStream in) throws IOException {
    byte[] head = new byte[UTF8_BOM.length];
    int read = in.readNBytes(head, 0, head.length);
    for (int i = 0; i < UTF8_BOM.length; i++) {
      if (i >= read || (head[i] & 0xFF) != UTF8_BOM[i]) {
        in.unread(head, 0, read);
        return false;
      }
    }
    return true;
  }

  private static boolean isXmlWhitespace(int b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
