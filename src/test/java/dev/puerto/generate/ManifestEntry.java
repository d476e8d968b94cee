package dev.puerto.generate;

/** One line of manifest.tsv: a written file and the reports it carries. */
public record ManifestEntry(String file, String container, ReportTotals totals) {
  static final String HEADER = "file\tcontainer\treports\trecords\tmessages";

  String toTsv() {
    return String.join(
        "\t",
        file,
        container,
        Integer.toString(totals.reports()),
        Long.toString(totals.records()),
        Long.toString(totals.messages()));
  }
}
