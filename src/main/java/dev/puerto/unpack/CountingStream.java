package dev.puerto.unpack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it. Subclasses check the running count and describe failures of the
 * wrapped stream; the first failure sticks, so every later read rethrows the same exception and it
 * is reported once.
 */
class CountingStream extends FilterInputStream {

  private long count;
  private IOException failure;

  CountingStream(InputStream in) {
    super(in);
  }

  final long count() {
    return count;
  }

  /** The first failure of this stream, or null. */
  final IOException failure() {
    return failure;
  }

  /** Called after every read with the running total; throws to stop the stream. */
  void checkCount(long total) throws IOException {}

  /** Turns a failure of the wrapped stream into one that names the part. */
  IOException describe(IOException failure) {
    return failure;
  }

  @Override
  public int read() throws IOException {
    int b = (int) guarded(in::read);
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = (int) guarded(() -> in.read(buffer, offset, length));
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  // Skipping through read() keeps every byte counted and checked.
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(n - skipped, scratch.length));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private long guarded(StreamRead read) throws IOException {
    if (failure != null) {
      throw failure;
    }
    try {
      return read.run();
    } catch (IOException e) {
      failure = describe(e);
      throw failure;
    }
  }

  private void counted(int n) throws IOException {
    count += n;
    try {
      checkCount(count);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }
}
