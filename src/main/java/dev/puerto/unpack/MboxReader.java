package dev.puerto.unpack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Splits an mbox file into messages as it reads: a message ends before the next line starting with
 * "From ". Escaped body lines ({@code >From }) are left as they are.
 */
final class MboxReader {

  private static final byte[] SEPARATOR = {'F', 'r', 'o', 'm', ' '};

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
    }
    if (!atSeparator()) {
      return null;
    }
    skipLine();
    current = new MessageStream();
    return current;
  }

  private boolean atSeparator() throws IOException {
    in.mark(SEPARATOR.length);
    byte[] start = in.readNBytes(SEPARATOR.length);
    in.reset();
    return Arrays.equals(start, SEPARATOR);
  }

  // The separator line belongs to no message.
  private void skipLine() throws IOException {
    int b;
    do {
      b = in.read();
    } while (b != -1 && b != '\n');
  }

  private final class MessageStream extends InputStream {
    private boolean atLineStart;
    private boolean ended;

    @Override
    public int read() throws IOException {
      if (ended || (atLineStart && atSeparator())) {
        ended = true;
        return -1;
      }
      int b = in.read();
      ended = b == -1;
      atLineStart = b == '\n';
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
