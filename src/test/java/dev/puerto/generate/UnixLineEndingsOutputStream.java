package dev.puerto.generate;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Drops carriage returns: mbox files store messages with the local (LF) line ending. */
final class UnixLineEndingsOutputStream extends FilterOutputStream {
  UnixLineEndingsOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (b != '\r') {
      out.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\r') {
        out.write(b, start, i - start);
        start = i + 1;
      }
    }
    out.write(b, start, off + len - start);
  }
}
