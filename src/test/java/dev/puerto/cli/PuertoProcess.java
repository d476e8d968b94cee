package dev.puerto.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code puerto} in a child JVM with the test classpath, its output in a log file. */
final class PuertoProcess {
  private PuertoProcess() {}

  static Process start(Map<String, String> env, Path log, String... args) throws IOException {
    return start(List.of(), env, log, args);
  }

  /** With JVM options such as {@code -Xmx256m}; stdin is a pipe the caller may write to. */
  static Process start(List<String> jvmOptions, Map<String, String> env, Path log, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }
}
