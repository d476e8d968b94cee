package dev.puerto.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCorpusTest {
  @TempDir Path temp;

  @Test
  void same_seed_writes_identical_bytes() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    GenerateCorpus.generate(GenerateCorpus.Options.of(first, 150, 5_000, 42, 2_000));
    GenerateCorpus.generate(GenerateCorpus.Options.of(second, 150, 5_000, 42, 2_000));

    List<String> names = fileNames(first);
    assertThat(names).hasSizeGreaterThan(100).isEqualTo(fileNames(second));
    for (String name : names) {
      assertThat(Files.mismatch(first.resolve(name), second.resolve(name))).as(name).isEqualTo(-1);
    }
  }

  @Test
  void different_seeds_write_different_corpora() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    GenerateCorpus.generate(GenerateCorpus.Options.of(first, 20, 400, 1, 0));
    GenerateCorpus.generate(GenerateCorpus.Options.of(second, 20, 400, 2, 0));

    assertThat(Files.readString(GenerateCorpus.Options.defaultManifest(first)))
        .isNotEqualTo(Files.readString(GenerateCorpus.Options.defaultManifest(second)));
  }

  @Test
  void manifest_totals_equal_what_the_files_hold() throws Exception {
    List<ManifestEntry> entries =
        GenerateCorpus.generate(GenerateCorpus.Options.of(temp, 300, 12_000, 7, 5_000));

    List<String> lines = Files.readAllLines(GenerateCorpus.Options.defaultManifest(temp));
    assertThat(lines.get(0)).isEqualTo(ManifestEntry.HEADER);
    assertThat(lines).hasSize(entries.size() + 1);
    ReportTotals all = ReportTotals.NONE;
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t");
      ReportTotals listed =
          new ReportTotals(
              Integer.parseInt(columns[2]), Long.parseLong(columns[3]), Long.parseLong(columns[4]));
      assertThat(ReportCounter.count(temp.resolve(columns[0]))).as(columns[0]).isEqualTo(listed);
      all = all.plus(listed);
    }
    assertThat(all.reports()).isEqualTo(301);
    assertThat((double) all.records()).isCloseTo(17_000, within(17_000 * 0.02));
  }

  @Test
  void record_counts_per_report_are_heavy_tailed() throws Exception {
    List<ManifestEntry> entries =
        GenerateCorpus.generate(GenerateCorpus.Options.of(temp, 2_000, 100_000, 3, 0));

    long[] singleReportRecords =
        entries.stream()
            .filter(entry -> entry.totals().reports() == 1)
            .mapToLong(entry -> entry.totals().records())
            .sorted()
            .toArray();
    long median = singleReportRecords[singleReportRecords.length / 2];
    long small = Arrays.stream(singleReportRecords).filter(records -> records <= 20).count();
    assertThat(median).isBetween(2L, 20L);
    assertThat(small).isGreaterThan(singleReportRecords.length * 7L / 10);
    assertThat(singleReportRecords[singleReportRecords.length - 1]).isGreaterThan(1_000);
  }

  @Test
  void single_large_report_is_one_gzipped_report() throws Exception {
    List<ManifestEntry> entries =
        GenerateCorpus.generate(GenerateCorpus.Options.of(temp, 0, 0, 5, 100_000));

    assertThat(entries).hasSize(1);
    ManifestEntry big = entries.get(0);
    assertThat(big.file()).startsWith("google.com!example.com!").endsWith(".xml.gz");
    assertThat(ReportCounter.countGzippedXml(temp.resolve(big.file()))).isEqualTo(big.totals());
    assertThat(big.totals().records()).isEqualTo(100_000);
  }

  @Test
  void options_need_an_output_directory_and_known_flags() {
    GenerateCorpus.Options options =
        GenerateCorpus.Options.parse(new String[] {"--out", "x", "--reports", "10"});
    assertThat(options.recordsTotal()).isEqualTo(500);
    assertThat(options.seed()).isEqualTo(1);
    assertThatThrownBy(() -> GenerateCorpus.Options.parse(new String[] {"--reports", "1"}))
        .hasMessageContaining("usage");
    assertThatThrownBy(
            () -> GenerateCorpus.Options.parse(new String[] {"--out", "x", "--bogus", "1"}))
        .hasMessageContaining("--bogus");
  }

  private static List<String> fileNames(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
