package dev.puerto.dns;

import java.util.List;

/**
 * The outcome of check_host() and why.
 *
 * @param domain the domain whose policy was evaluated
 * @param record its SPF record, or null when there is none
 * @param matched the chain of directives that decided the result, outermost first, each as {@code
 *     domain: directive} (e.g. {@code example.com: include:_spf.google.com}, {@code
 *     _spf.google.com: ip4:74.125.0.0/16}); empty when no mechanism matched
 * @param dnsLookups DNS-querying terms counted against the limit of 10
 * @param voidLookups lookups that returned nothing, counted against the limit of 2
 * @param explanation the {@code exp=} text for a fail, or null
 * @param problem what caused a permerror or temperror, or null
 */
public record SpfCheck(
    SpfResult result,
    String domain,
    String record,
    List<String> matched,
    int dnsLookups,
    int voidLookups,
    String explanation,
    String problem) {
  public SpfCheck {
    matched = List.copyOf(matched);
  }

  /** One line: result, the directive that decided it, and the lookup count. */
  public String describe() {
    StringBuilder text = new StringBuilder(result.text());
    if (!matched.isEmpty()) {
      text.append(" by ").append(String.join(" -> ", matched));
    } else if (result == SpfResult.NEUTRAL) {
      text.append(" (no mechanism matched)");
    }
    if (problem != null) {
      text.append(": ").append(problem);
    }
    text.append(" (").append(dnsLookups).append(" DNS lookup");
    text.append(dnsLookups == 1 ? ")" : "s)");
    return text.toString();
  }
}
