package dev.puerto.generate;

/** What a written file holds, summed over its reports; the manifest and the tests compare these. */
public record ReportTotals(int reports, long records, long messages) {
  public static final ReportTotals NONE = new ReportTotals(0, 0, 0);

  public ReportTotals plus(ReportTotals other) {
    return new ReportTotals(
        reports + other.reports, records + other.records, messages + other.messages);
  }
}
