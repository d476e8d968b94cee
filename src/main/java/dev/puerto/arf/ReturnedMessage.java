package dev.puerto.arf;

import java.time.Instant;

/**
 * The message a failure report is about, as far as the report returns it. U+0000 in its text is
 * replaced by U+FFFD (PostgreSQL text cannot hold it).
 *
 * @param headerFrom the domain of its {@code From} address, lower case
 * @param from its {@code From} header, decoded
 * @param subject its {@code Subject}, decoded
 * @param messageId its {@code Message-ID}, without angle brackets
 * @param date its {@code Date}
 * @param authenticationResults its {@code Authentication-Results} headers, one per line
 * @param headers its whole header section as returned, decoded to text, lines ending in LF; cut at
 *     64 KiB (and header lines at 32 KiB), then ending in {@code "(truncated)"}
 * @param body its body, or {@code null}: kept only when the user asks ({@code
 *     --keep-failure-bodies}) and the report returns more than headers; decoded text when the
 *     message is a text part, else as received; lines ending in LF; cut at 1 MiB, then ending in
 *     {@code "\n(truncated)"}
 */
public record ReturnedMessage(
    String headerFrom,
    String from,
    String subject,
    String messageId,
    Instant date,
    String authenticationResults,
    String headers,
    String body) {}
