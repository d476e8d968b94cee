package dev.puerto.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code puerto} in-process with a given environment and captures what it prints. */
public record CommandLineRun(int exitCode, String out, String err) {
  public static CommandLineRun run(Map<String, String> env, String... args) {
    return runWithInput(env, new ByteArrayInputStream(new byte[0]), args);
  }

  public static CommandLineRun runWithInput(
      Map<String, String> env, InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("HOME", "/nonexistent-home-for-tests");
    int exitCode =
        Main.run(
            args,
            environment,
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandLineRun(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
