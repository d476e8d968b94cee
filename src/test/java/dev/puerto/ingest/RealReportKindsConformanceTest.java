package dev.puerto.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.puerto.testing.SharedCorpus;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real failure and SMTP TLS reports of ../shared/corpus/forensic and smtp_tls are stored as the
 * independent extraction says (skipped without the corpus).
 */
class RealReportKindsConformanceTest extends ReportKindsConformance {
  RealReportKindsConformanceTest(TestDatabase testDatabase) {
    super(testDatabase);
  }

  @Override
  Map<String, Path> files() {
    SharedCorpus corpus = SharedCorpus.require();
    Map<String, Path> files = new HashMap<>();
    for (String folder : List.of("forensic", "smtp_tls")) {
      corpus.files(folder).forEach(f -> files.put(folder + "/" + f.getFileName(), f));
    }
    return files;
  }

  @Override
  List<JsonNode> failureTruth() {
    return truth("failure-truth.jsonl");
  }

  @Override
  List<JsonNode> tlsTruth() {
    return truth("tls-truth.jsonl");
  }
}
