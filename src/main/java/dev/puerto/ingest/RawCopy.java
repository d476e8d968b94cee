package dev.puerto.ingest;

import dev.puerto.source.InboundMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** The hash and the gzip-compressed copy of an input's raw bytes, made in one pass. */
record RawCopy(byte[] sha256, byte[] gzip) {
  static RawCopy of(InboundMessage message) throws IOException {
    MessageDigest digest = sha256Digest();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (InputStream in = new DigestInputStream(message.open(), digest);
        OutputStream out = new FastGzipOutputStream(compressed)) {
      in.transferTo(out);
    }
    return new RawCopy(digest.digest(), compressed.toByteArray());
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
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
