package dev.puerto.enrich;

import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.DnsStatus;
import dev.puerto.dns.ReverseDns;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * Team Cymru's IP-to-ASN service over DNS: {@code 4.3.2.1.origin.asn.cymru.com TXT} answers {@code
 * "15169 | 8.8.8.0/24 | US | arin | 2014-03-14"} (nibbles under {@code origin6} for IPv6), and
 * {@code AS15169.asn.cymru.com TXT} answers {@code "15169 | US | arin | 2000-03-30 | GOOGLE -
 * Google LLC, US"}. Every answer is treated as hostile text: fields are checked, not trusted.
 */
final class Cymru {
  static final String ORIGIN_V4 = "origin.asn.cymru.com";
  static final String ORIGIN_V6 = "origin6.asn.cymru.com";
  static final String AS_NAMES = "asn.cymru.com";

  private final DnsClient dns;

  Cymru(DnsClient dns) {
    this.dns = dns;
  }

  /** The outcome of asking about one address. */
  sealed interface Answer {}

  record Routed(Routing routing) implements Answer {}

  /** Cymru answered that nothing routes the address (private, reserved or unannounced space). */
  record Unrouted() implements Answer {}

  /** The question could not be answered (timeout, SERVFAIL, a refused or unusable resolver). */
  record Failed(DnsStatus status) implements Answer {}

  Answer lookup(InetAddress ip) {
    DnsAnswer origin = dns.query(originName(ip), Type.TXT);
    if (origin.status().isFailure()) {
      return new Failed(origin.status());
    }
    Optional<Origin> best =
        origin.texts().stream()
            .map(Cymru::origin)
            .flatMap(Optional::stream)
            .max(Comparator.comparingInt(Origin::prefixLength));
    if (best.isEmpty()) {
      return new Unrouted();
    }
    Origin o = best.get();
    return new Routed(new Routing(o.asn(), asName(o.asn()).orElse(null), o.country(), o.network()));
  }

  /** The origin question for an address: its reverse-map name under Cymru's zone. */
  static String originName(InetAddress ip) {
    String reverse = ReverseDns.reverseName(ip);
    if (reverse.endsWith(".in-addr.arpa")) {
      return reverse.substring(0, reverse.length() - ".in-addr.arpa".length()) + "." + ORIGIN_V4;
    }
    return reverse.substring(0, reverse.length() - ".ip6.arpa".length()) + "." + ORIGIN_V6;
  }

  private Optional<String> asName(long asn) {
    DnsAnswer answer = dns.query("AS" + asn + "." + AS_NAMES, Type.TXT);
    return answer.texts().stream()
        .map(text -> fields(text, 5))
        .filter(f -> f.size() == 5 && f.get(0).equals(Long.toString(asn)))
        .map(f -> f.get(4))
        .findFirst();
  }

  record Origin(long asn, String network, int prefixLength, String country) {}

  /**
   * One origin TXT string. A prefix announced by several ASes lists them all ("23028 23029 | ...");
   * the first is kept.
   */
  static Optional<Origin> origin(String text) {
    List<String> f = fields(text, 5);
    if (f.size() < 3) {
      return Optional.empty();
    }
    String firstAs = f.get(0).split(" ", 2)[0];
    String network = f.get(1);
    int slash = network.indexOf('/');
    if (!firstAs.matches("[0-9]{1,10}") || slash < 0) {
      return Optional.empty();
    }
    long asn = Long.parseLong(firstAs);
    String length = network.substring(slash + 1);
    if (asn > 0xFFFF_FFFFL || !length.matches("[0-9]{1,3}")) {
      return Optional.empty();
    }
    return Optional.of(new Origin(asn, network, Integer.parseInt(length), f.get(2)));
  }

  /**
   * At most {@code limit} fields split at " | ", each stripped; the last keeps any further bars.
   */
  private static List<String> fields(String text, int limit) {
    return java.util.Arrays.stream(text.split("\\|", limit)).map(String::strip).toList();
  }
}
