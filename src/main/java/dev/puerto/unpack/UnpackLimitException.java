package dev.puerto.unpack;

import java.io.IOException;

/**
 * Thrown while reading a document or container when one of the {@link UnpackLimits} is exceeded.
 * The message names the part, the limit and the sizes, e.g. {@code report.zip!a.xml: decompressed
 * size exceeds 2147483648 bytes}.
 */
public final class UnpackLimitException extends IOException implements PartFailure {

  private final String path;

  /**
   * @param path the part that exceeded the limit
   * @param detail which limit, with the sizes
   */
  public UnpackLimitException(String path, String detail) {
    super(path + ": " + detail);
    this.path = path;
  }

  /** The part that exceeded the limit. */
  @Override
  public String path() {
    return path;
  }
}
