package dev.puerto.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of {@code COPY ... FROM STDIN}: values separated by tabs, rows ended by
 * newlines, NULL as {@code \N}, and in text the backslash and the characters that would end a value
 * or a row escaped. The server reads each value with its column type's own input function, as it
 * reads the casts of the unnest statements, so any column type (bigint, inet, date) needs nothing
 * here but its text; the binary format would need an encoder per type.
 */
final class CopyText {
  private final StringBuilder row = new StringBuilder(256);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
  private boolean rowStarted;

  /** Adds a value to the current row; null stays NULL. */
  CopyText value(Object value) {
    if (rowStarted) {
      row.append('\t');
    }
    rowStarted = true;
    if (value == null) {
      row.append("\\N");
    } else if (value instanceof Number number) {
      row.append(number);
    } else {
      escape(value.toString());
    }
    return this;
  }

  /** Ends the current row. */
  void endRow() {
    row.append('\n');
    // the connection's client_encoding is UTF8 (the driver sets it); an unpaired surrogate, which
    // has no UTF-8 form, has been replaced before (DatabaseText and the parser)
    byte[] encoded = row.toString().getBytes(StandardCharsets.UTF_8);
    bytes.write(encoded, 0, encoded.length);
    row.setLength(0);
    rowStarted = false;
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> row.append("\\\\");
        case '\t' -> row.append("\\t");
        case '\n' -> row.append("\\n");
        case '\r' -> row.append("\\r");
        default -> row.append(c);
      }
    }
  }

  /** The rows ended so far, as the bytes COPY reads; forgets them. */
  byte[] drain() {
    byte[] data = bytes.toByteArray();
    bytes.reset();
    return data;
  }
}
