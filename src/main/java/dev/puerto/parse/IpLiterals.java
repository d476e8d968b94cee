package dev.puerto.parse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS: {@link InetAddress#getByName} resolves
 * anything that is not a literal, so the syntax is checked first.
 */
public final class IpLiterals {
  /**
   * The JDK parses a name that starts with a hex digit or colon and contains a colon as an IPv6
   * literal and refuses it if malformed, without a lookup.
   */
  private static final Pattern IPV6_CANDIDATE = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private IpLiterals() {}

  public static Optional<InetAddress> parse(String literal) {
    try {
      byte[] ipv4 = ipv4(literal);
      if (ipv4 != null) {
        return Optional.of(InetAddress.getByAddress(ipv4));
      }
      if (literal.contains(":") && IPV6_CANDIDATE.matcher(literal).matches()) {
        return Optional.of(InetAddress.getByName(literal));
      }
      return Optional.empty();
    } catch (UnknownHostException invalidIpv6) {
      return Optional.empty();
    }
  }

  /**
   * The bytes of a dotted quad of decimal octets without leading zeros ({@code 192.0.2.1}), or null
   * for anything else, including the legacy forms the JDK accepts ({@code 10.1}, {@code
   * 010.0.0.1}). Checked by hand rather than by regular expression because it runs for every
   * record.
   */
  private static byte[] ipv4(String literal) {
    byte[] address = new byte[4];
    int octets = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= literal.length(); i++) {
      char c = i < literal.length() ? literal.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        boolean leadingZero = digits == 1 && value == 0;
        value = value * 10 + (c - '0');
        digits++;
        if (leadingZero || value > 255) {
          return null;
        }
      } else if (c == '.' && digits > 0 && octets < address.length) {
        address[octets++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    return octets == address.length ? address : null;
  }
}
