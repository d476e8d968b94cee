package dev.puerto.terminal;

/**
 * Makes text safe to show on a terminal: characters that a terminal or a text renderer would act on
 * instead of showing are replaced by visible escapes.
 *
 * <ul>
 *   <li>C0 controls (U+0000 to U+001F) except line feed and tab: {@code \x1b} (ESC), {@code \x07}
 *       (BEL), {@code \x0d} (CR), ...;
 *   <li>DEL and the C1 controls (U+007F to U+009F; U+009B is a one-byte CSI): {@code \u007f},
 *       {@code \u009b};
 *   <li>the Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
 *       U+2069), which reorder the text around them: {@code \u202e}.
 * </ul>
 *
 * <p>DEL, C1 and bidi controls are written as {@code \}{@code uXXXX} so that inside a JSON string,
 * where JSON writers leave them raw, the escape is itself valid JSON for the same character.
 * Backslashes are left alone, so the escaping is not reversible: it is for showing text, not for
 * storing it.
 */
public final class ControlChars {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlChars() {}

  /** True for a character that is escaped (line feed and tab are not). */
  public static boolean unsafe(char c) {
    if (c < 0x20) {
      return c != '\n' && c != '\t';
    }
    if (c < 0x7f) {
      return false;
    }
    return c <= 0x9f
        || c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** The text with every unsafe character escaped; line feeds and tabs are kept. */
  public static String escape(CharSequence text) {
    return escape(text, false);
  }

  /**
   * The text on one line: as {@link #escape(CharSequence)}, and line feeds and tabs are written as
   * {@code \n} and {@code \t} (for table cells and one-line messages).
   */
  public static String escapeLine(CharSequence text) {
    return escape(text, true);
  }

  private static String escape(CharSequence text, boolean oneLine) {
    if (text == null) {
      return null;
    }
    int length = text.length();
    int first = 0;
    while (first < length && !needsEscape(text.charAt(first), oneLine)) {
      first++;
    }
    if (first == length) {
      return text.toString();
    }
    StringBuilder escaped = new StringBuilder(length + 16);
    escaped.append(text, 0, first);
    for (int i = first; i < length; i++) {
      char c = text.charAt(i);
      if (oneLine && c == '\n') {
        escaped.append("\\n");
      } else if (oneLine && c == '\t') {
        escaped.append("\\t");
      } else if (unsafe(c)) {
        appendEscape(c, escaped);
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static boolean needsEscape(char c, boolean oneLine) {
    return unsafe(c) || (oneLine && (c == '\n' || c == '\t'));
  }

  /** Appends the escape of an unsafe character: {@code \x1b} or {@code \u202e}. */
  static void appendEscape(char c, StringBuilder out) {
    if (c < 0x20) {
      out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
    } else {
      out.append("\\u")
          .append(HEX[(c >> 12) & 0xf])
          .append(HEX[(c >> 8) & 0xf])
          .append(HEX[(c >> 4) & 0xf])
          .append(HEX[c & 0xf]);
    }
  }
}
