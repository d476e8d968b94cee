package dev.puerto.unpack;

import java.io.IOException;

/**
 * Carries a failure that must end the whole walk (the raw input failed, or the visitor threw) past
 * the per-part handlers that turn everything else into problems.
 */
final class WalkAborted extends RuntimeException {

  WalkAborted(Exception cause) {
    super(cause);
  }

  void rethrowCause() throws IOException {
    if (getCause() instanceof IOException io) {
      throw io;
    }
    throw (RuntimeException) getCause();
  }
}
