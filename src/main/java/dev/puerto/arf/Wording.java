package dev.puerto.arf;

import dev.puerto.parse.IpLiterals;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report's human-readable text says, for reporters that send no ARF part (Exim: "Sender
 * Domain:", "Sender IP Address:", "Received date:", then a copy of the headers) and as a fallback
 * for ARF parts that lack a field (the RFC 6591 sentence "received from IP 192.0.2.1 on
 * &lt;date&gt;"). Labelled lines win over the sentence; anything unreadable is null.
 *
 * @param headers the header lines after "copy of the headers", or null
 */
record Wording(
    String domain,
    InetAddress sourceIp,
    Instant arrivalDate,
    String headers,
    boolean headersTruncated) {

  static final Wording NONE = new Wording(null, null, null, null, false);

  private static final String LABEL_START = "(?im)^[ \\t>*-]*+";
  private static final Pattern DOMAIN =
      Pattern.compile(
          LABEL_START
              + "(?:sender|reported|source|from|header[ -]from|author)?[ \\t]*+domain[ \\t]*+:"
              + "[ \\t]*+<?([A-Za-z0-9._-]+)");
  private static final Pattern IP =
      Pattern.compile(
          LABEL_START
              + "(?:sender|source|client|connecting|remote|sending)?[ \\t]*+ip(?:[ \\t]*+address)?"
              + "[ \\t]*+:[ \\t]*+\\[?([0-9A-Fa-f:.]+)");
  private static final Pattern DATE =
      Pattern.compile(
          LABEL_START
              + "(?:(?:received|arrival|arrived)[ \\t-]*(?:date|time|on)|date[ \\t]+received)"
              + "[ \\t]*+:[ \\t]*+(.+)$");
  private static final Pattern SENTENCE =
      Pattern.compile(
          "(?i)received from (?:ip (?:address )?)?\\[?([^\\s\\]]+?)\\]?,? on (.{6,80}?)(?:\\.\\s|\\.?$)");

  /**
   * @param cut whether the text was cut at its bound (then so may be the headers at its end)
   */
  static Wording read(String original, boolean cut) {
    if (original == null || original.isBlank()) {
      return NONE;
    }
    String text = original.replace("\r\n", "\n").replace('\r', '\n');
    String prose = text;
    String headers = null;
    boolean truncated = false;
    int[] copy = headerCopyLine(text);
    if (copy != null) {
      prose = text.substring(0, copy[0]);
      String after = text.substring(copy[1]).replaceFirst("^\\s*\\n", "");
      int blank = after.indexOf("\n\n");
      headers = blank < 0 ? after : after.substring(0, blank + 1);
      truncated = blank < 0 && cut;
      if (headers.isBlank()) {
        headers = null;
      }
    }
    String domain = Text.domain(group(DOMAIN, prose));
    InetAddress ip = ip(group(IP, prose));
    Instant date = MailDates.parse(group(DATE, prose));
    Matcher sentence = SENTENCE.matcher(prose.replaceAll("\\s+", " "));
    if (sentence.find()) {
      ip = ip != null ? ip : ip(sentence.group(1));
      date = date != null ? date : MailDates.parse(sentence.group(2));
    }
    return new Wording(domain, ip, date, headers, truncated);
  }

  /**
   * Start and end of the line announcing the copied headers (Exim: "------ This is a copy of the
   * headers that were received before the error was detected."), or null. Searched line by line,
   * not by one regular expression, which would backtrack quadratically on one long line.
   */
  private static int[] headerCopyLine(String text) {
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      String line = text.substring(start, end).toLowerCase(Locale.ROOT);
      int copy = line.indexOf("copy of the");
      if (copy >= 0 && line.indexOf("header", copy) >= 0) {
        return new int[] {start, end};
      }
      start = end + 1;
    }
    return null;
  }

  static InetAddress ip(String literal) {
    if (literal == null) {
      return null;
    }
    String ip = literal.strip();
    if (ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    if (ip.regionMatches(true, 0, "IPv6:", 0, 5)) {
      ip = ip.substring(5);
    }
    while (ip.endsWith(".")) {
      ip = ip.substring(0, ip.length() - 1);
    }
    return IpLiterals.parse(ip).orElse(null);
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1).strip() : null;
  }
}
