package dev.puerto.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, shared by the commands that print results. */
final class OutputFormat {
  enum Format {
    TEXT,
    JSON
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text or json (default ${DEFAULT-VALUE})",
      defaultValue = "text")
  Format format;

  boolean json() {
    return format == Format.JSON;
  }
}
