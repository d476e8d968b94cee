package dev.puerto.dns;

import com.google.common.net.InetAddresses;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a domain as a person typed it, before anything asks DNS about it: LDH labels of 1 to 63
 * octets, at most 253 in all, at least two labels, no all-digit top label. Common mistakes (a URL,
 * an e-mail address, an IP address, the name of the DMARC record or of a DKIM key, a port) are
 * named with the domain that was probably meant.
 *
 * <p>Internationalised names are converted to A-labels with {@link IDN} (IDNA 2003, Unicode 3.2).
 * Characters that IDNA 2003 and IDNA 2008 convert differently (ß, ς, ZWJ, ZWNJ) and characters
 * newer than Unicode 3.2 are refused with a request for the A-label, rather than converted to a
 * name that is not the one published.
 */
public final class DomainSyntax {
  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 253;
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://(.*)$");
  private static final Pattern PORT = Pattern.compile("^([^:\\[\\]]+):(\\d{1,5})$");
  private static final Pattern LDH = Pattern.compile("[a-z0-9-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private DomainSyntax() {}

  /**
   * A checked domain.
   *
   * @param ascii lower case, A-labels, without a trailing dot: what DNS is asked about
   * @param typed what was given, when it differs from {@code ascii} other than by case and a
   *     trailing dot (a name given in U-labels); else null
   */
  public record Domain(String ascii, String typed) {}

  /**
   * The domain, or an {@link IllegalArgumentException} whose message says in one line what is wrong
   * and, when it can tell, which domain was meant.
   */
  public static Domain parse(String typed) {
    String text = typed.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("the domain is empty");
    }
    Matcher url = SCHEME.matcher(text);
    if (url.matches() || (text.contains("/") && !text.contains("@"))) {
      throw mistaken(text, "a URL", urlHost(url.matches() ? url.group(1) : text));
    }
    String mail = text.regionMatches(true, 0, "mailto:", 0, 7) ? text.substring(7) : text;
    if (mail.contains("@")) {
      throw mistaken(text, "an e-mail address", mail.substring(mail.lastIndexOf('@') + 1));
    }
    String unbracketed =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (InetAddresses.isInetAddress(unbracketed)) {
      throw new IllegalArgumentException(
          quote(text)
              + " is an IP address, not a domain: give the domain, and the IP with --ip "
              + InetAddresses.toAddrString(InetAddresses.forString(unbracketed)));
    }
    Matcher port = PORT.matcher(text);
    if (port.matches()) {
      throw mistaken(text, "a host and port", port.group(1));
    }
    return check(text);
  }

  private static Domain check(String text) {
    String name =
        text.replace('\u3002', '.')
            .replace('\uff0e', '.')
            .replace('\uff61', '.')
            .toLowerCase(Locale.ROOT);
    if (name.endsWith(".") && name.length() > 1) {
      name = name.substring(0, name.length() - 1);
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new IllegalArgumentException(
            quote(text) + " has an empty label (a dot at the start, or two dots in a row)");
      }
    }
    if (labels.length > 1 && labels[0].equals("_dmarc")) {
      throw mistaken(text, "the name of a DMARC record", name.substring("_dmarc.".length()));
    }
    for (int i = 1; i < labels.length - 1; i++) {
      if (labels[i].equals("_domainkey")) {
        String domain = String.join(".", List.of(labels).subList(i + 1, labels.length));
        String selector = String.join(".", List.of(labels).subList(0, i));
        throw new IllegalArgumentException(
            quote(text)
                + " is the name of a DKIM key, not a domain; did you mean "
                + domain
                + " --selector "
                + selector
                + "?");
      }
    }
    List<String> ascii = new ArrayList<>();
    boolean converted = false;
    for (String label : labels) {
      String a = label.chars().allMatch(c -> c < 0x80) ? label : aLabel(text, label);
      converted |= !a.equals(label);
      ldh(text, a);
      ascii.add(a);
    }
    String result = String.join(".", ascii);
    if (result.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "the domain is "
              + result.length()
              + " characters long"
              + (converted ? " as A-labels" : "")
              + "; DNS allows "
              + MAX_NAME);
    }
    if (ascii.size() < 2) {
      throw new IllegalArgumentException(
          quote(text) + " has no dot: give the whole domain, such as " + result + ".com");
    }
    if (DIGITS.matcher(ascii.get(ascii.size() - 1)).matches()) {
      throw new IllegalArgumentException(
          quote(text) + " ends in an all-digit label, which no domain has (an IP address?)");
    }
    return new Domain(result, converted ? text : null);
  }

  /** A label of letters, digits and inner hyphens, 1 to 63 octets. */
  private static void ldh(String text, String label) {
    if (label.length() > MAX_LABEL) {
      throw new IllegalArgumentException(
          quote(text)
              + ": the label "
              + quote(label.substring(0, 20) + "…")
              + " is "
              + label.length()
              + " characters long; DNS allows "
              + MAX_LABEL);
    }
    if (!LDH.matcher(label).matches()) {
      int bad =
          label
              .codePoints()
              .filter(c -> !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'))
              .findFirst()
              .orElse('?');
      throw new IllegalArgumentException(
          quote(text)
              + " contains "
              + quote(Character.toString(bad))
              + ": a domain has letters, digits, hyphens and dots only");
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new IllegalArgumentException(
          quote(text) + ": the label " + quote(label) + " begins or ends with a hyphen");
    }
  }

  /** The A-label of a U-label. */
  private static String aLabel(String text, String label) {
    for (char deviation : new char[] {'ß', 'ς', '\u200c', '\u200d'}) {
      if (label.indexOf(deviation) >= 0) {
        throw new IllegalArgumentException(
            quote(text)
                + " contains "
                + (Character.isLetter(deviation)
                    ? quote(String.valueOf(deviation))
                    : String.format(Locale.ROOT, "U+%04X", (int) deviation))
                + ", which IDNA 2003 and 2008 convert differently: give the A-label (xn--...)"
                + " as published");
      }
    }
    try {
      return IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      if (String.valueOf(e.getMessage()).contains("too long")) {
        throw new IllegalArgumentException(
            quote(text)
                + ": the label "
                + quote(label)
                + " is longer than "
                + MAX_LABEL
                + " characters as an A-label; DNS allows "
                + MAX_LABEL);
      }
      throw new IllegalArgumentException(
          quote(text)
              + " is not an internationalised domain name Puerto can convert ("
              + e.getMessage()
              + "; Java converts by IDNA 2003): give its A-label (xn--...)");
    }
  }

  /** The host of a URL (after the scheme): without user, port, path, query or fragment. */
  private static String urlHost(String rest) {
    String authority = rest.split("[/?#]", 2)[0];
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** "X is a URL, not a domain; did you mean D?", when D is a domain. */
  private static IllegalArgumentException mistaken(String text, String what, String meant) {
    String message = quote(text) + " is " + what;
    try {
      return new IllegalArgumentException(
          message + ", not a domain; did you mean " + parse(meant).ascii() + "?");
    } catch (IllegalArgumentException notADomain) {
      boolean ip = InetAddresses.isInetAddress(meant);
      return new IllegalArgumentException(
          message + (ip ? " with an IP address" : "") + ", not a domain");
    }
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }
}
