package dev.puerto.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An MTA-STS policy file (RFC 8461 3.2), parsed leniently: what a sender would use, plus every
 * problem found.
 *
 * @param mode enforce, testing or none; null when absent or invalid
 * @param maxAge seconds, -1 when absent or invalid
 * @param mx the mx patterns, lower case, without a trailing dot
 */
record MtaStsPolicy(String mode, long maxAge, List<String> mx, List<String> problems) {
  /** RFC 8461 3.2: max_age is at most 31557600 seconds (about a year). */
  static final long MAX_AGE_LIMIT = 31_557_600;

  private static final Set<String> MODES = Set.of("enforce", "testing", "none");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern MX =
      Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  MtaStsPolicy {
    mx = List.copyOf(mx);
    problems = List.copyOf(problems);
  }

  /** Lines end in CRLF (RFC 8461) or, as many servers write them, LF. */
  static MtaStsPolicy parse(String text) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String version = null;
    String mode = null;
    String maxAgeText = null;
    List<String> mx = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon);
      if (!KEY.matcher(key).matches()) {
        problems.add("'" + line.strip() + "' is not a key: value line");
        continue;
      }
      String value = line.substring(colon + 1).strip();
      if (!key.equals("mx") && !seen.add(key)) {
        problems.add(key + ": appears twice");
        continue;
      }
      switch (key) {
        case "version" -> version = value;
        case "mode" -> mode = value;
        case "max_age" -> maxAgeText = value;
        case "mx" -> mx.add(mxPattern(value, problems));
        default -> {
          // Extension keys (RFC 8461 3.2): senders ignore them.
        }
      }
    }
    if (!"STSv1".equals(version)) {
      problems.add(
          version == null ? "version: STSv1 is missing" : "version: " + version + " is not STSv1");
    }
    if (mode == null || !MODES.contains(mode)) {
      problems.add(
          mode == null ? "mode: is missing" : "mode: " + mode + " is not enforce, testing or none");
      mode = null;
    }
    long maxAge = maxAge(maxAgeText, problems);
    if (mx.isEmpty() && !"none".equals(mode)) {
      problems.add("no mx: line: the policy matches no MX host");
    }
    return new MtaStsPolicy(mode, maxAge, mx, problems);
  }

  private static long maxAge(String text, List<String> problems) {
    if (text == null) {
      problems.add("max_age: is missing");
      return -1;
    }
    if (!text.matches("[0-9]{1,10}")) {
      problems.add("max_age: " + text + " is not a number of seconds (1 to 10 digits)");
      return -1;
    }
    long seconds = Long.parseLong(text);
    if (seconds > MAX_AGE_LIMIT) {
      problems.add(
          "max_age: "
              + seconds
              + " is over "
              + MAX_AGE_LIMIT
              + " seconds (RFC 8461 maximum, a year)");
      return -1;
    }
    return seconds;
  }

  private static String mxPattern(String value, List<String> problems) {
    String pattern = value.toLowerCase(Locale.ROOT);
    pattern = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (!MX.matcher(pattern).matches()) {
      problems.add("mx: " + value + " is not a host name or *.domain");
    }
    return pattern;
  }

  /** The first pattern matching an MX host; "*." matches exactly one label (RFC 8461 4.1). */
  boolean matches(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    for (String pattern : mx) {
      if (pattern.startsWith("*.")) {
        String parent = pattern.substring(1);
        int dot = name.indexOf('.');
        if (dot > 0 && name.substring(dot).equals(parent)) {
          return true;
        }
      } else if (pattern.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
