package dev.puerto.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Files of {@code ../shared/spec} (or {@code $PUERTO_SHARED_DIR/spec}); tests skip without it. */
public final class SharedSpec {
  private SharedSpec() {}

  public static Path require(String relative) {
    String configured = System.getenv("PUERTO_SHARED_DIR");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "shared");
    Path file = shared.resolve("spec").resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " is not present");
    return file;
  }
}
