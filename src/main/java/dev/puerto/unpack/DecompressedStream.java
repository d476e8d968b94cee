package dev.puerto.unpack;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;
import java.util.zip.ZipException;

/**
 * The output of one decompressing layer, checked on the fly against the size and ratio limits so a
 * bomb is stopped without holding its output anywhere, and with failures that name the part.
 */
final class DecompressedStream extends CountingStream {

  private final LongSupplier compressedBytes;
  private final UnpackLimits limits;
  private final String path;
  private final String container;

  /**
   * @param compressedBytes compressed bytes this layer has consumed so far
   * @param path the compressed part, named in messages
   * @param container what the compressed part is, e.g. "gzip stream" or "zip entry"
   */
  DecompressedStream(
      InputStream decompressed,
      LongSupplier compressedBytes,
      UnpackLimits limits,
      String path,
      String container) {
    super(decompressed);
    this.compressedBytes = compressedBytes;
    this.limits = limits;
    this.path = path;
    this.container = container;
  }

  @Override
  void checkCount(long total) throws UnpackLimitException {
    if (total > limits.maxDocumentBytes()) {
      throw new UnpackLimitException(
          path, "decompressed size exceeds " + limits.maxDocumentBytes() + " bytes");
    }
    if (total > limits.ratioGraceBytes()
        && total > compressedBytes.getAsLong() * limits.maxRatio()) {
      throw new UnpackLimitException(
          path,
          String.format(
              "compression ratio above %d:1 after %d bytes (likely a zip bomb)",
              limits.maxRatio(), total));
    }
  }

  @Override
  IOException describe(IOException failure) {
    return describe(failure, path, container);
  }

  /** Names the part in a decompressor's failure; failures already named pass unchanged. */
  static IOException describe(IOException failure, String path, String container) {
    if (failure instanceof EOFException) {
      return new CorruptInputException(
          path, "truncated " + container + " (unexpected end of input)");
    }
    if (failure instanceof ZipException) {
      return new CorruptInputException(
          path, "corrupt " + container + " (" + failure.getMessage() + ")");
    }
    return failure;
  }
}
