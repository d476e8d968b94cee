package dev.puerto.arf;

import java.util.ArrayList;
import java.util.List;

/**
 * Header fields (of an e-mail, a MIME part, or an ARF feedback part) in order, each unfolded and
 * trimmed; names compare case-insensitively. Lines that are neither a field nor a continuation (an
 * mbox {@code From } line, garbage) are skipped, whatever the line endings (LF, CRLF, CR, mixed).
 */
record HeaderFields(List<Field> fields) {

  record Field(String name, String value) {}

  HeaderFields {
    fields = List.copyOf(fields);
  }

  static HeaderFields parse(String text) {
    List<Field> fields = new ArrayList<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (name != null) {
          value.append(' ').append(line.strip());
        }
        continue;
      }
      if (name != null) {
        fields.add(new Field(name, value.toString().strip()));
        name = null;
      }
      int colon = nameEnd(line);
      if (colon > 0) {
        name = line.substring(0, colon).strip();
        value.setLength(0);
        value.append(line, colon + 1, line.length());
      }
    }
    if (name != null) {
      fields.add(new Field(name, value.toString().strip()));
    }
    return new HeaderFields(fields);
  }

  /**
   * The colon after a field name (printable ASCII without space, RFC 5322; white space before the
   * colon is the obsolete syntax), or -1 when the line is no field.
   */
  private static int nameEnd(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) > ' ' && line.charAt(i) < 127) {
      if (line.charAt(i) == ':') {
        return i;
      }
      i++;
    }
    int nameLength = i;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return nameLength > 0 && i < line.length() && line.charAt(i) == ':' ? i : -1;
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /** The first field of that name, or null. */
  String first(String name) {
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return field.value();
      }
    }
    return null;
  }

  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.value());
      }
    }
    return values;
  }
}
