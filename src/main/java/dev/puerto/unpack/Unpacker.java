package dev.puerto.unpack;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns one raw input (a file, an e-mail, an mbox) into the report documents (aggregate, failure,
 * SMTP TLS) inside it, streaming, and detecting every container (gzip, zip, e-mail, mbox) by its
 * content.
 */
public final class Unpacker {

  private final UnpackLimits limits;

  public Unpacker(UnpackLimits limits) {
    this.limits = limits;
  }

  public UnpackLimits limits() {
    return limits;
  }

  /**
   * Walks the input; calls {@code visitor.document} for every report document found (nested to any
   * supported depth) and {@code visitor.problem} for every part that is not usable. Only an
   * IOException from reading {@code input} itself (or thrown by the visitor) escapes; problems
   * inside the input are reported to the visitor and the walk goes on with the next part.
   */
  public void unpack(String name, InputStream input, UnpackVisitor visitor) throws IOException {
    CountingStream source = new CountingStream(input);
    Walk walk = new Walk(limits, visitor, source);
    try {
      walk.part(
          PartName.root(name),
          new LimitedStream(source, limits.maxInputBytes(), name, "input"),
          0,
          PartRole.PAYLOAD);
    } catch (WalkAborted e) {
      e.rethrowCause();
    }
    walk.throwIfSourceFailed();
  }
}
