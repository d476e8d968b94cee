package dev.puerto.tlsrpt;

import java.util.List;

/**
 * One entry of a TLS report's {@code policies}: the policy a sender applied and how its sessions
 * went.
 *
 * @param type {@code policy.policy-type}
 * @param domain {@code policy.policy-domain}, lower case, without a trailing dot
 * @param strings {@code policy.policy-string}, in order (empty when absent)
 * @param mxHosts {@code policy.mx-host}, in order (empty when absent)
 * @param successfulSessions {@code summary.total-successful-session-count}, never negative
 * @param failedSessions {@code summary.total-failure-session-count}, never negative
 * @param failures {@code failure-details}, in order
 * @param unknownFields the entry's fields RFC 8460 does not name, as a JSON object text; those
 *     inside {@code policy} and {@code summary} are under {@code "policy"} and {@code "summary"}
 */
public record TlsPolicy(
    TlsPolicyType type,
    String domain,
    List<String> strings,
    List<String> mxHosts,
    long successfulSessions,
    long failedSessions,
    List<TlsFailure> failures,
    String unknownFields) {

  public TlsPolicy {
    strings = List.copyOf(strings);
    mxHosts = List.copyOf(mxHosts);
    failures = List.copyOf(failures);
  }
}
