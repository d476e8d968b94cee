package dev.puerto.testing;

import dev.puerto.store.RawInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPOutputStream;

/** Raw bytes held in memory, for tests that record inputs directly in the store. */
public record RawBytes(byte[] sha256, long size, boolean truncated, byte[] gzip)
    implements RawInput {

  public static RawBytes of(byte[] bytes) {
    try {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
        out.write(bytes);
      }
      return new RawBytes(
          MessageDigest.getInstance("SHA-256").digest(bytes),
          bytes.length,
          false,
          compressed.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long gzipLength() {
    return gzip.length;
  }

  @Override
  public InputStream openGzip() {
    return new ByteArrayInputStream(gzip);
  }
}
