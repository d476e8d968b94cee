package dev.puerto.enrich;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an address is routed: the origin AS of its most specific announced prefix, the AS's name
 * and the country the prefix is registered to.
 *
 * @param asn the origin AS number, 0 to 4294967295, or null (a country-only database)
 * @param asName the AS's name as its registry holds it, or null
 * @param country ISO 3166-1 alpha-2 code, upper case, or null
 * @param network the announced prefix in CIDR notation, or null
 */
record Routing(Long asn, String asName, String country, String network) {
  /** The longest AS name kept: registry names are short; anything longer is noise or hostile. */
  static final int MAX_AS_NAME = 200;

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]{2,45}/[0-9]{1,3}");

  Routing {
    if (asn != null && (asn < 0 || asn > 0xFFFF_FFFFL)) {
      throw new IllegalArgumentException("AS number " + asn + " is not from 0 to 4294967295");
    }
    asName = asName(asName);
    country = country(country).orElse(null);
    network = network != null && CIDR.matcher(network).matches() ? network : null;
  }

  /** This routing's facts, each missing one taken from {@code other}. */
  Routing or(Routing other) {
    return new Routing(
        asn != null ? asn : other.asn,
        asn != null ? asName : other.asName,
        country != null ? country : other.country,
        network != null ? network : other.network);
  }

  /**
   * An ISO country code as sent (Cymru and the MMDB files write upper case), or empty for codes
   * that are not two letters ("ZZ" and "" mean unknown to some sources and stay unknown here).
   */
  static Optional<String> country(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String upper = code.strip().toUpperCase(Locale.ROOT);
    return COUNTRY.matcher(upper).matches() && !upper.equals("ZZ")
        ? Optional.of(upper)
        : Optional.empty();
  }

  /** A name from DNS or a file: printable characters only, and short. */
  private static String asName(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    name.strip()
        .codePoints()
        .filter(c -> !Character.isISOControl(c) && Character.isDefined(c))
        .limit(MAX_AS_NAME)
        .forEach(kept::appendCodePoint);
    String text = kept.toString().strip();
    return text.isEmpty() ? null : text;
  }
}
