package dev.puerto.unpack;

/**
 * Where a part is: its full path (layers separated by {@code '!'}) and its own name, kept apart
 * because real file names contain {@code '!'} too.
 *
 * <p>Names inside an input come from senders (zip entries, attachment file names, gzip headers):
 * control characters, NUL included, become U+FFFD, and a name longer than {@value #MAX_NAME_CHARS}
 * characters is cut with an ellipsis, so a path is always fit to store and to print.
 */
record PartName(String path, String name) {

  static final int MAX_NAME_CHARS = 255;

  /** The input itself, named by the user or the source: not cut, only cleaned. */
  static PartName root(String name) {
    String clean = clean(name, Integer.MAX_VALUE);
    return new PartName(clean, clean);
  }

  PartName child(String childName) {
    String clean = clean(childName, MAX_NAME_CHARS);
    return new PartName(path + "!" + clean, clean);
  }

  private static String clean(String name, int maxChars) {
    StringBuilder cleaned = new StringBuilder(Math.min(name.length(), MAX_NAME_CHARS + 1));
    for (int i = 0; i < name.length() && cleaned.length() < maxChars; i++) {
      char c = name.charAt(i);
      cleaned.append(Character.isISOControl(c) ? '\uFFFD' : c);
    }
    if (name.length() > maxChars) {
      cleaned.append('\u2026');
    }
    return cleaned.toString();
  }
}
