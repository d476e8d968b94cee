package dev.puerto.dns;

import java.util.Locale;

/** The results of RFC 7208 check_host(), section 2.6. */
public enum SpfResult {
  NONE,
  NEUTRAL,
  PASS,
  FAIL,
  SOFTFAIL,
  TEMPERROR,
  PERMERROR;

  /** The result's name as RFC 7208 spells it, e.g. {@code softfail}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SpfResult ofQualifier(char qualifier) {
    return switch (qualifier) {
      case '-' -> FAIL;
      case '~' -> SOFTFAIL;
      case '?' -> NEUTRAL;
      default -> PASS;
    };
  }
}
