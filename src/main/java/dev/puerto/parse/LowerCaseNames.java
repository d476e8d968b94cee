package dev.puerto.parse;

import java.util.Locale;

/**
 * Lower-cases element and attribute names and interns the result, remembering recent answers: a
 * report repeats a few dozen names hundreds of thousands of times, and lower-casing each occurrence
 * was a measurable part of parsing. Interned names also let JAXB skip interning them again. Not
 * thread-safe; one per document.
 */
final class LowerCaseNames {
  /**
   * A direct-mapped cache: far more slots than a report has names, so collisions are rare, and a
   * hostile document with endless distinct names cannot make it grow. The parser hands out the same
   * String instance for the same name, so a hit is usually an identity comparison.
   */
  private static final int SLOTS = 256;

  private final String[] names = new String[SLOTS];
  private final String[] lowerCase = new String[SLOTS];

  String of(String name) {
    int slot = name.hashCode() & (SLOTS - 1);
    if (name.equals(names[slot])) {
      return lowerCase[slot];
    }
    String lower = name.toLowerCase(Locale.ROOT).intern();
    names[slot] = name;
    lowerCase[slot] = lower;
    return lower;
  }
}
