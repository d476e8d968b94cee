package dev.puerto.unpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * failure and TLS reports are handed on as documents of their own kind.
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
  void failure_report_is_handed_on_whole_as_one(String file) throws IOException {
    RecordingVisitor seen = unpack(file);

    assertThat(seen.problems).isEmpty();
    assertThat(seen.documents)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DocumentKind.FAILURE_REPORT);
              assertThat(d.text()).isEqualTo(withoutMboxSeparator(corpus().resolve(file)));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smtpTlsFiles")
  void tls_report_is_handed_on_as_its_json(String file) throws IOException {
    RecordingVisitor seen = unpack(file);

    assertThat(seen.problems).isEmpty();
    assertThat(seen.documents)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DocumentKind.TLS_REPORT);
              assertThat(d.text()).startsWith("{");
            });
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

  /** The e-mail in a file, without the "From " line of a file that is a one-message mbox. */
  private static String withoutMboxSeparator(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    return text.startsWith("From ") ? text.substring(text.indexOf('\n') + 1) : text;
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
