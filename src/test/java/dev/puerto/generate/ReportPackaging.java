package dev.puerto.generate;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/** How a reporter packs and mails one of its reports, with RFC 9990 names and subject. */
public final class ReportPackaging {
  private ReportPackaging() {}

  public static ZipItem zipItem(GeneratedReport report) {
    return new ZipItem(report.fileStem() + ".xml", report.metadata().end(), Payloads.xml(report));
  }

  /** The report compressed the way {@code compression} says, as its reporter attaches it. */
  public static Payload compressed(GeneratedReport report, Compression compression) {
    return switch (compression) {
      case GZIP -> Payloads.gzip(Payloads.xml(report));
      case ZIP -> Payloads.zip(List.of(zipItem(report)));
    };
  }

  /** The report e-mail, attachment compressed and labelled as the reporter usually does. */
  public static ReportEmail email(GeneratedReport report, SplittableRandom random) {
    Compression compression = report.reporter().compression();
    return email(
        report,
        compressed(report, compression),
        compression.mediaType(),
        report.fileStem() + compression.extension(),
        random);
  }

  /** A report e-mail with a caller-chosen attachment and label (for mislabelled samples). */
  public static ReportEmail email(
      GeneratedReport report,
      Payload attachment,
      String mediaType,
      String fileName,
      SplittableRandom random) {
    Reporter reporter = report.reporter();
    String domain = report.policy().domain();
    String token = HexFormat.of().toHexDigits(random.nextLong());
    return new ReportEmail(
        reporter.email(),
        "dmarc-reports@" + domain,
        ReportEmail.subject(domain, reporter.receiverDomain(), report.metadata().reportId()),
        report.metadata().end() + 1 + random.nextInt(6 * 3600),
        token + "@" + reporter.receiverDomain(),
        "_part_" + token,
        "This is a DMARC aggregate report from " + reporter.orgName() + " for " + domain + ".",
        mediaType,
        fileName,
        attachment);
  }
}
