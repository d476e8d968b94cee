package dev.puerto.dns;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Conversions between dnsjava names and the dot-less lower-case text the rest of Puerto uses. */
final class DnsNames {
  private DnsNames() {}

  /** The name without its trailing dot; the root (a null MX target) is the empty string. */
  static String text(Name name) {
    if (name.equals(Name.root)) {
      return "";
    }
    String text = name.toString(true);
    return text.toLowerCase(Locale.ROOT);
  }

  /** An absolute name, or null when the text is not a valid domain name. */
  static Name parse(String domain) {
    try {
      return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
    } catch (TextParseException e) {
      return null;
    }
  }
}
