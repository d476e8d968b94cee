package dev.puerto.generate;

import java.util.SplittableRandom;

/** Source addresses: documentation ranges mixed with public-looking IPv4 and IPv6. */
final class IpAddresses {
  private static final String[] DOCUMENTATION_V4 = {"192.0.2.", "198.51.100.", "203.0.113."};
  private static final String[] PUBLIC_V6_PREFIXES = {
    "2a00:1450", "2a01:4f8", "2607:f8b0", "2a02:c207", "2604:a880", "2a03:2880"
  };

  private IpAddresses() {}

  /** About 30 % documentation IPv4, 55 % public-looking IPv4, 15 % IPv6. */
  static String any(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return documentationV4(random);
    }
    return roll < 85 ? publicV4(random) : v6(random);
  }

  static String documentationV4(SplittableRandom random) {
    return DOCUMENTATION_V4[random.nextInt(DOCUMENTATION_V4.length)] + host(random);
  }

  static String publicV4(SplittableRandom random) {
    int first;
    do {
      first = 1 + random.nextInt(223);
    } while (isReservedFirstOctet(first));
    return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + host(random);
  }

  /** 40 % from 2001:db8::/32, the rest under prefixes of large hosting networks. */
  static String v6(SplittableRandom random) {
    String prefix =
        random.nextInt(100) < 40
            ? "2001:db8"
            : PUBLIC_V6_PREFIXES[random.nextInt(PUBLIC_V6_PREFIXES.length)];
    return prefix
        + ":"
        + Integer.toHexString(random.nextInt(0x10000))
        + ":"
        + Integer.toHexString(random.nextInt(0x10000))
        + "::"
        + Integer.toHexString(1 + random.nextInt(0xffff));
  }

  private static int host(SplittableRandom random) {
    return 1 + random.nextInt(254);
  }

  // Private, loopback, CGNAT, link-local and the documentation /8s are drawn elsewhere or never.
  private static boolean isReservedFirstOctet(int first) {
    return switch (first) {
      case 10, 100, 127, 169, 172, 192, 198, 203 -> true;
      default -> false;
    };
  }
}
