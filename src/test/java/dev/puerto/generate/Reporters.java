package dev.puerto.generate;

import static dev.puerto.generate.ElementOrder.ALPHABETICAL;
import static dev.puerto.generate.ElementOrder.DATE_RANGE_FIRST;
import static dev.puerto.generate.ElementOrder.XSD;

import java.util.List;

/** The reporters the generator imitates, modelled on reports seen in the wild. */
public final class Reporters {
  private static final String UTF8_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  private static final String BARE_DECLARATION = "<?xml version=\"1.0\"?>";

  public static final Reporter GOOGLE =
      new Reporter(
          "google.com",
          "noreply-dmarc-support@google.com",
          "https://support.google.com/a/answer/2466580",
          "google.com",
          layout(
              XmlDialect.RFC7489,
              "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
              "  ",
              XSD,
              false,
              true),
          ReportIdStyle.UNSIGNED_DECIMAL,
          86_399,
          Compression.ZIP,
          false,
          true,
          null,
          40);

  public static final Reporter ENTERPRISE_OUTLOOK =
      new Reporter(
          "Enterprise Outlook",
          "dmarcreport@microsoft.com",
          null,
          "enterprise.protection.outlook.com",
          layout(XmlDialect.RFC7489, BARE_DECLARATION, "", XSD, true, true),
          ReportIdStyle.HEX32,
          86_400,
          Compression.GZIP,
          false,
          false,
          null,
          15);

  public static final Reporter OUTLOOK_COM =
      new Reporter(
          "Outlook.com",
          "dmarcreport@microsoft.com",
          null,
          "protection.outlook.com",
          layout(XmlDialect.RFC7489, BARE_DECLARATION, "", XSD, true, true),
          ReportIdStyle.HEX32,
          86_400,
          Compression.GZIP,
          false,
          false,
          null,
          10);

  public static final Reporter YAHOO =
      new Reporter(
          "Yahoo",
          "dmarchelp@yahooinc.com",
          null,
          "yahoo.com",
          layout(XmlDialect.RFC7489, BARE_DECLARATION, "  ", XSD, false, false),
          ReportIdStyle.EPOCH_DOT_MICROS,
          86_399,
          Compression.GZIP,
          false,
          false,
          null,
          10);

  public static final Reporter MAIL_RU =
      new Reporter(
          "Mail.Ru",
          "dmarc_support@corp.mail.ru",
          "http://corp.mail.ru/en",
          "mail.ru",
          layout(
              XmlDialect.RFC7489,
              "<?xml version='1.0' standalone='yes'?>",
              "  ",
              ALPHABETICAL,
              false,
              false),
          ReportIdStyle.DIGITS_THEN_BEGIN,
          86_400,
          Compression.GZIP,
          false,
          false,
          null,
          5);

  public static final Reporter GMX =
      new Reporter(
          "GMX",
          "noreply-dmarc@sicher.gmx.net",
          "https://postmaster.gmx.net/en/case?c=r2002",
          "gmx.net",
          layout(XmlDialect.RFC9990, UTF8_DECLARATION, "   ", XSD, false, true),
          ReportIdStyle.HEX32,
          86_399,
          Compression.GZIP,
          false,
          false,
          "GMX DMARC reporter 2.1",
          4);

  public static final Reporter FASTMAIL =
      new Reporter(
          "Fastmail Pty Ltd",
          "reports@fastmaildmarc.com",
          null,
          "fastmail.com",
          layout(XmlDialect.RFC7489, UTF8_DECLARATION, "\t", XSD, false, true),
          ReportIdStyle.DATE_DOT_SEQUENCE,
          86_399,
          Compression.GZIP,
          true,
          false,
          null,
          4);

  public static final Reporter COMCAST =
      new Reporter(
          "Comcast.net",
          "dmarc-support@alerts.comcast.net",
          null,
          "comcast.net",
          layout(
              XmlDialect.DMARC_XML_01,
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
              "  ",
              XSD,
              false,
              false),
          ReportIdStyle.UUID,
          86_399,
          Compression.GZIP,
          false,
          false,
          null,
          4);

  public static final Reporter MIMECAST =
      new Reporter(
          "Mimecast",
          "dmarc-reports@mimecast.org",
          null,
          "mimecast.org",
          layout(XmlDialect.RFC7489, UTF8_DECLARATION, "  ", XSD, false, true),
          ReportIdStyle.UUID,
          86_399,
          Compression.ZIP,
          false,
          true,
          null,
          3);

  public static final Reporter WP_PL =
      new Reporter(
          "Wirtualna Polska",
          "noreply-dmarc@wp.pl",
          null,
          "wp.pl",
          layout(XmlDialect.RFC7489, UTF8_DECLARATION, "  ", DATE_RANGE_FIRST, false, false),
          ReportIdStyle.DIGITS_THEN_BEGIN,
          86_399,
          Compression.GZIP,
          false,
          false,
          null,
          2);

  public static final Reporter NETEASE =
      new Reporter(
          "NetEase",
          "dmarcsupport@163.com",
          null,
          "163.com",
          layout(XmlDialect.RFC7489, UTF8_DECLARATION, "\t", XSD, false, false),
          ReportIdStyle.DIGITS_THEN_BEGIN,
          86_399,
          Compression.ZIP,
          false,
          false,
          null,
          1);

  public static final Reporter XS4ALL =
      new Reporter(
          "xs4all.nl",
          "dmarc-noreply@xs4all.nl",
          null,
          "xs4all.nl",
          layout(XmlDialect.RFC7489, UTF8_DECLARATION, "  ", XSD, false, true),
          ReportIdStyle.UNSIGNED_DECIMAL,
          86_399,
          Compression.GZIP,
          false,
          false,
          null,
          1);

  public static final Reporter ZOHO =
      new Reporter(
          "Zoho",
          "noreply-dmarc@zoho.com",
          null,
          "zoho.com",
          layout(XmlDialect.RFC7489, UTF8_DECLARATION, "  ", XSD, false, true),
          ReportIdStyle.UNSIGNED_DECIMAL,
          86_400,
          Compression.ZIP,
          false,
          false,
          null,
          1);

  public static final List<Reporter> ALL =
      List.of(
          GOOGLE,
          ENTERPRISE_OUTLOOK,
          OUTLOOK_COM,
          YAHOO,
          MAIL_RU,
          GMX,
          FASTMAIL,
          COMCAST,
          MIMECAST,
          WP_PL,
          NETEASE,
          XS4ALL,
          ZOHO);

  private Reporters() {}

  private static XmlLayout layout(
      XmlDialect dialect,
      String declaration,
      String indent,
      ElementOrder order,
      boolean declaresSchemaPrefixes,
      boolean writesVersion) {
    return new XmlLayout(
        dialect, declaration, indent, order, declaresSchemaPrefixes, writesVersion, false, false);
  }
}
