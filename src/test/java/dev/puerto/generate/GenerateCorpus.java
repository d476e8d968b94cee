package dev.puerto.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line entry of the corpus generator:
 *
 * <pre>
 * --out DIR --reports N --records-total M --seed S [--single-report-records K] [--manifest FILE]
 * </pre>
 *
 * Writes N reports (about M records) as xml/gz/zip/eml files, optionally one gzipped report of K
 * records, and a manifest listing what every file holds ({@code DIR.manifest.tsv} beside DIR by
 * default, so that importing DIR sees only reports).
 */
public final class GenerateCorpus {
  private GenerateCorpus() {}

  /** Parsed command line; records-total defaults to 50 per report. */
  record Options(
      Path out,
      Path manifest,
      int reports,
      long recordsTotal,
      long seed,
      long singleReportRecords) {
    /** Options with the manifest beside {@code out}. */
    static Options of(
        Path out, int reports, long recordsTotal, long seed, long singleReportRecords) {
      return new Options(
          out, defaultManifest(out), reports, recordsTotal, seed, singleReportRecords);
    }

    static Path defaultManifest(Path out) {
      return out.resolveSibling(out.getFileName() + ".manifest.tsv");
    }

    static Options parse(String[] args) {
      Path out = null;
      Path manifest = null;
      int reports = 0;
      long recordsTotal = -1;
      long seed = 1;
      long single = 0;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + args[i]);
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--out" -> out = Path.of(value);
          case "--manifest" -> manifest = Path.of(value);
          case "--reports" -> reports = Integer.parseInt(value);
          case "--records-total" -> recordsTotal = Long.parseLong(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--single-report-records" -> single = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (out == null) {
        throw new IllegalArgumentException(
            "usage: --out DIR --reports N --records-total M --seed S"
                + " [--single-report-records K] [--manifest FILE]");
      }
      return new Options(
          out,
          manifest != null ? manifest : defaultManifest(out),
          reports,
          recordsTotal < 0 ? 50L * reports : recordsTotal,
          seed,
          single);
    }
  }

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    long started = System.nanoTime();
    List<ManifestEntry> entries = generate(options);
    double seconds = (System.nanoTime() - started) / 1e9;
    ReportTotals totals =
        entries.stream().map(ManifestEntry::totals).reduce(ReportTotals.NONE, ReportTotals::plus);
    long bytes = 0;
    for (ManifestEntry entry : entries) {
      bytes += Files.size(options.out().resolve(entry.file()));
    }
    System.out.printf(
        "files=%d reports=%d records=%d messages=%d bytes=%d seconds=%.1f out=%s%n",
        entries.size(),
        totals.reports(),
        totals.records(),
        totals.messages(),
        bytes,
        seconds,
        options.out());
  }

  /** Writes the corpus and its manifest; returns the manifest entries. */
  static List<ManifestEntry> generate(Options options) throws IOException {
    Files.createDirectories(options.out());
    CorpusGenerator generator = new CorpusGenerator(options.out(), options.seed());
    List<ManifestEntry> entries = new ArrayList<>();
    if (options.reports() > 0) {
      entries.addAll(generator.writeCorpus(options.reports(), options.recordsTotal()));
    }
    if (options.singleReportRecords() > 0) {
      entries.add(generator.writeSingleReport(options.singleReportRecords()));
    }
    List<String> lines = new ArrayList<>();
    lines.add(ManifestEntry.HEADER);
    entries.forEach(entry -> lines.add(entry.toTsv()));
    Files.write(options.manifest(), lines);
    return entries;
  }
}
