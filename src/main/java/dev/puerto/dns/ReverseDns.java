package dev.puerto.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/** PTR lookups with forward confirmation. */
public final class ReverseDns {
  private final DnsClient dns;

  public ReverseDns(DnsClient dns) {
    this.dns = dns;
  }

  /** The reverse-mapping name of an IP, e.g. {@code 4.3.2.1.in-addr.arpa}. */
  public static String reverseName(InetAddress ip) {
    return DnsNames.text(ReverseMap.fromAddress(ip));
  }

  /**
   * The IP's PTR name and whether it resolves back to the IP. With several PTR names, the first
   * that confirms wins.
   */
  public HostName lookup(InetAddress ip) {
    DnsAnswer ptr = dns.query(reverseName(ip), Type.PTR);
    String first = null;
    for (String name : ptr.targets()) {
      first = first == null ? name : first;
      DnsAnswer forward = dns.query(name, ip instanceof Inet4Address ? Type.A : Type.AAAA);
      if (forward.addresses().contains(ip)) {
        return new HostName(ip, name, true, OrgDomains.of(name).orElse(null), ptr, forward);
      }
    }
    return new HostName(
        ip, first, false, first == null ? null : OrgDomains.of(first).orElse(null), ptr, null);
  }

  /**
   * @param ptr the PTR name (first confirmed one, else the first), or null
   * @param ptrAnswer the PTR answer, whose status tells NXDOMAIN from SERVFAIL or a timeout
   * @param forwardAnswer the confirming A/AAAA answer, or null
   */
  public record HostName(
      InetAddress ip,
      String ptr,
      boolean forwardConfirmed,
      String orgDomain,
      DnsAnswer ptrAnswer,
      DnsAnswer forwardAnswer) {}
}
