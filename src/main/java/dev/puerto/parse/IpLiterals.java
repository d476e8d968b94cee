package dev.puerto.parse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS: {@link InetAddress#getByName} resolves
 * anything that is not a literal, so the syntax is checked first.
 */
final class IpLiterals {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

  /**
   * The JDK parses a name that starts with a hex digit or colon and contains a colon as an IPv6
   * literal and refuses it if malformed, without a lookup.
   */
  private static final Pattern IPV6_CANDIDATE = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private IpLiterals() {}

  static Optional<InetAddress> parse(String literal) {
    boolean ipv4 = IPV4.matcher(literal).matches();
    boolean ipv6 = literal.contains(":") && IPV6_CANDIDATE.matcher(literal).matches();
    if (!ipv4 && !ipv6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException invalidIpv6) {
      return Optional.empty();
    }
  }
}
