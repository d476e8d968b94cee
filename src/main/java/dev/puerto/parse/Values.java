package dev.puerto.parse;

import java.util.Locale;

/**
 * The normalisation rules shared by all converters. Each keeps the difference between an absent
 * element ({@code null}) and an empty one ({@code ""}).
 */
final class Values {
  private Values() {}

  /** Trimmed text. */
  static String text(String raw) {
    return raw == null ? null : raw.strip();
  }

  /** Enumerated words ({@code Pass}, {@code HardFail}) compare lower-case. */
  static String keyword(String raw) {
    return raw == null ? null : raw.strip().toLowerCase(Locale.ROOT);
  }

  /** DNS names compare case-insensitively, and {@code example.com.} is {@code example.com}. */
  static String domain(String raw) {
    String name = keyword(raw);
    return name != null && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  static boolean isBlank(String raw) {
    return raw == null || raw.isBlank();
  }
}
