package dev.puerto.arf;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * One DMARC failure report (RFC 6591 ARF, RFC 9991), or any other ARF feedback report (RFC 5965),
 * as the e-mail that carries it says.
 *
 * <p>Text is as sent, trimmed and unfolded; {@code null} means the report did not say. Domains are
 * lower case without a trailing dot. Blank fields are {@code null}. The fields come from the {@code
 * message/feedback-report} part (or its {@code text/plain} stand-in, or the plain-text wording of
 * reporters that send no ARF part at all); the returned-message fields from the {@code
 * message/rfc822} or {@code text/rfc822-headers} part.
 *
 * @param name the document, as the unpacker names it (for messages)
 * @param reporter the report e-mail's {@code From} address, lower case
 * @param reportSubject the report e-mail's {@code Subject}, decoded
 * @param reportDate the report e-mail's {@code Date}
 * @param feedbackType {@code Feedback-Type}, lower case: auth-failure, abuse, fraud, virus, other,
 *     or what the reporter sent
 * @param version {@code Version}
 * @param userAgent {@code User-Agent}
 * @param reportingMta {@code Reporting-MTA}
 * @param reportedDomain {@code Reported-Domain}
 * @param sourceIp {@code Source-IP}, the address only (reporters append a host name in brackets)
 * @param arrivalDate {@code Arrival-Date} (or the older {@code Received-Date})
 * @param authFailure {@code Auth-Failure}, lower case (dmarc, dkim, spf, adsp, bodyhash, revoked)
 * @param originalMailFrom {@code Original-Mail-From}, without angle brackets; the empty string when
 *     the field is empty or {@code <>} (the null reverse-path of bounces)
 * @param originalRcptTo {@code Original-Rcpt-To}, without angle brackets; several joined by ", "
 * @param deliveryResult {@code Delivery-Result}, lower case
 * @param identityAlignment {@code Identity-Alignment}, lower case
 * @param dkimDomain {@code DKIM-Domain}
 * @param dkimSelector {@code DKIM-Selector}
 * @param dkimIdentity {@code DKIM-Identity}
 * @param spfDns {@code SPF-DNS}
 * @param authenticationResults {@code Authentication-Results} of the feedback part, one per line
 * @param returned the returned message's headers, or {@code null} when the report carries none
 * @param missing what the report lacked or had to be guessed, in words, e.g. {@code "no ARF part;
 *     fields read from the report's text"}, {@code "no Arrival-Date"}, {@code "no returned message
 *     or headers"}; empty for a complete ARF report (see {@link FailureReportParser})
 */
public record FailureReport(
    String name,
    String reporter,
    String reportSubject,
    Instant reportDate,
    String feedbackType,
    String version,
    String userAgent,
    String reportingMta,
    String reportedDomain,
    InetAddress sourceIp,
    Instant arrivalDate,
    String authFailure,
    String originalMailFrom,
    String originalRcptTo,
    String deliveryResult,
    String identityAlignment,
    String dkimDomain,
    String dkimSelector,
    String dkimIdentity,
    String spfDns,
    String authenticationResults,
    ReturnedMessage returned,
    List<String> missing) {

  public FailureReport {
    missing = List.copyOf(missing);
  }
}
