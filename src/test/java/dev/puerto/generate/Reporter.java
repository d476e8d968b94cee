package dev.puerto.generate;

/**
 * A mailbox provider that sends aggregate reports, with the habits that distinguish it.
 *
 * @param receiverDomain first part of the file name and the Subject's Submitter
 * @param periodEndOffset end minus begin: 86399 for most, 86400 for Outlook
 * @param namesFileWithReportId Fastmail appends the report id to the file name
 * @param reusesReportIds Google sometimes sends the same id for consecutive days
 * @param share relative weight in a generated corpus
 */
public record Reporter(
    String orgName,
    String email,
    String extraContactInfo,
    String receiverDomain,
    XmlLayout layout,
    ReportIdStyle idStyle,
    long periodEndOffset,
    Compression compression,
    boolean namesFileWithReportId,
    boolean reusesReportIds,
    String generator,
    int share) {

  public XmlDialect dialect() {
    return layout.dialect();
  }

  /** The same reporter on a bad day, e.g. with a BOM and padded values. */
  public Reporter withLayout(XmlLayout newLayout) {
    return new Reporter(
        orgName,
        email,
        extraContactInfo,
        receiverDomain,
        newLayout,
        idStyle,
        periodEndOffset,
        compression,
        namesFileWithReportId,
        reusesReportIds,
        generator,
        share);
  }
}
