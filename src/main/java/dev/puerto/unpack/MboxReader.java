package dev.puerto.unpack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Splits an mbox file into messages as it reads. A message ends before a "From " line that follows
 * an empty line (or starts the file) and is itself followed by a header field: writers that forget
 * to escape a body line starting with "From " (mboxo) would otherwise cut a message in two and lose
 * its attachment. Escaped body lines ({@code >From }) are left as they are.
 */
final class MboxReader {

  private static final byte[] SEPARATOR = {'F', 'r', 'o', 'm', ' '};

  /** Enough for a "From " line and the header line after it. */
  private static final int LOOKAHEAD_BYTES = 4096;

  /** A header field name (RFC 5322: printable ASCII but colon), then a colon. */
  private static final Pattern HEADER_FIELD =
      Pattern.compile("[!-9;-~]+[ \\t]*:.*", Pattern.DOTALL);

  private final BufferedInputStream in;
  private MessageStream current;

  MboxReader(BufferedInputStream in) {
    this.in = in;
  }

  /**
   * The next message, or null at the end; whatever was left unread of the previous one is skipped.
   */
  InputStream nextMessage() throws IOException {
    if (current != null) {
      current.transferTo(OutputStream.nullOutputStream());
    } else if (!startsWithSeparator()) {
      return null;
    }
    if (current != null && current.atEnd()) {
      return null;
    }
    skipLine();
    current = new MessageStream();
    return current;
  }

  /** The file's first line is a "From " line (the format says so; content decided it is mbox). */
  private boolean startsWithSeparator() throws IOException {
    in.mark(SEPARATOR.length);
    byte[] start = in.readNBytes(SEPARATOR.length);
    in.reset();
    return Arrays.equals(start, SEPARATOR);
  }

  /** Whether a "From " line that begins a new message starts here (at a line start). */
  private boolean atSeparator() throws IOException {
    in.mark(LOOKAHEAD_BYTES);
    byte[] ahead = in.readNBytes(LOOKAHEAD_BYTES);
    in.reset();
    if (ahead.length < SEPARATOR.length) {
      return false;
    }
    for (int i = 0; i < SEPARATOR.length; i++) {
      if (ahead[i] != SEPARATOR[i]) {
        return false;
      }
    }
    int lineEnd = indexOf(ahead, SEPARATOR.length, (byte) '\n');
    if (lineEnd < 0) {
      return false;
    }
    int nextEnd = indexOf(ahead, lineEnd + 1, (byte) '\n');
    String next =
        new String(
            ahead,
            lineEnd + 1,
            (nextEnd < 0 ? ahead.length : nextEnd) - lineEnd - 1,
            StandardCharsets.ISO_8859_1);
    return HEADER_FIELD.matcher(next).matches();
  }

  private static int indexOf(byte[] bytes, int from, byte wanted) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  // The separator line belongs to no message.
  private void skipLine() throws IOException {
    int b;
    do {
      b = in.read();
    } while (b != -1 && b != '\n');
  }

  private final class MessageStream extends InputStream {
    /** After a line feed that ended an empty line (or the separator line). */
    private boolean afterEmptyLine;

    private boolean atLineStart = true;
    private int lineLength;
    private boolean ended;
    private boolean endOfFile;

    boolean atEnd() {
      return endOfFile;
    }

    @Override
    public int read() throws IOException {
      if (ended) {
        return -1;
      }
      if (atLineStart && afterEmptyLine && atSeparator()) {
        ended = true;
        return -1;
      }
      int b = in.read();
      if (b == -1) {
        ended = true;
        endOfFile = true;
        return -1;
      }
      if (b == '\n') {
        afterEmptyLine = lineLength == 0;
        atLineStart = true;
        lineLength = 0;
      } else {
        atLineStart = false;
        if (b != '\r') {
          lineLength++;
        }
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = 0;
      while (n < length) {
        int b = read();
        if (b == -1) {
          break;
        }
        buffer[offset + n++] = (byte) b;
      }
      return n == 0 && length > 0 ? -1 : n;
    }
  }
}
