package dev.puerto.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real reports in {@code ../shared/corpus} with their independently extracted truth. Tests that
 * use it are skipped (not passed) when the corpus is absent.
 */
public final class SharedCorpus {
  private final Path root;

  private SharedCorpus(Path root) {
    this.root = root;
  }

  /** The corpus, or a skipped test when it is not beside the project. */
  public static SharedCorpus require() {
    Optional<Path> root = locate();
    Assumptions.assumeTrue(
        root.isPresent(),
        () ->
            "skipped: no real-report corpus at "
                + corpusFolder().toAbsolutePath().normalize()
                + " (put ../shared beside the project or set PUERTO_SHARED_DIR)");
    return new SharedCorpus(root.get());
  }

  public Path root() {
    return root;
  }

  public Path file(String relative) {
    return root.resolve(relative);
  }

  /** Regular files of a corpus folder (aggregate, forensic, smtp_tls, invalid), by name. */
  public List<Path> files(String folder) {
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line of truth.jsonl. */
  public List<JsonNode> truth() {
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(root.resolve("truth.jsonl"))) {
      return lines
          .filter(line -> !line.isBlank())
          .map(
              line -> {
                try {
                  return json.readTree(line);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path corpusFolder() {
    String configured = System.getenv("PUERTO_SHARED_DIR");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "shared");
    return shared.resolve("corpus");
  }

  private static Optional<Path> locate() {
    Path corpus = corpusFolder();
    return Files.isRegularFile(corpus.resolve("truth.jsonl"))
        ? Optional.of(corpus.toAbsolutePath().normalize())
        : Optional.empty();
  }
}
