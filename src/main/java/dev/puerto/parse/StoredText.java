package dev.puerto.parse;

/**
 * How every parser stores reporter text it normalises, so that a domain or a keyword reads the same
 * whichever kind of report it came in: trimmed, control characters replaced, keywords lower case,
 * domains lower case without a trailing dot.
 */
public final class StoredText {
  private StoredText() {}

  /** Enumerated words ({@code Pass}, {@code certificate-expired}) compare lower-case. */
  public static String keyword(String raw) {
    return Values.keyword(raw);
  }

  /** DNS names compare case-insensitively, and {@code example.com.} is {@code example.com}. */
  public static String domain(String raw) {
    return Values.domain(raw);
  }
}
