package dev.puerto.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code puerto} in a child JVM with the test classpath, its output in a log file. */
final class PuertoProcess {
  private PuertoProcess() {}

  static Process start(Map<String, String> env, Path log, String... args) throws IOException {
    return start(env, log, List.of(), args);
  }

  /** As {@link #start}, logging with the {@code logback.xml} that ships, not the tests' one. */
  static Process startWithProductionLogging(Map<String, String> env, Path log, String... args)
      throws IOException {
    return start(env, log, List.of("-Dlogback.configurationFile=" + productionLogback()), args);
  }

  static Process start(Map<String, String> env, Path log, List<String> jvmOptions, String... args)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command(jvmOptions, args))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static final List<String> UTF8_OUTPUT =
      List.of(
          "-Dfile.encoding=UTF-8",
          "-Dsun.stdout.encoding=UTF-8",
          "-Dsun.stderr.encoding=UTF-8",
          "-Dstdout.encoding=UTF-8",
          "-Dstderr.encoding=UTF-8");

  /** The java command line that runs {@code puerto args}. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Tests read the child's output as UTF-8, whatever the locale of the machine that runs them
    // (under a POSIX locale a JVM would print '?' for every character beyond ASCII).
    command.addAll(UTF8_OUTPUT);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** src/main/resources/logback.xml as built (the tests' own is logback-test.xml). */
  static Path productionLogback() {
    URL url = PuertoProcess.class.getResource("/logback.xml");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
