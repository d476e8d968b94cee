package dev.puerto.parse;

import java.util.Locale;

/**
 * The normalisation rules shared by all converters. Each keeps the difference between an absent
 * element ({@code null}) and an empty one ({@code ""}).
 *
 * <p>Control characters (C0 but tab, line feed and carriage return; DEL; C1) have no meaning in a
 * report and can drive a terminal: each one is replaced by U+FFFD, so the stored text shows where
 * one was. The raw input keeps them as sent.
 */
final class Values {
  /** Longest values accepted, in UTF-8 octets; see the README's list of limits. */
  static final int MAX_DOMAIN_OCTETS = 253;

  static final int MAX_LABEL_OCTETS = 63;
  static final int MAX_REPORT_ID_OCTETS = 1024;
  static final int MAX_NAME_OCTETS = 512;
  static final int MAX_KEYWORD_OCTETS = 255;
  static final int MAX_TEXT_OCTETS = 16 * 1024;

  private static final char REPLACEMENT = '\uFFFD';

  private Values() {}

  /** Trimmed text, control characters replaced. */
  static String text(String raw) {
    return raw == null ? null : withoutControls(raw.strip());
  }

  /** Enumerated words ({@code Pass}, {@code HardFail}) compare lower-case. */
  static String keyword(String raw) {
    String text = text(raw);
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /** DNS names compare case-insensitively, and {@code example.com.} is {@code example.com}. */
  static String domain(String raw) {
    String name = keyword(raw);
    return name != null && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** {@link #text(String)}, at most {@value #MAX_TEXT_OCTETS} octets. */
  static String text(String raw, String element) {
    return atMost(text(raw), MAX_TEXT_OCTETS, element);
  }

  /** {@link #keyword(String)}, at most {@value #MAX_KEYWORD_OCTETS} octets. */
  static String keyword(String raw, String element) {
    return atMost(keyword(raw), MAX_KEYWORD_OCTETS, element);
  }

  /** {@link #domain(String)}, a valid length for a domain name and its labels. */
  static String domain(String raw, String element) {
    return domainName(domain(raw), element);
  }

  static boolean isBlank(String raw) {
    return raw == null || raw.isBlank();
  }

  /**
   * The value itself, or a rejection naming {@code element} when it is longer than {@code
   * maxOctets} in UTF-8.
   */
  static String atMost(String value, int maxOctets, String element) {
    if (value != null && value.length() > maxOctets / 3) {
      int octets = utf8Octets(value);
      if (octets > maxOctets) {
        throw new InvalidReportException(
            element
                + " is "
                + String.format("%,d", octets)
                + " octets long; at most "
                + String.format("%,d", maxOctets)
                + " are accepted");
      }
    }
    return value;
  }

  /** A domain name of at most 253 octets whose labels have at most 63. */
  static String domainName(String value, String element) {
    atMost(value, MAX_DOMAIN_OCTETS, element);
    if (value != null && value.length() > MAX_LABEL_OCTETS / 3) {
      int start = 0;
      for (int dot = value.indexOf('.'); ; dot = value.indexOf('.', start)) {
        int octets = utf8Octets(value.substring(start, dot < 0 ? value.length() : dot));
        if (octets > MAX_LABEL_OCTETS) {
          throw new InvalidReportException(
              element
                  + " has a label of "
                  + octets
                  + " octets; at most "
                  + MAX_LABEL_OCTETS
                  + " are accepted");
        }
        if (dot < 0) {
          break;
        }
        start = dot + 1;
      }
    }
    return value;
  }

  /** The text with each control character replaced, not trimmed; null stays null. */
  static String withoutControls(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        StringBuilder cleaned = new StringBuilder(text);
        for (int j = i; j < cleaned.length(); j++) {
          if (isControl(cleaned.charAt(j))) {
            cleaned.setCharAt(j, REPLACEMENT);
          }
        }
        return cleaned.toString();
      }
    }
    return text;
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }

  private static int utf8Octets(String value) {
    int octets = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        octets++;
      } else if (c < 0x800) {
        octets += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        octets += 4;
        i++;
      } else {
        octets += 3;
      }
    }
    return octets;
  }
}
