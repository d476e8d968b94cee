package dev.puerto.unpack;

import java.io.InputStream;

/** Stops a stream that is not decompressed output (raw input, an e-mail) at a byte limit. */
final class LimitedStream extends CountingStream {

  private final long maxBytes;
  private final String path;
  private final String what;

  /**
   * @param what names the content in the message, e.g. "input" or "e-mail"
   */
  LimitedStream(InputStream in, long maxBytes, String path, String what) {
    super(in);
    this.maxBytes = maxBytes;
    this.path = path;
    this.what = what;
  }

  @Override
  void checkCount(long total) throws UnpackLimitException {
    if (total > maxBytes) {
      throw new UnpackLimitException(path, what + " exceeds " + maxBytes + " bytes");
    }
  }
}
