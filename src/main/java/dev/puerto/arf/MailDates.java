package dev.puerto.arf;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates reporters write, liberally: RFC 5322 with or without weekday or seconds, numeric
 * offsets or zone names (also only in a comment, {@code (CEST)}), two-digit years, asctime order
 * ({@code Tue Apr 30 02:09:16 2019}) and ISO 8601. A date without any zone is read as UTC. Anything
 * else is {@code null}, never a guess.
 */
final class MailDates {
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> WEEKDAYS =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  // RFC 5322 names, then the ones seen in real mail; ambiguous ones (IST, "CST" of China) are
  // read as RFC 5322 says or not at all.
  private static final Map<String, Integer> ZONE_MINUTES =
      Map.ofEntries(
          Map.entry("UT", 0),
          Map.entry("UTC", 0),
          Map.entry("GMT", 0),
          Map.entry("Z", 0),
          Map.entry("EST", -300),
          Map.entry("EDT", -240),
          Map.entry("CST", -360),
          Map.entry("CDT", -300),
          Map.entry("MST", -420),
          Map.entry("MDT", -360),
          Map.entry("PST", -480),
          Map.entry("PDT", -420),
          Map.entry("AKST", -540),
          Map.entry("AKDT", -480),
          Map.entry("HST", -600),
          Map.entry("WET", 0),
          Map.entry("WEST", 60),
          Map.entry("BST", 60),
          Map.entry("CET", 60),
          Map.entry("CEST", 120),
          Map.entry("MET", 60),
          Map.entry("MEST", 120),
          Map.entry("CEDT", 120),
          Map.entry("EET", 120),
          Map.entry("EEST", 180),
          Map.entry("MSK", 180),
          Map.entry("HKT", 480),
          Map.entry("SGT", 480),
          Map.entry("AWST", 480),
          Map.entry("JST", 540),
          Map.entry("KST", 540),
          Map.entry("ACST", 570),
          Map.entry("AEST", 600),
          Map.entry("AEDT", 660),
          Map.entry("NZST", 720),
          Map.entry("NZDT", 780));

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?"
              + "\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?\\b.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TIME =
      Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?");
  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");
  private static final Pattern COMMENT = Pattern.compile("\\(([^()]*)\\)");

  private MailDates() {}

  static Instant parse(String text) {
    if (text == null || text.isBlank() || text.length() > 200) {
      return null;
    }
    try {
      Matcher iso = ISO.matcher(text.strip());
      if (iso.matches()) {
        return iso(iso);
      }
      return rfc5322(text);
    } catch (DateTimeException | NumberFormatException invalid) {
      return null;
    }
  }

  private static Instant iso(Matcher iso) {
    LocalDateTime local =
        LocalDateTime.of(
            Integer.parseInt(iso.group(1)),
            Integer.parseInt(iso.group(2)),
            Integer.parseInt(iso.group(3)),
            Integer.parseInt(iso.group(4)),
            Integer.parseInt(iso.group(5)),
            iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6)));
    Integer minutes = iso.group(7) == null ? Integer.valueOf(0) : zone(iso.group(7));
    return local.toInstant(ZoneOffset.ofTotalSeconds(minutes * 60));
  }

  private static Instant rfc5322(String text) {
    Integer commentZone = null;
    Matcher comment = COMMENT.matcher(text);
    while (comment.find()) {
      Integer zone = ZONE_MINUTES.get(comment.group(1).strip().toUpperCase(Locale.ROOT));
      if (commentZone == null) {
        commentZone = zone;
      }
    }
    String bare = COMMENT.matcher(text).replaceAll(" ");
    Integer day = null;
    Integer month = null;
    Integer year = null;
    Matcher time = null;
    Integer offset = null;
    Integer namedZone = null;
    boolean unknownWord = false;
    for (String raw : bare.split("[\\s,]+")) {
      String token = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
      if (token.isEmpty()) {
        continue;
      }
      Matcher clock = TIME.matcher(token);
      if (clock.matches() && time == null) {
        time = clock;
      } else if (OFFSET.matcher(token).matches() && offset == null) {
        offset = zone(token);
      } else if (token.chars().allMatch(Character::isDigit)) {
        if (token.length() > 4) {
          return null;
        }
        int number = Integer.parseInt(token);
        if (token.length() <= 2 && day == null) {
          day = number;
        } else if (year == null) {
          year = token.length() == 4 ? number : number < 50 ? 2000 + number : 1900 + number;
        } else {
          return null;
        }
      } else if (token.chars().allMatch(Character::isLetter)) {
        String lower = token.toLowerCase(Locale.ROOT);
        String prefix = lower.length() >= 3 ? lower.substring(0, 3) : lower;
        Integer zone = ZONE_MINUTES.get(token.toUpperCase(Locale.ROOT));
        if (zone != null) {
          namedZone = namedZone == null ? zone : namedZone;
        } else if (MONTHS.contains(prefix) && month == null) {
          month = MONTHS.indexOf(prefix) + 1;
        } else if (!WEEKDAYS.contains(prefix)) {
          unknownWord = true;
        }
      } else {
        unknownWord = true;
      }
    }
    if (day == null || month == null || year == null || time == null) {
      return null;
    }
    Integer minutes = offset != null ? offset : namedZone != null ? namedZone : commentZone;
    if (minutes == null) {
      if (unknownWord) {
        return null; // an unknown zone name: no guess at the hour
      }
      minutes = 0;
    }
    int second = time.group(3) == null ? 0 : Math.min(59, Integer.parseInt(time.group(3)));
    LocalDateTime local =
        LocalDateTime.of(
            year,
            month,
            day,
            Integer.parseInt(time.group(1)),
            Integer.parseInt(time.group(2)),
            second);
    return local.toInstant(ZoneOffset.ofTotalSeconds(minutes * 60));
  }

  /** Minutes east of UTC for {@code +0200}, {@code -07:00} or a zone name. */
  private static Integer zone(String token) {
    Matcher offset = OFFSET.matcher(token);
    if (offset.matches()) {
      int minutes = Integer.parseInt(offset.group(2)) * 60 + Integer.parseInt(offset.group(3));
      return offset.group(1).equals("-") ? -minutes : minutes;
    }
    return ZONE_MINUTES.get(token.toUpperCase(Locale.ROOT));
  }
}
