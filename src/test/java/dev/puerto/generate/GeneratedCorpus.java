package dev.puerto.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A corpus the generator wrote for one test class, with the sums of its manifest: what a run over
 * it must store.
 *
 * @param directory the report files
 * @param reports reports in all files
 * @param records records in all reports
 * @param messages messages in all records
 */
public record GeneratedCorpus(Path directory, int reports, int records, long messages) {

  /** Writes {@code reports} reports with {@code records} records in all below {@code work}. */
  public static GeneratedCorpus generate(Path work, int reports, int records, long seed)
      throws IOException {
    Path directory = work.resolve("corpus");
    Path manifest = work.resolve("corpus.manifest.tsv");
    GenerateCorpus.main(
        new String[] {
          "--out", directory.toString(),
          "--manifest", manifest.toString(),
          "--reports", String.valueOf(reports),
          "--records-total", String.valueOf(records),
          "--seed", String.valueOf(seed)
        });
    return totals(directory, manifest);
  }

  /** The files as the mails a reporter would send. */
  public List<ReportMails.Mail> mails() throws IOException {
    return ReportMails.fromCorpus(directory);
  }

  /** Sums of the manifest's columns (file, container, reports, records, messages). */
  private static GeneratedCorpus totals(Path directory, Path manifest) throws IOException {
    int reports = 0;
    int records = 0;
    long messages = 0;
    for (String line : Files.readAllLines(manifest).stream().skip(1).toList()) {
      String[] columns = line.split("\t");
      reports += Integer.parseInt(columns[2]);
      records += Integer.parseInt(columns[3]);
      messages += Long.parseLong(columns[4]);
    }
    return new GeneratedCorpus(directory, reports, records, messages);
  }
}
