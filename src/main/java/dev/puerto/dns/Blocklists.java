package dev.puerto.dns;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/** DNSBL queries (RFC 5782) against configurable zones, with their return codes interpreted. */
public final class Blocklists {
  /**
   * Zones queried by default: free for low-volume use and answering IPv4; Spamhaus ZEN also IPv6.
   */
  public static final List<String> DEFAULT_ZONES =
      List.of("zen.spamhaus.org", "bl.spamcop.net", "psbl.surriel.com");

  private static final List<String> IPV6_ZONES = List.of("zen.spamhaus.org");

  private static final Map<String, String> SPAMHAUS =
      Map.of(
          "127.0.0.2", "SBL: Spamhaus SBL, a spam source or spam operation",
          "127.0.0.3", "CSS: Spamhaus CSS, snowshoe spam",
          "127.0.0.4", "XBL: exploited or infected host (CBL)",
          "127.0.0.9", "DROP: hijacked netblock",
          "127.0.0.10", "PBL: ISP policy, addresses not meant to send mail directly",
          "127.0.0.11", "PBL: Spamhaus policy, addresses not meant to send mail directly");

  private final DnsClient dns;
  private final List<String> zones;

  public Blocklists(DnsClient dns, List<String> zones) {
    this.dns = dns;
    this.zones = List.copyOf(zones);
  }

  public List<String> zones() {
    return zones;
  }

  /** One result per configured zone that serves the IP's address family. */
  public List<Listing> check(InetAddress ip) {
    String reversed = DnsNames.text(ReverseMap.fromAddress(ip));
    String prefix = reversed.substring(0, reversed.length() - suffix(ip).length());
    return zones.stream()
        .filter(zone -> ip instanceof Inet4Address || IPV6_ZONES.contains(zone))
        .map(zone -> check(prefix + zone, zone))
        .toList();
  }

  private static String suffix(InetAddress ip) {
    return ip instanceof Inet4Address ? "in-addr.arpa" : "ip6.arpa";
  }

  private Listing check(String name, String zone) {
    DnsAnswer answer = dns.query(name, Type.A);
    if (answer.status().isFailure()) {
      return new Listing(zone, Listing.Status.ERROR, List.of(), answer.status().name(), answer);
    }
    if (answer.status().isEmpty()) {
      return new Listing(zone, Listing.Status.NOT_LISTED, List.of(), "not listed", answer);
    }
    List<String> codes = answer.addresses().stream().map(InetAddresses::toAddrString).toList();
    if (codes.stream().anyMatch(Blocklists::refusal)) {
      return new Listing(
          zone,
          Listing.Status.REFUSED,
          codes,
          "the list refused the query (codes "
              + String.join(", ", codes)
              + "): queries through a public or shared resolver are blocked; use your own"
              + " resolver with --dns-server, or the list's registered access",
          answer);
    }
    if (codes.stream().anyMatch(code -> !code.startsWith("127."))) {
      return new Listing(
          zone,
          Listing.Status.ERROR,
          codes,
          "answer outside 127.0.0.0/8 (" + String.join(", ", codes) + "): not a DNSBL answer",
          answer);
    }
    String meaning =
        codes.stream()
            .map(code -> zone.endsWith("spamhaus.org") ? SPAMHAUS.getOrDefault(code, code) : code)
            .collect(Collectors.joining("; "));
    return new Listing(zone, Listing.Status.LISTED, codes, meaning, answer);
  }

  /**
   * Codes that mean "no answer for you": Spamhaus 127.255.255.252 (typo in the zone), .254 (query
   * via a public resolver), .255 (too many queries), and 127.0.0.255 used the same way by others.
   */
  private static boolean refusal(String code) {
    return code.startsWith("127.255.255.") || code.equals("127.0.0.255");
  }

  /**
   * @param codes the A records returned
   * @param meaning what the codes mean, or why there is no verdict
   */
  public record Listing(
      String zone, Status status, List<String> codes, String meaning, DnsAnswer answer) {
    public enum Status {
      LISTED,
      NOT_LISTED,
      /** The list refused to answer: not a listing. */
      REFUSED,
      /** A DNS failure or a nonsense answer. */
      ERROR
    }
  }
}
