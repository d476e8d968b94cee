package dev.puerto.parse;

/**
 * The DMARC policy the receiver found for the report's domain.
 *
 * <p>{@code domain} is lower-case without a trailing dot and never empty. The enumerations ({@code
 * adkim, aspf, p, sp, np, testing, discoveryMethod}) are lower-cased but not checked against their
 * RFC value sets, so a new value survives. {@code fo} is trimmed text. Absent elements are {@code
 * null}, empty ones {@code ""}; {@code pct} is {@code null} when absent or empty.
 */
public record PolicyPublished(
    String domain,
    String adkim,
    String aspf,
    String p,
    String sp,
    Integer pct,
    String np,
    String fo,
    String testing,
    String discoveryMethod) {}
