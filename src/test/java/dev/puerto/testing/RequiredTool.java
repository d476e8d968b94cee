package dev.puerto.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when an outside program it runs for real (Dovecot, PostgreSQL's server binaries)
 * is missing: it is skipped, saying so, unless the environment variable that requires the program
 * is 1 (as {@code .ci/run} sets it), and then it fails.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /** Skips or fails the test: {@code missing} says what is missing and what cannot run. */
  public static void missing(String requireVariable, String missing) {
    if ("1".equals(System.getenv(requireVariable))) {
      throw new IllegalStateException(missing + "; " + requireVariable + "=1 requires them");
    }
    System.err.println(
        "SKIPPED: " + missing + " (set " + requireVariable + "=1 to make this fail)");
    Assumptions.abort(missing);
  }
}
