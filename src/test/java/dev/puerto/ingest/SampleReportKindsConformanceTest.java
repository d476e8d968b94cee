package dev.puerto.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own failure and SMTP TLS report samples (reports-samples/failure, tls and
 * three-kinds.mbox) are stored as the independent extraction says; runs without ../shared.
 */
class SampleReportKindsConformanceTest extends ReportKindsConformance {
  private static final Path SAMPLES = Path.of("reports-samples");

  SampleReportKindsConformanceTest(TestDatabase testDatabase) {
    super(testDatabase);
  }

  @Override
  Map<String, Path> files() {
    Map<String, Path> files = new HashMap<>();
    for (JsonNode truth : truth("samples-truth.jsonl")) {
      String file = truth.path("file").asText();
      files.put(file, SAMPLES.resolve(file));
    }
    return files;
  }

  @Override
  List<JsonNode> failureTruth() {
    return ofKind("failure");
  }

  @Override
  List<JsonNode> tlsTruth() {
    return ofKind("tls");
  }

  private static List<JsonNode> ofKind(String kind) {
    return truth("samples-truth.jsonl").stream()
        .filter(t -> t.path("kind").asText().equals(kind))
        .toList();
  }
}
