package dev.puerto.analyze;

import java.net.InetAddress;
import java.util.List;

/**
 * Reverse DNS, service and (for the domain's own passing sending IPs) blocklist status of an IP.
 *
 * @param forwardConfirmed null when the PTR lookup failed (timeout, SERVFAIL): unknown
 * @param listedOn blocklist zones listing the IP; null when not checked
 * @param problems what is wrong, in words (no PTR, not forward-confirmed, listed, DNS errors)
 */
public record HostCheck(
    String policyDomain,
    InetAddress ip,
    String ptr,
    Boolean forwardConfirmed,
    String orgDomain,
    String service,
    List<String> listedOn,
    List<String> problems) {}
