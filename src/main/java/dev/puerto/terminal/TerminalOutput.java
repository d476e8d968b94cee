package dev.puerto.terminal;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The writers Puerto prints through: every character is escaped as {@link ControlChars} says, so
 * that text from reports (org names, report ids, file names, DNS data) cannot move the cursor,
 * retitle the window or reorder a line on the terminal of whoever reads the output.
 */
public final class TerminalOutput {
  private TerminalOutput() {}

  /** A UTF-8 writer on {@code out} that escapes control characters; flushed on each line. */
  public static PrintWriter escaping(OutputStream out) {
    return new Escaping(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /**
   * The writer beneath an escaping one, for output that must reach the terminal as written (the
   * import progress bar returns to the line start with {@code \r}). What is written to either
   * arrives in order. Only text Puerto composes itself may go here, never text from reports.
   * Returns {@code writer} itself when it does not escape.
   */
  public static PrintWriter unescaped(PrintWriter writer) {
    if (writer instanceof Escaping escaping) {
      escaping.flush();
      return escaping.raw;
    }
    return writer;
  }

  private static final class Escaping extends PrintWriter {
    private final PrintWriter raw;

    Escaping(Writer sink) {
      super(new EscapingWriter(sink), true);
      this.raw = new PrintWriter(sink, true);
    }
  }
}
