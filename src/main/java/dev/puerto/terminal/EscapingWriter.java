package dev.puerto.terminal;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Passes text on with every character that {@link ControlChars#unsafe(char)} names replaced by its
 * escape. Holds no buffer of its own: what is written reaches the wrapped writer in order.
 */
public final class EscapingWriter extends FilterWriter {
  private final StringBuilder escape = new StringBuilder(6);

  public EscapingWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (ControlChars.unsafe(ch)) {
      writeEscape(ch);
    } else {
      out.write(ch);
    }
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    int safeFrom = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (ControlChars.unsafe(chars[i])) {
        out.write(chars, safeFrom, i - safeFrom);
        writeEscape(chars[i]);
        safeFrom = i + 1;
      }
    }
    out.write(chars, safeFrom, end - safeFrom);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    int safeFrom = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (ControlChars.unsafe(text.charAt(i))) {
        out.write(text, safeFrom, i - safeFrom);
        writeEscape(text.charAt(i));
        safeFrom = i + 1;
      }
    }
    out.write(text, safeFrom, end - safeFrom);
  }

  private void writeEscape(char c) throws IOException {
    escape.setLength(0);
    ControlChars.appendEscape(c, escape);
    out.append(escape);
  }
}
