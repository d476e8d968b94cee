package dev.puerto.unpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.testing.SharedCorpus;
import dev.puerto.unpack.UnpackProblem.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real reports in the shared corpus (../shared/corpus or PUERTO_SHARED_DIR/corpus): every
 * aggregate file yields as many documents as the independent ground truth found reports in it, and
 * failure and TLS reports are told apart from aggregate reports.
 */
class CorpusTest {

  private static Path corpus() {
    return SharedCorpus.require().root();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aggregateFiles")
  void aggregate_file_yields_every_report_the_ground_truth_found(String file) throws IOException {
    RecordingVisitor seen = unpack(file);

    assertThat(seen.documents).isNotEmpty().allSatisfy(d -> assertThat(d.failure()).isNull());
    assertThat(seen.documents).hasSize(reportsByFile().getOrDefault(file, 0L).intValue());
    assertThat(seen.problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forensicFiles")
  void failure_report_is_recognised_as_one(String file) throws IOException {
    RecordingVisitor seen = unpack(file);

    assertThat(seen.documents).isEmpty();
    assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.FAILURE_REPORT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smtpTlsFiles")
  void tls_report_is_recognised_as_one(String file) throws IOException {
    RecordingVisitor seen = unpack(file);

    assertThat(seen.documents).isEmpty();
    assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.TLS_REPORT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalid_xml_still_reaches_the_parser_but_an_empty_file_does_not(String file)
      throws IOException {
    RecordingVisitor seen = unpack(file);

    if (Files.size(corpus().resolve(file)) == 0) {
      assertThat(seen.onlyProblem().message()).endsWith(": empty input");
    } else {
      assertThat(seen.onlyDocument().failure()).isNull();
    }
  }

  static Stream<String> aggregateFiles() {
    return filesIn("aggregate");
  }

  static Stream<String> forensicFiles() {
    return filesIn("forensic");
  }

  static Stream<String> smtpTlsFiles() {
    return filesIn("smtp_tls");
  }

  static Stream<String> invalidFiles() {
    return filesIn("invalid");
  }

  private static RecordingVisitor unpack(String file) throws IOException {
    try (InputStream in = Files.newInputStream(corpus().resolve(file))) {
      return RecordingVisitor.unpack(UnpackLimits.defaults(), file, in);
    }
  }

  /** Paths relative to the corpus, e.g. "aggregate/x.xml"; none (skipped) without a corpus. */
  private static Stream<String> filesIn(String folder) {
    try (Stream<Path> files = Files.list(corpus().resolve(folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reports per file in truth.jsonl; a line with "error" is a file without a report. */
  private static Map<String, Long> reportsByFile() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(corpus().resolve("truth.jsonl"))) {
      return lines
          .filter(line -> !line.isBlank())
          .map(line -> readTree(json, line))
          .filter(report -> !report.has("error"))
          .collect(
              Collectors.groupingBy(report -> report.get("file").asText(), Collectors.counting()));
    }
  }

  private static JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
