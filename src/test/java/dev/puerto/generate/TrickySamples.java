package dev.puerto.generate;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inputs for {@code reports-samples/tricky/}: built to trip a parser (odd names, several reports in
 * one stream, wrappers, records before the header, mbox and MIME corners, control characters), yet
 * each report in them is readable and must be stored. Dated in week 2026-W06, away from the weeks
 * the good samples fill.
 */
final class TrickySamples {
  private static final long BEGIN = 1_769_990_400L; // 2026-02-02T00:00:00Z, Monday of 2026-W06
  private static final long END = BEGIN + 86_399;
  private static final Pattern DECLARATION = Pattern.compile("\\A<\\?xml[^>]*\\?>\\s*");
  private static final Pattern HEADER_THEN_RECORDS =
      Pattern.compile("(?s)(<feedback[^>]*>)(.*?)(<record>.*</record>)(\\s*</feedback>)");

  List<Sample> all() {
    SplittableRandom random = new SplittableRandom(2026_02_02L);
    return List.of(
        Sample.tricky(
            "nul-and-escape-in-entry-name.zip",
            "zip whose entry name holds a NUL, an ESC sequence that clears the screen, and a BEL",
            Payloads.zip(
                List.of(
                    new ZipItem(
                        "report\u0000\u001b[2J\u0007.xml",
                        END,
                        Payloads.xml(report("w06-nul-name", 12)))))),
        Sample.tricky(
            "two-reports-in-one-gzip.xml.gz",
            "two gzip members, each a whole report with its own XML declaration",
            Payloads.concat(
                Payloads.gzip(Payloads.xml(report("w06-member-1", 5))),
                Payloads.gzip(Payloads.xml(report("w06-member-2", 6))))),
        Sample.tricky(
            "report-in-unclosed-wrapper.xml",
            "a report after a stray `<xs:schema>` start tag that is never closed, as some"
                + " reporters send",
            Payloads.edited(
                Payloads.xml(report("w06-wrapped", 7)),
                xml ->
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                        + " targetNamespace=\"http://dmarc.org/dmarc-xml/0.1\">\n"
                        + DECLARATION.matcher(xml).replaceFirst(""))),
        Sample.tricky(
            "records-before-header.xml",
            "every `<record>` before `<report_metadata>` and `<policy_published>`",
            Payloads.edited(
                Payloads.xml(report("w06-records-first", 8)), TrickySamples::recordsFirst)),
        Sample.tricky(
            "control-characters.xml",
            "XML 1.1 with ESC, BEL and CSI as character references in org_name and report_id:"
                + " stored with U+FFFD in their place, escaped when printed",
            Payloads.edited(
                Payloads.xml(report("w06-controls", 4)),
                xml ->
                    xml.replaceFirst("<\\?xml version=\"1.0\"", "<?xml version=\"1.1\"")
                        .replace(
                            "<report_id>w06-controls</report_id>",
                            "<report_id>w06-controls&#x1b;[2J&#x9b;31m</report_id>")
                        .replace(
                            "<org_name>google.com</org_name>",
                            "<org_name>google.com&#x1b;]0;pwned&#x7;</org_name>"))),
        Sample.tricky(
            "mboxo-unescaped-from.mbox",
            "mbox whose body has a line starting with \"From \" after an empty line, left"
                + " unescaped (mboxo): the message is not cut there",
            Payloads.mbox(
                List.of(
                    withBody(
                        ReportPackaging.email(report("w06-mboxo", 3), random),
                        "This is a DMARC aggregate report.\r\n\r\nFrom the desk of the"
                            + " postmaster: nothing to worry about.")))),
        Sample.tricky(
            "attached-mail-in-base64.eml",
            "a forwarded report mail attached as message/rfc822 in base64, which RFC 2046 does"
                + " not allow but mail clients send",
            Payloads.email(forwarded(ReportPackaging.email(report("w06-forwarded", 2), random)))));
  }

  private static GeneratedReport report(String reportId, long count) {
    return HostileSamples.report(
        reportId,
        BEGIN,
        END,
        HostileSamples.record("192.0.2.25", count),
        HostileSamples.record("198.51.100.40", count + 1));
  }

  /** The same document with its records moved in front of the header sections. */
  private static String recordsFirst(String xml) {
    Matcher parts = HEADER_THEN_RECORDS.matcher(xml);
    if (!parts.find()) {
      throw new IllegalStateException("the writer's layout changed: no header then records");
    }
    return xml.substring(0, parts.start())
        + parts.group(1)
        + parts.group(3)
        + parts.group(2)
        + parts.group(4)
        + xml.substring(parts.end());
  }

  private static ReportEmail withBody(ReportEmail email, String body) {
    return new ReportEmail(
        email.from(),
        email.to(),
        email.subject(),
        email.sentEpochSecond(),
        email.messageId(),
        email.boundary(),
        body,
        email.attachmentMediaType(),
        email.attachmentFileName(),
        email.attachment());
  }

  private static ReportEmail forwarded(ReportEmail original) {
    return new ReportEmail(
        "postmaster@example.com",
        "dmarc-reports@example.com",
        "Fwd: " + original.subject(),
        original.sentEpochSecond() + 600,
        "fwd-" + original.messageId(),
        "_fwd_" + original.boundary(),
        "Forwarded report attached.",
        "message/rfc822",
        "report.eml",
        Payloads.email(original));
  }
}
