package dev.puerto.tlsrpt;

import java.net.InetAddress;

/**
 * One entry of a policy's {@code failure-details} (RFC 8460 section 4.3): a kind of failure and how
 * many sessions met it. Text is as sent, trimmed ({@code resultType} lower case); {@code null}
 * means absent.
 *
 * @param resultType {@code result-type}, e.g. {@code certificate-expired}; never blank
 * @param sendingMtaIp {@code sending-mta-ip}, parsed as a literal (never looked up); a value that
 *     is not an IP literal leaves this {@code null} and is kept, as sent, in {@code unknownFields}
 * @param receivingMxHostname {@code receiving-mx-hostname}, lower case, without a trailing dot
 * @param receivingMxHelo {@code receiving-mx-helo}
 * @param receivingIp {@code receiving-ip}, as {@code sendingMtaIp}
 * @param failedSessions {@code failed-session-count}, never negative
 * @param additionalInformation {@code additional-information} (a URI)
 * @param failureReasonCode {@code failure-reason-code}
 * @param unknownFields the entry's fields RFC 8460 does not name, as a JSON object text
 */
public record TlsFailure(
    String resultType,
    InetAddress sendingMtaIp,
    String receivingMxHostname,
    String receivingMxHelo,
    InetAddress receivingIp,
    long failedSessions,
    String additionalInformation,
    String failureReasonCode,
    String unknownFields) {}
