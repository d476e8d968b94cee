package dev.puerto.summary;

import dev.puerto.store.Database;
import dev.puerto.testing.SampleImports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Imports {@code reports-samples/} (weeks 2026-W10 and W11 of example.com, .org, .net). */
final class SampleData {
  static final Path SAMPLES = SampleImports.SAMPLES;
  static final IsoWeek W11 = IsoWeek.parse("2026-W11");

  private SampleData() {}

  /** The importable samples, and {@code bad/malformed.xml}, recorded as received in W11. */
  static void importInto(Database database) throws Exception {
    importFiles(
        database,
        Stream.concat(
                SampleImports.topLevel().stream(),
                Stream.of(SAMPLES.resolve("bad/malformed.xml").toString()))
            .toList());
    database
        .dsl()
        .execute(
            "UPDATE inputs SET received_at = ?::timestamptz WHERE status = 'rejected'",
            "2026-03-12T10:00:00Z");
  }

  /** Imports these files through the import pipeline, as {@code puerto import} does. */
  static void importFiles(Database database, List<String> files) throws IOException {
    SampleImports.importFiles(database, files);
  }
}
