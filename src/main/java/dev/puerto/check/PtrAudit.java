package dev.puerto.check;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import java.net.InetAddress;

/**
 * An IP's PTR name and its forward confirmation (FCrDNS), for the given sending IPs (area PTR) and
 * for the addresses of the MX hosts (area MX).
 */
final class PtrAudit {
  private final ReverseDns reverse;

  PtrAudit(ReverseDns reverse) {
    this.reverse = reverse;
  }

  /**
   * @param prefix the codes' prefix: {@code ptr} for a sending IP, {@code mx_ptr} for an MX host
   * @param subject how the message names the IP, e.g. {@code 192.0.2.1} or {@code mx.example.com
   *     192.0.2.25}
   * @param missingFails a sending IP without PTR name fails (receivers reject such mail); an MX
   *     host without one only warns (nobody rejects mail to it)
   */
  void audit(InetAddress ip, String prefix, String subject, boolean missingFails, Items items) {
    HostName host = reverse.lookup(ip);
    String address = InetAddresses.toAddrString(ip);
    if (host.ptrAnswer().status().isFailure()) {
      items.error(
          prefix + "_dns_error",
          subject + ": " + host.ptrAnswer().describe(),
          "ask the owner of the IP range to fix its reverse zone");
    } else if (host.ptr() == null) {
      String message = subject + " has no PTR record";
      String fix =
          "ask the owner of the IP (your provider) for a PTR name that resolves back to it";
      if (missingFails) {
        items.fail(prefix + "_missing", message, fix);
      } else {
        items.warn(prefix + "_missing", message, fix);
      }
    } else if (!host.forwardConfirmed()) {
      items.warn(
          prefix + "_not_confirmed",
          subject + " -> " + host.ptr() + ", which does not resolve back to " + address,
          "add an A/AAAA record " + host.ptr() + " -> " + address);
    } else {
      items.ok(prefix + "_ok", subject + " -> " + host.ptr() + " (forward-confirmed)");
    }
  }
}
