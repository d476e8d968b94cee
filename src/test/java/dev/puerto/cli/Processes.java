package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Outside programs as the integration tests of the distribution run them: the given environment
 * only (nothing inherited), no input, the output in files and read back once the program ends.
 */
final class Processes {
  private Processes() {}

  record Run(int exitCode, String out, String err) {}

  static Run run(List<String> command, Map<String, String> env) throws Exception {
    return run(command, env, null);
  }

  static Run run(List<String> command, Map<String, String> env, Path directory) throws Exception {
    Path out = Files.createTempFile("process-out", ".txt");
    Path err = Files.createTempFile("process-err", ".txt");
    try {
      Process process = start(command, env, directory, out, err);
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished in time", command).isTrue();
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** A program left running, its standard output and error both in {@code output}. */
  static Process start(List<String> command, Map<String, String> env, Path output)
      throws IOException {
    return start(command, env, null, output, output);
  }

  private static Process start(
      List<String> command, Map<String, String> env, Path directory, Path out, Path err)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    if (out.equals(err)) {
      builder.redirectErrorStream(true).redirectOutput(out.toFile());
    } else {
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    }
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }
}
