package dev.puerto.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --keep-failure-bodies}: whether the bodies of the messages failure reports return are
 * stored. Off by default: a failure report can carry a person's whole message, and its headers are
 * what a postmaster needs; the raw input is kept either way.
 */
final class FailureBodies {
  static final String KEY = "PUERTO_KEEP_FAILURE_BODIES";

  @Option(
      names = "--keep-failure-bodies",
      description =
          "store the bodies of the messages DMARC failure reports return, not only their headers"
              + " (env "
              + KEY
              + "=true; default off: they can hold a person's mail)")
  boolean keep;

  boolean keep(Config config) throws ConfigException {
    if (keep) {
      return true;
    }
    String value = config.get(KEY, null).orElse("false").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(KEY + " must be true or false, not \"" + value + "\"");
    };
  }
}
