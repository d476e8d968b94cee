package dev.puerto.dns;

import java.util.List;

/**
 * A domain's SPF record as published, for an audit without an IP.
 *
 * @param record the record, or null when there is none (or the lookup failed)
 * @param dnsLookups DNS-querying terms, counting everything included and redirected to
 * @param error PERMERROR (syntax, several records, too many lookups) or TEMPERROR, else null
 * @param problem what the error is, in words
 * @param allQualifier the qualifier of the {@code all} mechanism ('+', '-', '~', '?'), or null
 * @param includes domains included or redirected to, recursively, in order
 */
public record SpfPolicy(
    String domain,
    String record,
    int dnsLookups,
    SpfResult error,
    String problem,
    Character allQualifier,
    List<String> includes) {
  public SpfPolicy {
    includes = List.copyOf(includes);
  }

  /** The most lookups RFC 7208 allows. */
  public static int lookupLimit() {
    return SpfEvaluator.LOOKUP_LIMIT;
  }
}
