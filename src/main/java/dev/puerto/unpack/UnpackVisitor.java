package dev.puerto.unpack;

import java.io.IOException;

/** Receives what {@link Unpacker} finds in one input. */
public interface UnpackVisitor {

  /**
   * Called for every report document found. {@code document.content()} is valid only during this
   * call; reading it may throw {@link UnpackLimitException} or an {@link IOException} naming a
   * corrupt part, which the visitor handles.
   */
  void document(ReportDocument document) throws IOException;

  /** Called for every part that is not usable as a report. */
  void problem(UnpackProblem problem);
}
