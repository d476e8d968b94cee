package dev.puerto.arf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an e-mail's MIME structure in one pass over the stream, handing each leaf part to a {@link
 * Leaves} as a stream that ends at the part's end. Nothing is held but what a leaf keeps and the
 * header sections (bounded): a part of any size streams through, at most {@link #MAX_PARTS} parts
 * are examined (then reading stops), multiparts nested deeper than {@link #MAX_DEPTH} are passed
 * over as one opaque part, and header lines are cut at {@link #MAX_LINE} bytes.
 *
 * <p>Liberal as real mail needs: LF or CRLF, boundaries followed by transport padding, a missing
 * close delimiter, a line matching an enclosing multipart's boundary ending the inner one.
 */
final class MimeWalk {
  static final int MAX_PARTS = 500;
  static final int MAX_DEPTH = 32;
  static final int MAX_LINE = 32 << 10;
  static final int TOP_HEADER_BYTES = 256 << 10;
  static final int PART_HEADER_BYTES = 64 << 10;

  // Longer boundaries (RFC 2046 allows 70 characters) would not fit one segment.
  private static final int MAX_BOUNDARY = 1000;
  private static final int SEGMENT = 8 << 10;
  static final Pattern CHARSET =
      Pattern.compile("(?i)(?:^|;)\\s*charset\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s\"]+))");
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s\"]+))");

  /** Receives the leaf parts in order. */
  interface Leaves {
    /**
     * @param body the part's content, transfer encoding not undone; what is left unread is skipped
     */
    void leaf(HeaderFields headers, InputStream body) throws IOException;
  }

  private final InputStream in;
  private final Leaves leaves;
  private final byte[] buffer = new byte[64 << 10];
  private int position;
  private int limit;
  private boolean atLineStart = true;

  private final List<byte[]> boundaries = new ArrayList<>();
  private byte[] pushedBack;
  private int parts;
  private boolean stopped;
  private boolean partsCut;
  private boolean depthCut;
  private HeaderFields top;

  MimeWalk(InputStream in, Leaves leaves) {
    this.in = in;
    this.leaves = leaves;
  }

  /** Walks the whole e-mail (or up to the part limit). */
  void run() throws IOException {
    top = readHeaders(TOP_HEADER_BYTES, true).fields();
    part(top, 0);
  }

  /** The e-mail's own header fields. */
  HeaderFields top() {
    return top;
  }

  boolean partsCut() {
    return partsCut;
  }

  boolean depthCut() {
    return depthCut;
  }

  /** Content-Type's media type, lower case; text/plain when absent or unreadable (RFC 2045). */
  static String mediaType(HeaderFields headers) {
    String value = headers.first("Content-Type");
    if (value == null) {
      return "text/plain";
    }
    int semicolon = value.indexOf(';');
    String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
    return type.indexOf('/') > 0 ? type.toLowerCase(Locale.ROOT) : "text/plain";
  }

  /** A Content-Type parameter, or null. */
  static String parameter(HeaderFields headers, Pattern parameter) {
    String value = headers.first("Content-Type");
    if (value == null) {
      return null;
    }
    Matcher matcher = parameter.matcher(value);
    if (!matcher.find()) {
      return null;
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private void part(HeaderFields headers, int depth) throws IOException {
    if (mediaType(headers).startsWith("multipart/")) {
      String boundary = parameter(headers, BOUNDARY);
      if (boundary != null && !boundary.isEmpty() && boundary.length() <= MAX_BOUNDARY) {
        if (depth < MAX_DEPTH) {
          multipart(boundary.getBytes(StandardCharsets.ISO_8859_1), depth);
          return;
        }
        depthCut = true;
      }
    }
    Body body = new Body();
    leaves.leaf(headers, body);
    body.skipRest();
  }

  private void multipart(byte[] boundary, int depth) throws IOException {
    int outer = boundaries.size();
    boundaries.add(boundary);
    try {
      new Body().skipRest(); // the preamble
      while (!stopped) {
        byte[] line = pushedBack;
        if (line == null) {
          return; // the end of the e-mail, close delimiter or not
        }
        int which = delimiterOf(line);
        if (which != outer) {
          return; // an enclosing multipart's delimiter ends this one too
        }
        pushedBack = null;
        if (isClose(line, boundary)) {
          boundaries.remove(outer);
          new Body().skipRest(); // the epilogue
          return;
        }
        if (++parts > MAX_PARTS) {
          partsCut = true;
          stopped = true;
          return;
        }
        part(readHeaders(PART_HEADER_BYTES, false).fields(), depth + 1);
      }
    } finally {
      while (boundaries.size() > outer) {
        boundaries.remove(boundaries.size() - 1);
      }
    }
  }

  /** A header section and whether it was cut to the bound. */
  record Section(String text, boolean truncated) {
    HeaderFields fields() {
      return HeaderFields.parse(text);
    }
  }

  /**
   * The header lines up to the blank line (or a delimiter, or the end), LF-terminated, each cut at
   * {@link #MAX_LINE} bytes and all at {@code maxBytes}; the rest is read past.
   */
  private Section readHeaders(int maxBytes, boolean skipLeadingBlankLines) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    boolean truncated = false;
    byte[] segment = new byte[SEGMENT];
    int lineBytes = 0;
    while (true) {
      boolean startsLine = atLineStart;
      int n = nextSegment(segment);
      if (n < 0) {
        break;
      }
      if (startsLine && delimiterOf(segment, n) >= 0) {
        pushBack(segment, n);
        break;
      }
      boolean ends = segment[n - 1] == '\n';
      int content = n - endOfLineLength(segment, n);
      if (startsLine && ends && content == 0) {
        if (skipLeadingBlankLines && kept.size() == 0) {
          continue;
        }
        break;
      }
      int room = Math.max(0, Math.min(MAX_LINE - lineBytes, maxBytes - kept.size()));
      kept.write(segment, 0, Math.min(room, content));
      truncated |= content > room;
      lineBytes += content;
      if (ends) {
        if (kept.size() < maxBytes) {
          kept.write('\n');
        }
        lineBytes = 0;
      }
    }
    return new Section(Text.lenient(kept.toByteArray()), truncated);
  }

  /** Up to one segment of the e-mail, ending after a LF if one comes within. */
  private int nextSegment(byte[] out) throws IOException {
    if (pushedBack != null) {
      int n = pushedBack.length;
      System.arraycopy(pushedBack, 0, out, 0, n);
      pushedBack = null;
      atLineStart = out[n - 1] == '\n';
      return n;
    }
    int n = 0;
    while (n < out.length) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          break;
        }
      }
      int end = Math.min(limit, position + out.length - n);
      int lineFeed = position;
      while (lineFeed < end && buffer[lineFeed] != '\n') {
        lineFeed++;
      }
      boolean found = lineFeed < end;
      int take = (found ? lineFeed + 1 : end) - position;
      System.arraycopy(buffer, position, out, n, take);
      position += take;
      n += take;
      if (found) {
        break;
      }
    }
    if (n == 0) {
      return -1;
    }
    atLineStart = out[n - 1] == '\n';
    return n;
  }

  private void pushBack(byte[] segment, int n) {
    pushedBack = Arrays.copyOf(segment, n);
    atLineStart = true;
  }

  private int delimiterOf(byte[] line) {
    return delimiterOf(line, line.length);
  }

  /**
   * Which open multipart (index into the boundaries, innermost first) the line delimits, or -1:
   * "--" boundary, optionally "--", then only white space (RFC 2046 transport padding).
   */
  private int delimiterOf(byte[] line, int n) {
    if (boundaries.isEmpty() || n < 3 || line[0] != '-' || line[1] != '-') {
      return -1;
    }
    int end = n;
    while (end > 2 && isWhiteSpace(line[end - 1])) {
      end--;
    }
    for (int i = boundaries.size() - 1; i >= 0; i--) {
      byte[] boundary = boundaries.get(i);
      int length = end - 2;
      boolean close = length == boundary.length + 2;
      if ((length == boundary.length || close)
          && Arrays.equals(line, 2, 2 + boundary.length, boundary, 0, boundary.length)
          && (!close || (line[end - 1] == '-' && line[end - 2] == '-'))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isClose(byte[] line, byte[] boundary) {
    int at = 2 + boundary.length;
    return line.length >= at + 2 && line[at] == '-' && line[at + 1] == '-';
  }

  private static boolean isWhiteSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static int endOfLineLength(byte[] segment, int n) {
    if (segment[n - 1] != '\n') {
      return 0;
    }
    return n >= 2 && segment[n - 2] == '\r' ? 2 : 1;
  }

  /**
   * One part's content, up to the delimiter line of any open multipart. The line ending before a
   * delimiter belongs to the delimiter (RFC 2046), so each line's ending is held back until the
   * next line is known not to be one.
   */
  private final class Body extends InputStream {
    private final byte[] raw = new byte[SEGMENT];
    private final byte[] out = new byte[SEGMENT + 2];
    private int outPosition;
    private int outLimit;
    private final byte[] held = new byte[2];
    private int heldLength;
    private boolean ended;

    @Override
    public int read() throws IOException {
      while (outPosition == outLimit) {
        if (!refill()) {
          return -1;
        }
      }
      return out[outPosition++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (outPosition == outLimit) {
        if (!refill()) {
          return -1;
        }
      }
      int n = Math.min(len, outLimit - outPosition);
      System.arraycopy(out, outPosition, b, off, n);
      outPosition += n;
      return n;
    }

    void skipRest() throws IOException {
      outPosition = outLimit;
      while (refill()) {
        outPosition = outLimit;
      }
    }

    private boolean refill() throws IOException {
      if (ended) {
        return false;
      }
      boolean startsLine = atLineStart;
      int n = nextSegment(raw);
      if (n < 0) {
        ended = true;
        System.arraycopy(held, 0, out, 0, heldLength);
        outPosition = 0;
        outLimit = heldLength;
        heldLength = 0;
        return outLimit > 0;
      }
      if (startsLine && delimiterOf(raw, n) >= 0) {
        pushBack(raw, n);
        ended = true;
        return false;
      }
      int eol = endOfLineLength(raw, n);
      System.arraycopy(held, 0, out, 0, heldLength);
      System.arraycopy(raw, 0, out, heldLength, n - eol);
      outPosition = 0;
      outLimit = heldLength + n - eol;
      System.arraycopy(raw, n - eol, held, 0, eol);
      heldLength = eol;
      return true;
    }
  }
}
