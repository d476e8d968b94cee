package dev.puerto.parse;

import java.io.Serializable;

/**
 * One SPF check as the reporter saw it (a record's {@code auth_results/spf}, not Puerto's own
 * evaluation): {@code domain} lower-case without a trailing dot, {@code scope} and {@code result}
 * lower-cased ({@code hardfail} and other non-RFC words are kept), {@code humanResult} trimmed;
 * absent = {@code null}.
 */
public record SpfAuthResult(String domain, String scope, String result, String humanResult)
    implements Serializable {}
