package dev.puerto.store;

/**
 * Text from outside (file and attachment names, mail folders, rejection reasons) as PostgreSQL
 * takes it: a NUL, which a {@code text} column refuses, and an unpaired surrogate, which has no
 * UTF-8 form, become U+FFFD. Everything else is stored as it came; output escapes it for terminals.
 */
final class DatabaseText {
  private static final char REPLACEMENT = '\uFFFD';

  private DatabaseText() {}

  static String clean(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder cleaned = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pairStart =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pairStart) {
        if (cleaned != null) {
          cleaned.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      boolean bad = c == '\0' || Character.isSurrogate(c);
      if (bad && cleaned == null) {
        cleaned = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (cleaned != null) {
        cleaned.append(bad ? REPLACEMENT : c);
      }
    }
    return cleaned == null ? text : cleaned.toString();
  }
}
