package dev.puerto.dns;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** RFC 7208 section 7 macro expansion. */
final class Macros {
  private static final String DELIMITERS = ".-+,/_=";

  /** What the macro letters stand for; {@code ptr} is looked up only when {@code %{p}} is used. */
  record Values(
      String local,
      String senderDomain,
      String domain,
      InetAddress ip,
      String helo,
      Supplier<String> ptr,
      long time) {}

  private final Values values;

  Macros(Values values) {
    this.values = values;
  }

  /** Checks syntax only (no lookups). */
  static void check(String text, boolean explanation) throws SpfException {
    new Macros(null).walk(text, explanation, null);
  }

  String expand(String text, boolean explanation) throws SpfException {
    StringBuilder out = new StringBuilder();
    walk(text, explanation, out);
    return explanation ? out.toString() : truncate(out.toString());
  }

  private void walk(String text, boolean explanation, StringBuilder out) throws SpfException {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '%') {
        if (!explanation && (c < 0x21 || c > 0x7e)) {
          throw error(text);
        }
        append(out, String.valueOf(c));
        i++;
        continue;
      }
      if (i + 1 >= text.length()) {
        throw error(text);
      }
      char next = text.charAt(i + 1);
      switch (next) {
        case '%' -> append(out, "%");
        case '_' -> append(out, " ");
        case '-' -> append(out, "%20");
        case '{' -> {
          int close = text.indexOf('}', i);
          if (close < 0) {
            throw error(text);
          }
          String body = text.substring(i + 2, close);
          String expanded = macro(body, explanation, text, out != null);
          append(out, expanded);
          i = close + 1;
          continue;
        }
        default -> throw error(text);
      }
      i += 2;
    }
  }

  private static void append(StringBuilder out, String text) {
    if (out != null) {
      out.append(text);
    }
  }

  private String macro(String body, boolean explanation, String text, boolean expand)
      throws SpfException {
    if (body.isEmpty()) {
      throw error(text);
    }
    char letter = body.charAt(0);
    char lower = Character.toLowerCase(letter);
    if ("slodiphv".indexOf(lower) < 0 && !(explanation && "crt".indexOf(lower) >= 0)) {
      throw error(text);
    }
    int j = 1;
    while (j < body.length() && Character.isDigit(body.charAt(j))) {
      j++;
    }
    String digits = body.substring(1, j);
    boolean reverse = j < body.length() && Character.toLowerCase(body.charAt(j)) == 'r';
    if (reverse) {
      j++;
    }
    String delimiters = body.substring(j);
    for (char d : delimiters.toCharArray()) {
      if (DELIMITERS.indexOf(d) < 0) {
        throw error(text);
      }
    }
    int keep = digits.isEmpty() ? Integer.MAX_VALUE : parseKeep(digits, text);
    if (!expand) {
      return "";
    }
    String value = value(lower);
    List<String> parts =
        new ArrayList<>(
            Arrays.asList(value.split(splitter(delimiters.isEmpty() ? "." : delimiters), -1)));
    if (reverse) {
      Collections.reverse(parts);
    }
    if (keep < parts.size()) {
      parts = parts.subList(parts.size() - keep, parts.size());
    }
    String result = String.join(".", parts);
    return Character.isUpperCase(letter) ? escape(result) : result;
  }

  private static int parseKeep(String digits, String text) throws SpfException {
    if (digits.length() > 3 || Integer.parseInt(digits) == 0) {
      throw error(text);
    }
    return Integer.parseInt(digits);
  }

  private static String splitter(String delimiters) {
    StringBuilder regex = new StringBuilder("[");
    for (char d : delimiters.toCharArray()) {
      regex.append('\\').append(d);
    }
    return regex.append(']').toString();
  }

  private String value(char letter) {
    InetAddress ip = values.ip();
    return switch (letter) {
      case 's' -> values.local() + "@" + values.senderDomain();
      case 'l' -> values.local();
      case 'o' -> values.senderDomain();
      case 'd' -> values.domain();
      case 'i' -> ip instanceof Inet4Address ? ip.getHostAddress() : nibbles(ip);
      case 'p' -> values.ptr().get();
      case 'v' -> ip instanceof Inet4Address ? "in-addr" : "ip6";
      case 'h' -> values.helo();
      case 'c' -> InetAddresses.toAddrString(ip);
      case 'r' -> "unknown";
      case 't' -> Long.toString(values.time());
      default -> throw new IllegalStateException(String.valueOf(letter));
    };
  }

  /** The dot-format of an IPv6 address, upper-case as in RFC 7208's own example (7.4). */
  static String nibbles(InetAddress ip) {
    StringBuilder out = new StringBuilder();
    for (byte b : ip.getAddress()) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append('.');
      out.append(Character.forDigit(b & 0xf, 16)).append('.');
    }
    return out.substring(0, out.length() - 1).toUpperCase(Locale.ROOT);
  }

  /** RFC 3986 percent-encoding of everything but the unreserved characters. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      }
    }
    return out.toString();
  }

  /** Drops labels from the left until the name fits in 253 characters (RFC 7208 7.3). */
  private static String truncate(String domain) {
    String name = domain;
    while (name.length() > 253 && name.indexOf('.') >= 0) {
      name = name.substring(name.indexOf('.') + 1);
    }
    return name;
  }

  private static SpfException error(String text) {
    return new SpfException(SpfResult.PERMERROR, "macro syntax error in '" + text + "'");
  }
}
