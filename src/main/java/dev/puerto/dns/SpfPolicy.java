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
 * @param chain the record's DNS-querying terms, each with what it costs, includes and redirects
 *     with their own terms nested
 * @param voidLookups terms whose lookup found nothing (NXDOMAIN or no records), counting only terms
 *     without macros, which can be looked up without a sender
 */
public record SpfPolicy(
    String domain,
    String record,
    int dnsLookups,
    SpfResult error,
    String problem,
    Character allQualifier,
    List<String> includes,
    List<Lookup> chain,
    int voidLookups) {
  public SpfPolicy {
    includes = List.copyOf(includes);
    chain = List.copyOf(chain);
  }

  /** A policy with no record to evaluate (none, or DNS failed, or syntax). */
  static SpfPolicy without(String domain, String record, SpfResult error, String problem) {
    return new SpfPolicy(domain, record, 0, error, problem, null, List.of(), List.of(), 0);
  }

  /**
   * One DNS-querying term of an SPF record.
   *
   * @param domain the domain whose record has the term
   * @param term the term as written, e.g. {@code include:_spf.example.net} or {@code redirect=x}
   * @param cost the lookups it counts against the limit: 1, plus for include and redirect all of
   *     the target's
   * @param voidLookup its lookup found nothing (a "void lookup", RFC 7208 4.6.4)
   * @param nested the target's own DNS-querying terms, for include and redirect
   */
  public record Lookup(
      String domain, String term, int cost, boolean voidLookup, List<Lookup> nested) {
    public Lookup {
      nested = List.copyOf(nested);
    }

    /** An include: or redirect= (whose cost is its target's record too). */
    public boolean delegates() {
      return term.startsWith("include:") || term.startsWith("redirect=");
    }
  }

  /** The DNS-querying terms of every record, depth-first, outermost first. */
  public List<Lookup> allLookups() {
    List<Lookup> all = new java.util.ArrayList<>();
    addAll(chain, all);
    return all;
  }

  private static void addAll(List<Lookup> lookups, List<Lookup> all) {
    for (Lookup lookup : lookups) {
      all.add(lookup);
      addAll(lookup.nested(), all);
    }
  }

  /** The most lookups RFC 7208 allows. */
  public static int lookupLimit() {
    return SpfEvaluator.LOOKUP_LIMIT;
  }

  /** The most void lookups RFC 7208 allows. */
  public static int voidLimit() {
    return SpfEvaluator.VOID_LIMIT;
  }
}
