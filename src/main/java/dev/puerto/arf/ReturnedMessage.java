package dev.puerto.arf;

import java.time.Instant;

/**
 * The message a failure report is about, as far as the report returns it.
 *
 * @param headerFrom the domain of its {@code From} address, lower case
 * @param from its {@code From} header, decoded
 * @param subject its {@code Subject}, decoded
 * @param messageId its {@code Message-ID}, without angle brackets
 * @param date its {@code Date}
 * @param authenticationResults its {@code Authentication-Results} headers, one per line
 * @param headers its whole header section as returned, decoded to text (bounded)
 * @param body its body as returned, or {@code null}: kept only when the user asks ({@code
 *     --keep-failure-bodies}), bounded
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
