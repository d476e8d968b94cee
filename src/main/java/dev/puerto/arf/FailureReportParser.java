package dev.puerto.arf;

import dev.puerto.parse.ReportRejectedException;
import dev.puerto.parse.StoredText;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one failure report from the e-mail that carries it: the fields of its {@code
 * message/feedback-report} part (RFC 5965, RFC 6591, RFC 9991), or of a {@code text/plain} part
 * that holds them, or, for reporters that send no ARF part, of its wording; and the returned
 * message from its {@code message/rfc822} or {@code text/rfc822-headers} part, or from the headers
 * its wording quotes.
 *
 * <p><b>Complete</b> means: the report has ARF fields with {@code Feedback-Type}, {@code
 * Reported-Domain}, a readable {@code Source-IP} and {@code Arrival-Date}, and returns the
 * message's headers. For anything short of that {@link FailureReport#missing()} says, in words,
 * what was lacking, unreadable, or taken from elsewhere (the report's text, the returned {@code
 * From}).
 *
 * <p>Bounded whatever the input (it may be hundreds of MiB): the e-mail is read once, as a stream;
 * at most 64 KiB of the feedback part, 128 KiB of a text part, 64 KiB of returned headers and 1 MiB
 * of returned body are held; at most {@value MimeWalk#MAX_PARTS} MIME parts are examined, nesting
 * deeper than {@value MimeWalk#MAX_DEPTH} is passed over, header lines are cut at 32 KiB.
 *
 * <p>Feedback fields kept in the report must not contain U+0000 (PostgreSQL text cannot hold it):
 * such a report is rejected. In the free text of the report (its subject) and of the returned
 * message (headers, body) U+0000 is replaced by U+FFFD instead.
 *
 * <p>Holds no state between calls: one parser serves several threads.
 */
public final class FailureReportParser {
  private final boolean keepBodies;

  /**
   * @param keepBodies keep the returned message's body ({@code --keep-failure-bodies})
   */
  public FailureReportParser(boolean keepBodies) {
    this.keepBodies = keepBodies;
  }

  /**
   * Parses the whole e-mail (its size is bounded by the caller; the parts read are bounded here).
   *
   * @param name the document, for messages (they start with it)
   * @throws ReportRejectedException when the e-mail holds nothing a failure report says (no
   *     feedback fields, no reported domain, no source IP, no returned headers), when a feedback
   *     field holds U+0000, or when the stream cannot be read (the cause is the {@link
   *     IOException})
   */
  public FailureReport parse(String name, InputStream email) throws ReportRejectedException {
    ReportParts parts = new ReportParts(keepBodies);
    MimeWalk walk = new MimeWalk(email, parts);
    try {
      walk.run();
    } catch (IOException e) {
      throw new ReportRejectedException(name + ": cannot read the e-mail: " + e.getMessage(), e);
    }
    return new Assembly(name, walk, parts).report();
  }

  /** One report put together from its parts, noting what it lacks. */
  private static final class Assembly {
    private final String name;
    private final MimeWalk walk;
    private final ReportParts parts;
    private final HeaderFields arf;
    private final List<String> missing = new ArrayList<>();

    Assembly(String name, MimeWalk walk, ReportParts parts) {
      this.name = name;
      this.walk = walk;
      this.parts = parts;
      String fields = parts.feedback != null ? parts.feedback : parts.feedbackInText;
      this.arf = fields == null ? HeaderFields.parse("") : HeaderFields.parse(fields);
    }

    FailureReport report() throws ReportRejectedException {
      boolean hasArf = !arf.isEmpty();
      Wording wording = Wording.read(parts.text, parts.textCut);
      ReturnedMessage returned = parts.returned;
      if (returned == null && wording.headers() != null) {
        returned = Returned.ofText(wording.headers(), wording.headersTruncated());
      }
      if (!hasArf) {
        missing.add("no ARF part; fields read from the report's text");
      }
      if (parts.feedbackCut) {
        missing.add("feedback part longer than 64 KiB; only its start read");
      }

      String feedbackType = StoredText.keyword(field("Feedback-Type"));
      if (!hasArf && feedbackType == null) {
        feedbackType = "auth-failure";
      }
      String domainText = field("Reported-Domain");
      String reportedDomain =
          fallback(
              Text.domain(domainText),
              "Reported-Domain",
              domainText != null,
              wording.domain(),
              hasArf);
      if (reportedDomain == null && returned != null && returned.headerFrom() != null) {
        reportedDomain = returned.headerFrom();
        missing.add("Reported-Domain taken from the returned message's From");
      }
      String sourceIpText = field("Source-IP");
      InetAddress sourceIp = sourceIp(sourceIpText);
      if (sourceIpText != null && sourceIp == null) {
        missing.add("Source-IP not an IP address: " + sourceIpText);
      }
      sourceIp = fallback(sourceIp, "Source-IP", sourceIpText != null, wording.sourceIp(), hasArf);
      String arrivalText = field("Arrival-Date");
      if (arrivalText == null) {
        arrivalText = field("Received-Date"); // the name of drafts before RFC 5965
      }
      Instant arrivalDate = MailDates.parse(arrivalText);
      if (arrivalText != null && arrivalDate == null) {
        missing.add("Arrival-Date not understood: " + arrivalText);
      }
      arrivalDate =
          fallback(arrivalDate, "Arrival-Date", arrivalText != null, wording.arrivalDate(), hasArf);

      if (!hasArf && reportedDomain == null && sourceIp == null && returned == null) {
        throw new ReportRejectedException(
            name
                + ": not a failure report: no feedback-report fields, no reported domain,"
                + " no source IP and no returned message or headers",
            null);
      }
      if (feedbackType == null) {
        missing.add("no Feedback-Type");
      }
      if (reportedDomain == null) {
        missing.add("no Reported-Domain");
      }
      if (sourceIp == null && sourceIpText == null) {
        missing.add("no Source-IP");
      }
      if (arrivalDate == null && arrivalText == null) {
        missing.add("no Arrival-Date");
      }
      if (returned == null) {
        missing.add("no returned message or headers");
      }
      if (walk.partsCut()) {
        missing.add("MIME parts after the first " + MimeWalk.MAX_PARTS + " not examined");
      }
      if (walk.depthCut()) {
        missing.add("MIME parts nested deeper than " + MimeWalk.MAX_DEPTH + " levels not examined");
      }

      HeaderFields top = walk.top();
      List<String> results = fields("Authentication-Results", Function.identity());
      List<String> recipients = fields("Original-Rcpt-To", Returned::stripAngles);
      return new FailureReport(
          name,
          Returned.address(top.first("From")),
          Text.withoutNul(Text.decodeWords(top.first("Subject"))),
          MailDates.parse(top.first("Date")),
          feedbackType,
          field("Version"),
          field("User-Agent"),
          field("Reporting-MTA"),
          reportedDomain,
          sourceIp,
          arrivalDate,
          StoredText.keyword(field("Auth-Failure")),
          mailFrom(),
          recipients.isEmpty() ? null : String.join(", ", recipients),
          StoredText.keyword(field("Delivery-Result")),
          StoredText.keyword(field("Identity-Alignment")),
          Text.domain(field("DKIM-Domain")),
          field("DKIM-Selector"),
          field("DKIM-Identity"),
          field("SPF-DNS"),
          results.isEmpty() ? null : String.join("\n", results),
          returned,
          missing);
    }

    /**
     * The first value of a feedback field, blank read as absent.
     *
     * @throws ReportRejectedException when it holds U+0000
     */
    private String field(String fieldName) throws ReportRejectedException {
      String value = arf.first(fieldName);
      checkNul(fieldName, value);
      return value == null || value.isEmpty() ? null : value;
    }

    private List<String> fields(String fieldName, Function<String, String> clean)
        throws ReportRejectedException {
      List<String> values = new ArrayList<>();
      for (String value : arf.all(fieldName)) {
        checkNul(fieldName, value);
        String cleaned = clean.apply(value);
        if (!cleaned.isEmpty()) {
          values.add(cleaned);
        }
      }
      return values;
    }

    private void checkNul(String fieldName, String value) throws ReportRejectedException {
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw new ReportRejectedException(
            name + ": feedback field " + fieldName + " contains U+0000, which cannot be stored",
            null);
      }
    }

    /**
     * Original-Mail-From without angle brackets; present but empty (or {@code <>}) is the null
     * reverse-path of bounces, kept as the empty string.
     */
    private String mailFrom() throws ReportRejectedException {
      String value = arf.first("Original-Mail-From");
      checkNul("Original-Mail-From", value);
      return value == null ? null : Returned.stripAngles(value);
    }

    /**
     * The ARF value, else what the wording says (noted when an ARF part lacked it). A field that is
     * present but unreadable is noted as such, not replaced by a guess.
     */
    private <T> T fallback(
        T fromArf, String fieldName, boolean present, T fromWording, boolean hasArf) {
      if (fromArf != null || fromWording == null || present) {
        return fromArf;
      }
      if (hasArf) {
        missing.add(fieldName + " read from the report's text");
      }
      return fromWording;
    }

    /** The address only: reporters append the host name in brackets. */
    private static InetAddress sourceIp(String value) {
      if (value == null) {
        return null;
      }
      String first = value.strip().split("[\\s(]", 2)[0];
      return Wording.ip(first);
    }
  }
}
