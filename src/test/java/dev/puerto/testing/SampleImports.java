package dev.puerto.testing;

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

/** reports-samples/ imported through the pipeline {@code puerto import} runs. */
public final class SampleImports {
  public static final Path SAMPLES = Path.of("reports-samples");

  private SampleImports() {}

  /** The files at the top of reports-samples/ (its README aside), by name. */
  public static List<String> topLevel() throws IOException {
    try (Stream<Path> listing = Files.list(SAMPLES)) {
      return listing
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .map(Path::toString)
          .sorted()
          .toList();
    }
  }

  /** The import pipeline over a database, failure report bodies not kept. */
  public static Ingester ingester(Database database) {
    return new Ingester(
        new Unpacker(UnpackLimits.defaults()), ReportParsers.of(false), ReportStores.of(database));
  }

  /** Imports these files and directories through the pipeline, as {@code puerto import} does. */
  public static void importFiles(Database database, List<String> files) throws IOException {
    Ingester ingester = ingester(database);
    for (InboundMessage message :
        new FileSource(List.of(), UnpackLimits.defaults().maxInputBytes())
            .expand(files, new ByteArrayInputStream(new byte[0]))) {
      ingester.ingest(message);
    }
  }
}
