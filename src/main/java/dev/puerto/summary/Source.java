package dev.puerto.summary;

import dev.puerto.schema.Verdict;

/**
 * A sending IP of a domain-week, with what {@code puerto analyze} knows about it (null when it has
 * not looked).
 *
 * @param firstSeen true when the domain's reports never named this IP before the week
 */
public record Source(
    String ip,
    Counts counts,
    String ptr,
    String service,
    Verdict verdict,
    String action,
    boolean firstSeen) {}
