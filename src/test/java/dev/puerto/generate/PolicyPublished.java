package dev.puerto.generate;

/**
 * {@code policy_published} as a reporter writes it: RFC 7489 reporters send pct, RFC 9990 ones np,
 * testing and discovery_method instead. Null fields are omitted.
 */
public record PolicyPublished(
    String domain,
    String discoveryMethod,
    String adkim,
    String aspf,
    String p,
    String sp,
    String np,
    Integer pct,
    String fo,
    String testing) {}
