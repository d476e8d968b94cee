package dev.puerto.generate;

/**
 * What a written file holds, summed over its reports; the manifest and the tests compare these.
 * {@code reports}, {@code records} and {@code messages} count aggregate reports only, as the import
 * tally's records and messages do; failure and SMTP TLS reports are counted beside them.
 */
public record ReportTotals(
    int reports, long records, long messages, int failureReports, TlsTotals tls) {
  public static final ReportTotals NONE = new ReportTotals(0, 0, 0);
  static final ReportTotals ONE_FAILURE_REPORT = new ReportTotals(0, 0, 0, 1, TlsTotals.NONE);

  /** Aggregate reports only. */
  public ReportTotals(int reports, long records, long messages) {
    this(reports, records, messages, 0, TlsTotals.NONE);
  }

  static ReportTotals of(TlsTotals tls) {
    return new ReportTotals(0, 0, 0, 0, tls);
  }

  public ReportTotals plus(ReportTotals other) {
    return new ReportTotals(
        reports + other.reports,
        records + other.records,
        messages + other.messages,
        failureReports + other.failureReports,
        tls.plus(other.tls));
  }

  /** Only the aggregate reports, which is all {@link ReportCounter} counts. */
  ReportTotals aggregate() {
    return new ReportTotals(reports, records, messages);
  }

  /** Reports of every kind, as the import tally's "reports imported" counts them. */
  int allReports() {
    return reports + failureReports + tls.reports();
  }
}
