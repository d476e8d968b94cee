package dev.puerto.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Public test suites carried in {@code src/test/resources/public-suites} with their licences (see
 * the README there), so a clone alone runs them.
 */
public final class PublicSuites {
  private PublicSuites() {}

  public static InputStream open(String name) {
    InputStream in = PublicSuites.class.getResourceAsStream("/public-suites/" + name);
    if (in == null) {
      throw new IllegalStateException(
          "public-suites/" + name + " is missing from the test class path");
    }
    return in;
  }

  public static List<String> lines(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
