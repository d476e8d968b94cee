package dev.puerto.generate;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small JSON writer for hand-made samples: objects (insertion-ordered maps), lists, strings and
 * integers. Pretty output is indented by two spaces, as Python's {@code json.dumps(indent=2)} and
 * most reporters write it; compact output has no white space at all.
 */
final class Json {
  private Json() {}

  static String pretty(Object value) {
    StringBuilder json = new StringBuilder();
    write(json, value, "\n");
    return json.append('\n').toString();
  }

  static String compact(Object value) {
    StringBuilder json = new StringBuilder();
    write(json, value, null);
    return json.toString();
  }

  /** {@code newline} is the line break plus the current indent, or null for compact output. */
  private static void write(StringBuilder json, Object value, String newline) {
    if (value instanceof Map<?, ?> map) {
      container(json, '{', '}', map.entrySet().iterator(), newline);
    } else if (value instanceof List<?> list) {
      container(json, '[', ']', list.iterator(), newline);
    } else if (value instanceof String text) {
      string(json, text);
    } else if (value instanceof Integer || value instanceof Long) {
      json.append(value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value);
    }
  }

  private static void container(
      StringBuilder json, char open, char close, Iterator<?> items, String newline) {
    json.append(open);
    if (!items.hasNext()) {
      json.append(close);
      return;
    }
    String inner = newline == null ? null : newline + "  ";
    while (items.hasNext()) {
      if (inner != null) {
        json.append(inner);
      }
      Object item = items.next();
      if (item instanceof Map.Entry<?, ?> entry) {
        string(json, (String) entry.getKey());
        json.append(newline == null ? ":" : ": ");
        item = entry.getValue();
      }
      write(json, item, inner);
      if (items.hasNext()) {
        json.append(',');
      }
    }
    if (newline != null) {
      json.append(newline);
    }
    json.append(close);
  }

  /** Escapes as RFC 8259 requires, and everything outside ASCII, so the bytes are plain ASCII. */
  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        default -> {
          if (c < 0x20 || c >= 0x80) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
