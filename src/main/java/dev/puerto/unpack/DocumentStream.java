package dev.puerto.unpack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The stream a visitor reads a document from. Closing it leaves the container open (parsers close
 * their input; the next zip entry still needs the archive), and it refuses reads once the visitor
 * has returned.
 */
final class DocumentStream extends FilterInputStream {

  private final String path;
  private final Consumer<IOException> seenByConsumer;
  private boolean detached;

  /**
   * @param seenByConsumer told of every failure the visitor saw, so it is not reported twice
   */
  DocumentStream(InputStream in, String path, Consumer<IOException> seenByConsumer) {
    super(in);
    this.path = path;
    this.seenByConsumer = seenByConsumer;
  }

  void detach() {
    detached = true;
  }

  @Override
  public int read() throws IOException {
    return (int) watched(in::read);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return (int) watched(() -> in.read(buffer, offset, length));
  }

  @Override
  public long skip(long n) throws IOException {
    return watched(() -> in.skip(n));
  }

  @Override
  public void close() {}

  private long watched(StreamRead read) throws IOException {
    if (detached) {
      throw new IOException(path + ": document read after the visitor returned");
    }
    try {
      return read.run();
    } catch (IOException e) {
      seenByConsumer.accept(e);
      throw e;
    }
  }
}
