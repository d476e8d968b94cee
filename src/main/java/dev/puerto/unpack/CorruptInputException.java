package dev.puerto.unpack;

import java.io.IOException;

/** A damaged or truncated container; the message starts with the part's path. */
final class CorruptInputException extends IOException implements PartFailure {

  private final String path;

  CorruptInputException(String path, String detail) {
    super(path + ": " + detail);
    this.path = path;
  }

  @Override
  public String path() {
    return path;
  }
}
