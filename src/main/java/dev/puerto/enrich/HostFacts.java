package dev.puerto.enrich;

import dev.puerto.schema.Placement;
import dev.puerto.sender.Attribution;
import java.net.InetAddress;
import java.util.List;

/**
 * What one look at a source IP learnt.
 *
 * @param forwardConfirmed null when the PTR lookup failed (timeout, SERVFAIL): unknown, not false
 * @param routing ASN, AS name and country, or null when nothing placed the IP
 * @param placedBy where {@code routing} came from, or null
 * @param sender the known service its forward-confirmed PTR or its ASN points to, or null
 * @param unknown what could not be learnt, and why, in words
 */
record HostFacts(
    InetAddress ip,
    String ptr,
    Boolean forwardConfirmed,
    String orgDomain,
    Routing routing,
    Placement placedBy,
    Attribution sender,
    List<String> unknown) {
  HostFacts {
    unknown = List.copyOf(unknown);
  }

  /** A look that failed for DNS reasons is retried soon; a complete one is kept until expiry. */
  boolean lookupFailed() {
    return forwardConfirmed == null || unknown.stream().anyMatch(u -> u.contains("DNS "));
  }
}
