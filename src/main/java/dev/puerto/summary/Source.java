package dev.puerto.summary;

import dev.puerto.schema.Verdict;

/**
 * A sending IP of a domain-week, with what {@code puerto analyze} (and watch's naming of sources)
 * knows about it (null when nothing has looked).
 *
 * @param asn the origin AS of the IP's prefix, or null
 * @param asName that AS's name, or null
 * @param country the ISO 3166 country of the prefix, or null
 * @param firstSeen true when the domain's reports never named this IP before the week
 */
public record Source(
    String ip,
    Counts counts,
    String ptr,
    String service,
    Long asn,
    String asName,
    String country,
    Verdict verdict,
    String action,
    boolean firstSeen) {
  /** Where the IP is routed, "AS64500 EXAMPLE-AS, ES", or null when unknown. */
  public String network() {
    if (asn == null && country == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    if (asn != null) {
      text.append("AS").append(asn);
      if (asName != null) {
        text.append(' ').append(asName);
      }
    }
    if (country != null) {
      text.append(text.length() > 0 ? ", " : "").append(country);
    }
    return text.toString();
  }
}
