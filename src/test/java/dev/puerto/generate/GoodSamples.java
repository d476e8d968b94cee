package dev.puerto.generate;

import static dev.puerto.generate.SampleSenders.COM_CRM;
import static dev.puerto.generate.SampleSenders.COM_MTA;
import static dev.puerto.generate.SampleSenders.COM_MTA_V6;
import static dev.puerto.generate.SampleSenders.COM_NEWSLETTER;
import static dev.puerto.generate.SampleSenders.EXAMPLE_COM;
import static dev.puerto.generate.SampleSenders.EXAMPLE_NET;
import static dev.puerto.generate.SampleSenders.EXAMPLE_ORG;
import static dev.puerto.generate.SampleSenders.MAILING_LIST;
import static dev.puerto.generate.SampleSenders.NET_BOUNCES;
import static dev.puerto.generate.SampleSenders.NET_MTA;
import static dev.puerto.generate.SampleSenders.NET_NEWS_ESP;
import static dev.puerto.generate.SampleSenders.ORG_BOUNCES;
import static dev.puerto.generate.SampleSenders.ORG_MTA;
import static dev.puerto.generate.SampleSenders.ORG_MTA_V6;
import static dev.puerto.generate.SampleSenders.SPOOFER;
import static dev.puerto.generate.SampleSenders.SPOOFER_V6;
import static dev.puerto.generate.SampleSenders.UNIVERSITY_FORWARDER;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Importable samples: every container kind, both namespaces and the known reporter quirks, for
 * example.com (p=none), example.org (p=reject) and example.net (p=quarantine) over ISO weeks
 * 2026-W10 and 2026-W11.
 */
final class GoodSamples {
  /** 2026-03-01T00:00:00Z; W10 is March 2-8, W11 March 9-15. */
  private static final long MARCH_1 = 1_772_323_200L;

  private static final long DAY = 86_400;
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final SplittableRandom random = new SplittableRandom(2026);

  private record Visit(Sender sender, String headerFrom, long count) {}

  private static Visit visit(Sender sender, long count) {
    return new Visit(sender, null, count);
  }

  List<Sample> all() {
    GeneratedReport googleMonday =
        report(
            Reporters.GOOGLE,
            EXAMPLE_COM,
            2,
            null,
            visit(COM_MTA, 1_204),
            visit(COM_MTA_V6, 311),
            visit(COM_NEWSLETTER, 4_830),
            visit(UNIVERSITY_FORWARDER, 23),
            visit(SPOOFER, 7),
            visit(SPOOFER_V6, 2));
    GeneratedReport googleTuesday =
        report(
            Reporters.GOOGLE,
            EXAMPLE_COM,
            3,
            googleMonday.metadata().reportId(),
            visit(COM_MTA, 1_122),
            visit(COM_MTA_V6, 297),
            visit(COM_NEWSLETTER, 5_012),
            visit(COM_CRM, 41),
            visit(SPOOFER, 12));
    GeneratedReport outlookOrg =
        report(
            Reporters.ENTERPRISE_OUTLOOK,
            EXAMPLE_ORG,
            3,
            null,
            visit(ORG_MTA, 642),
            visit(ORG_MTA_V6, 88),
            visit(MAILING_LIST, 14),
            visit(ORG_BOUNCES, 9),
            visit(SPOOFER, 31));
    GeneratedReport yahooNet =
        report(
            Reporters.YAHOO,
            EXAMPLE_NET,
            4,
            null,
            visit(NET_MTA, 410),
            new Visit(NET_NEWS_ESP, "news.example.net", 2_300),
            visit(UNIVERSITY_FORWARDER, 6),
            visit(SPOOFER, 19));
    GeneratedReport mailRu =
        report(
            Reporters.MAIL_RU,
            EXAMPLE_COM,
            5,
            null,
            visit(COM_MTA, 90),
            visit(COM_NEWSLETTER, 350),
            visit(SPOOFER, 3));
    GeneratedReport fastmail =
        report(
            Reporters.FASTMAIL,
            EXAMPLE_NET,
            7,
            null,
            visit(NET_MTA, 75),
            visit(NET_BOUNCES, 4),
            visit(UNIVERSITY_FORWARDER, 2));
    GeneratedReport comcast =
        report(
            Reporters.COMCAST,
            EXAMPLE_COM,
            8,
            null,
            visit(COM_MTA, 40),
            visit(COM_NEWSLETTER, 160),
            visit(COM_CRM, 12));
    List<GeneratedReport> zohoBundle =
        List.of(
            report(Reporters.ZOHO, EXAMPLE_COM, 10, null, visit(COM_MTA, 33), visit(SPOOFER, 1)),
            report(Reporters.ZOHO, EXAMPLE_ORG, 10, null, visit(ORG_MTA, 21)),
            report(
                Reporters.ZOHO,
                EXAMPLE_NET,
                10,
                null,
                visit(NET_MTA, 17),
                new Visit(NET_NEWS_ESP, "news.example.net", 64)));
    GeneratedReport googleOrg =
        report(
            Reporters.GOOGLE,
            EXAMPLE_ORG,
            10,
            null,
            visit(ORG_MTA, 2_210),
            visit(ORG_MTA_V6, 530),
            visit(MAILING_LIST, 44),
            visit(SPOOFER_V6, 120));
    GeneratedReport outlookCom =
        report(
            Reporters.ENTERPRISE_OUTLOOK,
            EXAMPLE_COM,
            10,
            null,
            visit(COM_MTA, 380),
            visit(COM_NEWSLETTER, 1_650),
            visit(COM_CRM, 57),
            visit(SPOOFER, 25));
    GeneratedReport mimecastCom =
        report(
            Reporters.MIMECAST,
            EXAMPLE_COM,
            11,
            null,
            visit(COM_MTA, 66),
            visit(COM_NEWSLETTER, 120));
    GeneratedReport mimecastOrg =
        report(Reporters.MIMECAST, EXAMPLE_ORG, 11, null, visit(ORG_MTA, 48), visit(SPOOFER, 5));
    GeneratedReport xs4all =
        report(
            Reporters.XS4ALL,
            EXAMPLE_NET,
            12,
            null,
            visit(NET_MTA, 12),
            visit(UNIVERSITY_FORWARDER, 3));
    GeneratedReport outlookMbox =
        report(
            Reporters.OUTLOOK_COM, EXAMPLE_COM, 12, null, visit(COM_MTA, 210), visit(SPOOFER, 9));
    GeneratedReport yahooMbox =
        report(
            Reporters.YAHOO,
            EXAMPLE_ORG,
            13,
            null,
            visit(ORG_MTA, 505),
            visit(MAILING_LIST, 12),
            visit(ORG_BOUNCES, 3));
    GeneratedReport sloppyWp =
        report(
            Reporters.WP_PL.withLayout(Reporters.WP_PL.layout().withBomAndPadding()),
            EXAMPLE_COM,
            13,
            null,
            visit(COM_MTA, 27),
            visit(COM_NEWSLETTER, 95));
    GeneratedReport gmx = gmxDmarcBis();
    GeneratedReport netEase = netEaseQuirks();
    return List.of(
        Sample.imported(
            googleMonday.fileStem() + ".zip",
            "Google, zip with one report; IPv6 sources, two DKIM signatures, ESP passing DKIM"
                + " only, forwarder, spoofers",
            ReportPackaging.compressed(googleMonday, Compression.ZIP)),
        Sample.imported(
            googleTuesday.fileStem() + ".xml.gz",
            "Google the next day as plain gzip, reusing Monday's report_id; unaligned CRM sender",
            ReportPackaging.compressed(googleTuesday, Compression.GZIP)),
        Sample.imported(
            outlookOrg.fileStem() + ".eml",
            "Enterprise Outlook e-mail with application/gzip attachment; one-line XML with"
                + " xmlns:xsd/xsi, end = begin + 86400, mailing list, bounces with SPF helo",
            Payloads.email(ReportPackaging.email(outlookOrg, random))),
        Sample.imported(
            yahooNet.fileStem() + ".eml",
            "Yahoo e-mail with a zip attachment (application/zip); subdomain news.example.net"
                + " under sp=none, no `<version>`",
            Payloads.email(
                ReportPackaging.email(
                    yahooNet,
                    ReportPackaging.compressed(yahooNet, Compression.ZIP),
                    Compression.ZIP.mediaType(),
                    yahooNet.fileStem() + ".zip",
                    random))),
        Sample.imported(
            mailRu.fileStem() + ".eml",
            "Mail.Ru e-mail whose gzip attachment is labelled application/octet-stream; children"
                + " sorted alphabetically (auth_results before row), single-quoted declaration",
            Payloads.email(
                ReportPackaging.email(
                    mailRu,
                    ReportPackaging.compressed(mailRu, Compression.GZIP),
                    "application/octet-stream",
                    mailRu.fileStem() + ".xml.gz",
                    random))),
        Sample.imported(
            gmx.fileStem() + ".xml.gz",
            "GMX, RFC 9990 namespace: np, testing, discovery_method, generator, human_result,"
                + " an `<extension>`, disposition pass, empty envelope_from",
            ReportPackaging.compressed(gmx, Compression.GZIP)),
        Sample.imported(
            fastmail.fileStem() + ".xml",
            "Fastmail, plain XML, report_id in the file name; bounces without envelope_from",
            Payloads.xml(fastmail)),
        Sample.imported(
            comcast.fileStem() + ".xml",
            "Comcast, RFC 7489 schema namespace http://dmarc.org/dmarc-xml/0.1",
            Payloads.xml(comcast)),
        Sample.imported(
            "zoho.com-three-domains-2026-03-10.zip",
            "One zip holding three reports, one per policy domain",
            Payloads.zip(zohoBundle.stream().map(ReportPackaging::zipItem).toList())),
        Sample.imported(
            googleOrg.fileStem() + ".zip",
            "Google for example.org (p=reject, adkim=s): IPv6 spoofer rejected, list mail",
            ReportPackaging.compressed(googleOrg, Compression.ZIP)),
        Sample.imported(
            outlookCom.fileStem() + ".eml",
            "Enterprise Outlook e-mail for example.com in the second week",
            Payloads.email(ReportPackaging.email(outlookCom, random))),
        Sample.imported(
            mimecastCom.fileStem() + ".eml",
            "Mimecast e-mail whose .zip attachment is labelled application/gzip",
            Payloads.email(
                ReportPackaging.email(
                    mimecastCom,
                    ReportPackaging.compressed(mimecastCom, Compression.ZIP),
                    Compression.GZIP.mediaType(),
                    mimecastCom.fileStem() + ".zip",
                    random))),
        Sample.imported(
            mimecastOrg.fileStem() + ".xml.gz",
            "gzip followed by a stray CRLF, as Mimecast sends",
            Payloads.followedBy(ReportPackaging.compressed(mimecastOrg, Compression.GZIP), CRLF)),
        Sample.imported(
            xs4all.fileStem() + ".xml.gz.gz",
            "gzip inside gzip",
            Payloads.gzip(ReportPackaging.compressed(xs4all, Compression.GZIP))),
        Sample.imported(
            "two-report-emails.mbox",
            "mbox mailbox with two report e-mails (Outlook.com for example.com, Yahoo for"
                + " example.org)",
            Payloads.mbox(
                List.of(
                    ReportPackaging.email(outlookMbox, random),
                    ReportPackaging.email(yahooMbox, random)))),
        Sample.imported(
            sloppyWp.fileStem() + ".xml",
            "wp.pl: UTF-8 BOM, date_range before org_name, whitespace around every value",
            Payloads.xml(sloppyWp)),
        Sample.imported(
            netEase.fileStem() + ".xml",
            "NetEase: upper-case Pass, SPF hardfail, empty `<reason><type/>`, three DKIM"
                + " signatures in one record",
            Payloads.xml(netEase)));
  }

  private GeneratedReport report(
      Reporter reporter, DomainPolicy policy, int marchDay, String reportId, Visit... visits) {
    long begin = dayBegin(marchDay);
    XmlDialect dialect = reporter.dialect();
    List<FeedbackRecord> records =
        Arrays.stream(visits)
            .map(
                visit ->
                    TrafficModel.record(
                        visit.sender(),
                        visit.headerFrom() == null ? policy.domain() : visit.headerFrom(),
                        policy,
                        visit.count(),
                        dialect,
                        random))
            .toList();
    ReportMetadata metadata =
        new ReportMetadata(
            reporter.orgName(),
            reporter.email(),
            reporter.extraContactInfo(),
            reportId == null ? reporter.idStyle().create(random, begin) : reportId,
            begin,
            begin + reporter.periodEndOffset(),
            dialect.isDmarcBis() ? reporter.generator() : null);
    return new GeneratedReport(reporter, metadata, policy.publishedIn(dialect), List.of(), records);
  }

  private GeneratedReport gmxDmarcBis() {
    GeneratedReport plain =
        report(
            Reporters.GMX,
            EXAMPLE_ORG,
            6,
            null,
            visit(ORG_MTA, 120),
            visit(MAILING_LIST, 4),
            visit(ORG_BOUNCES, 3),
            visit(SPOOFER, 6));
    List<FeedbackRecord> explained = withHumanResults(plain.records());
    FeedbackExtension arc =
        new FeedbackExtension(
            "arc", "https://example.net/dmarc-extensions/arc-v1", "arc_summary", "sealed=2");
    return new GeneratedReport(
        plain.reporter(), plain.metadata(), plain.policy(), List.of(arc), explained);
  }

  private static List<FeedbackRecord> withHumanResults(Iterable<FeedbackRecord> records) {
    List<FeedbackRecord> explained = new ArrayList<>();
    for (FeedbackRecord r : records) {
      explained.add(
          new FeedbackRecord(
              r.sourceIp(),
              r.count(),
              r.disposition(),
              r.dkimEvaluated(),
              r.spfEvaluated(),
              r.reasons(),
              r.headerFrom(),
              r.envelopeFrom(),
              r.envelopeTo(),
              r.dkim().stream()
                  .map(
                      d -> new DkimResult(d.domain(), d.selector(), d.result(), dkimHumanResult(d)))
                  .toList(),
              r.spf().stream()
                  .map(
                      s ->
                          new SpfResult(
                              s.domain(), s.scope(), s.result(), "sender SPF " + s.result()))
                  .toList()));
    }
    return explained;
  }

  private static String dkimHumanResult(DkimResult dkim) {
    return dkim.result().equals("pass") ? "good signature" : "body hash did not verify";
  }

  /** Hand-written records with the value quirks lenient parsers must accept. */
  private GeneratedReport netEaseQuirks() {
    long begin = dayBegin(14);
    List<FeedbackRecord> records =
        List.of(
            new FeedbackRecord(
                NET_MTA.ip(),
                52,
                "none",
                "Pass",
                "Pass",
                List.of(),
                "example.net",
                "example.net",
                null,
                List.of(
                    new DkimResult("example.net", "s2026", "Pass"),
                    new DkimResult("example.net", "eds2026", "pass"),
                    new DkimResult("amazonses.com", "ug7nbtf4gccmlpwj322ax3p6ow6yfsug", "pass")),
                List.of(new SpfResult("example.net", "mfrom", "Pass"))),
            new FeedbackRecord(
                SPOOFER.ip(),
                3,
                "quarantine",
                "fail",
                "fail",
                List.of(new OverrideReason("", null)),
                "example.net",
                "example.net",
                null,
                List.of(),
                List.of(new SpfResult("example.net", "mfrom", "hardfail"))));
    Reporter reporter = Reporters.NETEASE;
    ReportMetadata metadata =
        new ReportMetadata(
            reporter.orgName(),
            reporter.email(),
            null,
            reporter.idStyle().create(random, begin),
            begin,
            begin + reporter.periodEndOffset(),
            null);
    return new GeneratedReport(
        reporter, metadata, EXAMPLE_NET.publishedIn(reporter.dialect()), List.of(), records);
  }

  private static long dayBegin(int marchDay) {
    return MARCH_1 + (marchDay - 1) * DAY;
  }
}
