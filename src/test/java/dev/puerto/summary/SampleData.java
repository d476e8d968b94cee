package dev.puerto.summary;

import dev.puerto.ingest.Ingester;
import dev.puerto.ingest.ReportParsers;
import dev.puerto.ingest.ReportStores;
import dev.puerto.source.FileSource;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Imports {@code reports-samples/} (weeks 2026-W10 and W11 of example.com, .org, .net). */
final class SampleData {
  static final Path SAMPLES = Path.of("reports-samples");
  static final IsoWeek W11 = IsoWeek.parse("2026-W11");

  private SampleData() {}

  /** The importable samples, and {@code bad/malformed.xml}, recorded as received in W11. */
  static void importInto(Database database) throws Exception {
    List<String> files;
    try (Stream<Path> listing = Files.list(SAMPLES)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().equals("README.md"))
              .map(Path::toString)
              .sorted()
              .toList();
    }
    importFiles(
        database,
        Stream.concat(files.stream(), Stream.of(SAMPLES.resolve("bad/malformed.xml").toString()))
            .toList());
    database
        .dsl()
        .execute(
            "UPDATE inputs SET received_at = ?::timestamptz WHERE status = 'rejected'",
            "2026-03-12T10:00:00Z");
  }

  /** Imports these files through the import pipeline, as {@code puerto import} does. */
  static void importFiles(Database database, List<String> files) throws IOException {
    UnpackLimits limits = UnpackLimits.defaults();
    Ingester ingester =
        new Ingester(new Unpacker(limits), ReportParsers.of(false), ReportStores.of(database));
    for (InboundMessage message :
        new FileSource(List.of(), limits.maxInputBytes())
            .expand(files, new ByteArrayInputStream(new byte[0]))) {
      ingester.ingest(message);
    }
  }
}
