package dev.puerto.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed reports-samples/ folder is exactly what WriteSamples produces. */
class WriteSamplesTest {
  private static final Path COMMITTED = Path.of("reports-samples");
  private static final String BOMB = "bad/zip-bomb.zip";

  @TempDir static Path fresh;
  private static List<WriteSamples.WrittenSample> written;

  @BeforeAll
  static void regenerate() throws Exception {
    // A 64 MiB bomb keeps the test fast; the committed one expands to 10 GiB.
    written = WriteSamples.write(fresh, 64L << 20);
  }

  @Test
  void committed_files_match_a_fresh_run() throws Exception {
    for (WriteSamples.WrittenSample sample : written) {
      String file = sample.sample().file();
      if (!file.equals(BOMB)) {
        assertThat(Files.mismatch(COMMITTED.resolve(file), fresh.resolve(file)))
            .as(file)
            .isEqualTo(-1);
      }
    }
  }

  @Test
  void readme_lists_every_committed_file() throws Exception {
    String readme = Files.readString(COMMITTED.resolve("README.md"));
    List<String> files = committedFiles();
    assertThat(files).hasSize(written.size() + 1);
    files.stream()
        .filter(file -> !file.equals("README.md"))
        .forEach(file -> assertThat(readme).contains("`" + file + "`"));
  }

  @Test
  void importable_samples_hold_what_the_readme_promises() throws Exception {
    for (WriteSamples.WrittenSample sample : written) {
      // The independent counter reads plain containers; tricky/ ones defeat it by design.
      if (sample.sample().expected() == Sample.Expected.IMPORTED
          && !sample.sample().file().startsWith("tricky/")) {
        String file = sample.sample().file();
        assertThat(sample.totals().allReports()).as(file).isPositive();
        // It counts aggregate reports only, in every file: none hides in a failure or TLS sample.
        assertThat(ReportCounter.count(COMMITTED.resolve(file)))
            .as(file)
            .isEqualTo(sample.totals().aggregate());
      }
    }
  }

  @Test
  void every_report_kind_is_where_the_readme_says() {
    ReportTotals mailbox = totalsOf("three-kinds.mbox");
    assertThat(mailbox.reports()).isEqualTo(1);
    assertThat(mailbox.failureReports()).isEqualTo(1);
    assertThat(mailbox.tls().reports()).isEqualTo(1);
    for (WriteSamples.WrittenSample sample : written) {
      String file = sample.sample().file();
      ReportTotals totals = sample.totals();
      if (file.startsWith("failure/")) {
        assertThat(totals).as(file).isEqualTo(ReportTotals.ONE_FAILURE_REPORT);
      } else if (file.startsWith("tls/")) {
        assertThat(totals.allReports()).as(file).isEqualTo(totals.tls().reports()).isOne();
      }
    }
    assertThat(written.stream().mapToInt(sample -> sample.totals().failureReports()).sum())
        .isEqualTo(7);
    assertThat(written.stream().mapToInt(sample -> sample.totals().tls().reports()).sum())
        .isEqualTo(8);
  }

  @Test
  void folder_stays_small() throws Exception {
    long bytes = 0;
    for (String file : committedFiles()) {
      bytes += Files.size(COMMITTED.resolve(file));
    }
    assertThat(bytes).isLessThan(2L << 20);
  }

  @Test
  void committed_bomb_is_tiny_but_expands_beyond_a_gibibyte() throws Exception {
    Path bomb = COMMITTED.resolve(BOMB);
    assertThat(Files.size(bomb)).isLessThan(64 << 10);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bomb))) {
      assertThat(zip.getNextEntry().getName()).endsWith(".xml.gz");
      InputStream document = new GZIPInputStream(zip, 1 << 16);
      assertThat(new String(document.readNBytes(32), java.nio.charset.StandardCharsets.US_ASCII))
          .startsWith("<?xml version=\"1.0\"?>\n<feedback>");
      document.skipNBytes(1L << 30); // throws EOFException if the bomb were smaller
      assertThat(document.read()).isEqualTo(' ');
    }
  }

  @Test
  void broken_samples_fail_an_independent_reader() {
    assertThatThrownBy(() -> ReportCounter.count(COMMITTED.resolve("bad/truncated.xml.gz")))
        .isInstanceOf(EOFException.class);
    for (String file :
        List.of("bad/malformed.xml", "bad/xxe-external-entity.xml", "bad/billion-laughs.xml")) {
      assertThatThrownBy(() -> ReportCounter.count(COMMITTED.resolve(file)))
          .as(file)
          .isInstanceOf(XMLStreamException.class);
    }
  }

  private static ReportTotals totalsOf(String file) {
    return written.stream()
        .filter(sample -> sample.sample().file().equals(file))
        .findFirst()
        .orElseThrow()
        .totals();
  }

  private static List<String> committedFiles() throws Exception {
    try (Stream<Path> files = Files.walk(COMMITTED)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> COMMITTED.relativize(file).toString())
          .sorted()
          .toList();
    }
  }
}
