package dev.puerto.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Broken and hostile inputs for {@code reports-samples/bad/}: each must be rejected with a clear
 * reason while the import run carries on.
 */
final class HostileSamples {
  private static final long BEGIN = 1_772_409_600L; // 2026-03-02T00:00:00Z
  private static final long END = BEGIN + 86_399;

  private static final String XXE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE feedback [
        <!ENTITY passwd SYSTEM "file:///etc/passwd">
      ]>
      <feedback>
        <report_metadata>
          <org_name>&passwd;</org_name>
          <email>noreply-dmarc-support@google.com</email>
          <report_id>xxe-0001</report_id>
          <date_range><begin>1772409600</begin><end>1772495999</end></date_range>
        </report_metadata>
        <policy_published><domain>example.com</domain><p>none</p><sp>none</sp><pct>100</pct></policy_published>
        <record>
          <row>
            <source_ip>192.0.2.25</source_ip>
            <count>1</count>
            <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated>
          </row>
          <identifiers><header_from>example.com</header_from></identifiers>
          <auth_results><spf><domain>example.com</domain><result>pass</result></spf></auth_results>
        </record>
      </feedback>
      """;

  private static final String BILLION_LAUGHS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE feedback [
        <!ENTITY lol "lol">
        <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
      ]>
      <feedback>
        <report_metadata>
          <org_name>&lol9;</org_name>
          <email>noreply-dmarc-support@google.com</email>
          <report_id>lol-0001</report_id>
          <date_range><begin>1772409600</begin><end>1772495999</end></date_range>
        </report_metadata>
        <policy_published><domain>example.com</domain><p>none</p></policy_published>
      </feedback>
      """;

  private static final String RSS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0">
        <channel>
          <title>Example News</title>
          <link>https://www.example.com/</link>
          <description>Not a DMARC report</description>
          <item><title>Spring sale</title><link>https://www.example.com/sale</link></item>
        </channel>
      </rss>
      """;

  private static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><title>Your report is ready</title></head>
      <body><p>Log in to download your DMARC report.</p></body>
      </html>
      """;

  private static final String PDF =
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
          + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

  private static final String ENDLESS_FEEDBACK_START = "<?xml version=\"1.0\"?>\n<feedback>\n";

  private final long bombBytes;

  /** {@code bombBytes}: how far the zip bomb expands (10 GiB when committed). */
  HostileSamples(long bombBytes) {
    this.bombBytes = bombBytes;
  }

  List<Sample> all() {
    GeneratedReport valid = report("20260302-valid", BEGIN, END, record("192.0.2.25", 40));
    String validXml = new String(render(Payloads.xml(valid)), StandardCharsets.UTF_8);
    byte[] validGzip = render(Payloads.gzip(Payloads.xml(valid)));
    return List.of(
        Sample.rejected(
            "xxe-external-entity.xml",
            "DOCTYPE with an external entity pointing at file:///etc/passwd",
            "DTDs are refused; the file is never read",
            Payloads.text(XXE)),
        Sample.rejected(
            "billion-laughs.xml",
            "nested entity expansion (10^9 'lol's)",
            "DTDs are refused before any expansion",
            Payloads.text(BILLION_LAUGHS)),
        Sample.rejected(
            "zip-bomb.zip",
            "zip whose entry is a gzip of an XML document that opens <feedback> and then runs on"
                + " for "
                + gibibytes(bombBytes)
                + " of spaces: it looks like a report, so only the limits stop it",
            "compression ratio limit exceeded after 16 MiB (likely a zip bomb)",
            Payloads.zip(
                Deflater.BEST_COMPRESSION,
                List.of(
                    new ZipItem(
                        valid.fileStem() + ".xml.gz",
                        END,
                        Payloads.gzip(Deflater.BEST_COMPRESSION, endlessFeedback(bombBytes)))))),
        Sample.rejected(
            "truncated.xml.gz",
            "gzip stream cut off in the middle",
            "unexpected end of gzip data",
            Payloads.bytes(Arrays.copyOf(validGzip, validGzip.length / 2))),
        Sample.rejected(
            "pdf-in-zip.zip",
            "zip holding a PDF instead of XML",
            "no XML report inside the archive",
            Payloads.zip(
                List.of(
                    new ZipItem(
                        "report.pdf",
                        END,
                        Payloads.bytes(PDF.getBytes(StandardCharsets.US_ASCII)))))),
        Sample.rejected(
            "unused.xml.gz",
            "gzip whose content is the word 'unused' (seen from Yahoo/AOL)",
            "content is not XML",
            Payloads.gzip(Payloads.text("unused"))),
        Sample.rejected(
            "rss-feed.xml",
            "well-formed XML that is an RSS feed",
            "root element is `<rss>`, not `<feedback>`",
            Payloads.text(RSS)),
        Sample.rejected(
            "not-a-report.html",
            "an HTML page",
            "not a DMARC aggregate report (HTML)",
            Payloads.text(HTML)),
        Sample.rejected(
            "email-without-attachment.eml",
            "report e-mail with a text part only",
            "e-mail holds no report attachment",
            Payloads.email(
                new ReportEmail(
                    "noreply-dmarc-support@google.com",
                    "dmarc-reports@example.com",
                    ReportEmail.subject("example.com", "google.com", "20260302-empty"),
                    END + 3_600,
                    "no-attachment-0001@google.com",
                    "_part_no_attachment",
                    "This is a DMARC aggregate report from google.com for example.com.",
                    null,
                    null,
                    null))),
        Sample.rejected(
            "record-missing-source-ip.xml",
            "second record has no `<source_ip>`",
            "record 2: source_ip is missing",
            Payloads.xml(
                report("20260302-no-ip", BEGIN, END, record("192.0.2.25", 40), record(null, 3)))),
        Sample.rejected(
            "record-bad-ip.xml",
            "source_ip 192.0.2.300",
            "record 1: source_ip is not an IP address",
            Payloads.xml(report("20260302-bad-ip", BEGIN, END, record("192.0.2.300", 2)))),
        Sample.rejected(
            "negative-count.xml",
            "record count -5",
            "record 1: count must not be negative",
            Payloads.xml(report("20260302-negative", BEGIN, END, record("192.0.2.25", -5)))),
        Sample.rejected(
            "end-before-begin.xml",
            "date_range end a day before begin",
            "date_range: end is before begin",
            Payloads.xml(
                report("20260302-reversed", BEGIN, BEGIN - 86_400, record("192.0.2.25", 7)))),
        Sample.rejected(
            "malformed.xml",
            "broken end tag `<report_id>...0/report_id>` as kddi.com sent",
            "not well-formed XML",
            Payloads.text(validXml.replace("</report_id>", "/report_id>"))),
        Sample.rejected(
            "report-id-too-long.xml",
            "a report_id of 1,100 characters: longer than the unique index allows",
            "`<report_id>` longer than 1,024 octets",
            Payloads.xml(report("r".repeat(1_100), BEGIN, END, record("192.0.2.25", 3)))),
        Sample.rejected(
            "counts-overflow.xml",
            "ten records of 999,999,999,999,999,999 messages each: the sum exceeds 64 bits",
            "record 10: the message counts add up to more than 2^63-1",
            Payloads.edited(
                Payloads.xml(
                    report(
                        "20260302-overflow",
                        BEGIN,
                        END,
                        Collections.nCopies(10, record("192.0.2.25", 7))
                            .toArray(FeedbackRecord[]::new))),
                xml -> xml.replace("<count>7</count>", "<count>999999999999999999</count>"))),
        Sample.rejected(
            "epoch-out-of-range.xml",
            "date_range begin 99999999999999999: beyond Java's and PostgreSQL's time",
            "`<begin>` is not a date from 1970 to 2106",
            Payloads.edited(
                Payloads.xml(report("20260302-far", BEGIN, END, record("192.0.2.25", 2))),
                xml ->
                    xml.replace(
                        "<begin>" + BEGIN + "</begin>", "<begin>99999999999999999</begin>"))),
        Sample.rejected(
            "too-many-dkim-results.xml.gz",
            "one record with 20,000 DKIM results (RFC 9990 caps them at 100)",
            "record 1 has more than 10,000 elements",
            Payloads.gzip(
                Payloads.xml(
                    report(
                        "20260302-many-dkim",
                        BEGIN,
                        END,
                        recordWithDkim("192.0.2.25", 1, 20_000))))),
        Sample.partial(
            "signature-after-the-report.xml",
            "a valid report followed by a `<signature>` element outside it",
            "the content after the report, with its line and column",
            Payloads.followedBy(
                Payloads.xml(report("20260302-signed", BEGIN, END, record("192.0.2.25", 9))),
                "<signature>MIIBljCCAT2gAwIBAgIUYWJj</signature>\n"
                    .getBytes(StandardCharsets.US_ASCII))));
  }

  private static FeedbackRecord recordWithDkim(String sourceIp, long count, int signatures) {
    FeedbackRecord one = record(sourceIp, count);
    return new FeedbackRecord(
        one.sourceIp(),
        one.count(),
        one.disposition(),
        one.dkimEvaluated(),
        one.spfEvaluated(),
        one.reasons(),
        one.headerFrom(),
        one.envelopeFrom(),
        one.envelopeTo(),
        Collections.nCopies(signatures, new DkimResult("example.com", "s2026", "pass")),
        one.spf());
  }

  static GeneratedReport report(String reportId, long begin, long end, FeedbackRecord... records) {
    Reporter reporter = Reporters.GOOGLE;
    ReportMetadata metadata =
        new ReportMetadata(
            reporter.orgName(),
            reporter.email(),
            reporter.extraContactInfo(),
            reportId,
            begin,
            end,
            null);
    return new GeneratedReport(
        reporter,
        metadata,
        SampleSenders.EXAMPLE_COM.publishedIn(reporter.dialect()),
        List.of(),
        List.of(records));
  }

  static FeedbackRecord record(String sourceIp, long count) {
    return new FeedbackRecord(
        sourceIp,
        count,
        "none",
        "pass",
        "pass",
        List.of(),
        "example.com",
        "example.com",
        null,
        List.of(new DkimResult("example.com", "s2026", "pass")),
        List.of(new SpfResult("example.com", "mfrom", "pass")));
  }

  /**
   * An XML prolog and an open {@code <feedback>}, then spaces from one reused buffer: a bomb costs
   * CPU to build, never memory.
   */
  private static Payload endlessFeedback(long bytes) {
    return out -> {
      out.write(ENDLESS_FEEDBACK_START.getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[1 << 20];
      Arrays.fill(buffer, (byte) ' ');
      for (long left = bytes; left > 0; left -= buffer.length) {
        out.write(buffer, 0, (int) Math.min(left, buffer.length));
      }
      return ReportTotals.NONE;
    };
  }

  private static byte[] render(Payload payload) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      payload.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String gibibytes(long bytes) {
    return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
  }
}
