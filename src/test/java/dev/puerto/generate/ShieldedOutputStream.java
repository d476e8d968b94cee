package dev.puerto.generate;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Lets an encoder be closed (to flush its tail) without closing the stream underneath. */
final class ShieldedOutputStream extends FilterOutputStream {
  ShieldedOutputStream(OutputStream out) {
    super(out);
  }

  // FilterOutputStream would otherwise forward byte by byte.
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
