package dev.puerto.ingest;

import dev.puerto.source.InboundMessage;
import dev.puerto.store.RawInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.output.DeferredFileOutputStream;

/**
 * The hash, the size and the gzip copy of an input's raw bytes, made in one streaming pass that
 * reads at most the input limit and one byte more. The copy waits in memory while small and in a
 * temporary file (owner-only) once larger, until the database has it.
 *
 * <p>Of an input over the limit, only the first {@value #KEPT_WHEN_TRUNCATED} bytes are kept, with
 * the hash of the bytes read and the size: enough to recognise it, see what it was, and say why it
 * was not read.
 */
final class RawCopy implements RawInput, AutoCloseable {
  static final int KEPT_WHEN_TRUNCATED = 64 * 1024;

  private static final int IN_MEMORY_BYTES = 1 << 20;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final byte[] sha256;
  private final long size;
  private final boolean truncated;
  private final DeferredFileOutputStream gzip;
  private final List<InputStream> opened = new ArrayList<>();

  private RawCopy(byte[] sha256, long size, boolean truncated, DeferredFileOutputStream gzip) {
    this.sha256 = sha256;
    this.size = size;
    this.truncated = truncated;
    this.gzip = gzip;
  }

  static RawCopy of(InboundMessage message, long maxBytes) throws IOException {
    // Known to be too large (a file's size, a mail server's word): hash it, but copy nothing more.
    boolean knownTooLarge = message.prefixOnly() || message.size() > maxBytes;
    MessageDigest digest = sha256Digest();
    byte[] head = new byte[KEPT_WHEN_TRUNCATED];
    int headLength = 0;
    long read = 0;
    DeferredFileOutputStream spill = spill();
    try (InputStream in = message.open();
        OutputStream out = knownTooLarge ? OutputStream.nullOutputStream() : fastGzip(spill)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      long budget = maxBytes + 1; // one byte more tells an input over the limit
      for (int n; read < budget && (n = in.read(buffer, 0, chunk(budget - read))) >= 0; ) {
        digest.update(buffer, 0, n);
        if (headLength < head.length) {
          int copied = Math.min(n, head.length - headLength);
          System.arraycopy(buffer, 0, head, headLength, copied);
          headLength += copied;
        }
        out.write(buffer, 0, n);
        read += n;
      }
    } catch (IOException | RuntimeException e) {
      discard(spill);
      throw e;
    }
    boolean truncated = knownTooLarge || read > maxBytes;
    if (truncated) {
      discard(spill);
      spill = spill();
      try (OutputStream out = fastGzip(spill)) {
        out.write(head, 0, headLength);
      }
    } else {
      spill.close();
    }
    long size = truncated ? Math.max(read, message.size()) : read;
    return new RawCopy(digest.digest(), size, truncated, spill);
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public boolean truncated() {
    return truncated;
  }

  @Override
  public long gzipLength() {
    return gzip.getByteCount();
  }

  @Override
  public InputStream openGzip() throws IOException {
    InputStream stream =
        gzip.isInMemory()
            ? new ByteArrayInputStream(gzip.getData())
            : Files.newInputStream(gzip.getPath());
    opened.add(stream);
    return stream;
  }

  /** Closes what the database driver was handed and deletes the temporary copy. */
  @Override
  public void close() {
    for (InputStream stream : opened) {
      try {
        stream.close();
      } catch (IOException ignored) {
        // a temporary copy being let go
      }
    }
    opened.clear();
    discard(gzip);
  }

  @Override
  public String toString() {
    return "RawCopy[size=" + size + ", truncated=" + truncated + "]";
  }

  private static int chunk(long left) {
    return (int) Math.min(BUFFER_BYTES, left);
  }

  private static DeferredFileOutputStream spill() throws IOException {
    return DeferredFileOutputStream.builder()
        .setThreshold(IN_MEMORY_BYTES)
        .setPrefix("puerto-raw-")
        .setSuffix(".gz")
        .get();
  }

  private static void discard(DeferredFileOutputStream spill) {
    try {
      spill.close();
      Path file = spill.isInMemory() ? null : spill.getPath();
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete a temporary copy of an input", e);
    }
  }

  private static OutputStream fastGzip(OutputStream out) throws IOException {
    return new FastGzipOutputStream(out);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Reports are mostly compressed already; the fastest level keeps import speed up. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, BUFFER_BYTES);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
