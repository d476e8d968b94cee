package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code src/bin/puerto} as users run it, against the packaged jar (an integration test: it runs
 * after {@code package}). The launcher makes a class-data sharing archive (JDK 17 to 24) or an AOT
 * cache (JDK 25 and later) on the first run of a command that opens the database, and starts from
 * it afterwards; nothing about the archive may change what a command prints or its exit code.
 */
@ExtendWith(PostgresExtension.class)
class LauncherIT {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("puerto.launcher", "src/bin/puerto")).toAbsolutePath();
  private static final Path JAR =
      Path.of(System.getProperty("puerto.jar", "target/puerto.jar")).toAbsolutePath();
  private static final Path BUILD_JDK = Path.of(System.getProperty("java.home"));
  private static final String MAIN_FROM_ARCHIVE = "dev.puerto.cli.Main source: shared objects file";
  private static final String MAIN_FROM_JAR = "dev.puerto.cli.Main source: file:";

  private final TestDatabase database;
  @TempDir Path temp;

  LauncherIT(TestDatabase database) {
    this.database = database;
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"build", "25"})
  void the_first_run_makes_the_archive_and_later_runs_start_from_it(String jdk) throws Exception {
    Path javaHome = jdk(jdk);
    Run withoutArchive = run(javaHome, Map.of("PUERTO_NO_CDS", "1"), "sql", "SELECT 1");

    Run first = run(javaHome, Map.of(), "sql", "SELECT 1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(withoutArchive.out()).contains("(1 row)");
    assertThat(cacheFiles()).as("written under the first run's process id").hasSize(1);
    assertThat(Files.getPosixFilePermissions(cacheDirectory()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));

    Run second = run(javaHome, classLoading("second"), "sql", "SELECT 1");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(withoutArchive.out());
    assertThat(loaded("second")).contains(MAIN_FROM_ARCHIVE);
    assertThat(archive()).isPresent();

    Run third = run(javaHome, classLoading("third"), "summary", "--week", "2026-W11");
    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(loaded("third")).contains(MAIN_FROM_ARCHIVE);
    assertThat(cacheFiles()).containsExactly(archive().orElseThrow());
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"build", "25"})
  void a_cut_off_archive_is_made_again_and_a_corrupt_one_changes_nothing_in_the_output(String jdk)
      throws Exception {
    Path javaHome = jdk(jdk);
    Run withoutArchive = run(javaHome, Map.of("PUERTO_NO_CDS", "1"), "sql", "SELECT 1");
    run(javaHome, Map.of(), "sql", "SELECT 1");
    run(javaHome, Map.of(), "sql", "SELECT 1");
    Path archive = archive().orElseThrow();

    byte[] whole = Files.readAllBytes(archive);
    overwrite(archive, Arrays.copyOf(whole, whole.length / 2));
    Run overHalf = run(javaHome, classLoading("half"), "sql", "SELECT 1");
    assertThat(overHalf.exitCode()).as(overHalf.err()).isZero();
    assertThat(overHalf.out()).isEqualTo(withoutArchive.out());
    assertThat(loaded("half")).contains(MAIN_FROM_JAR);

    Run again = run(javaHome, classLoading("again"), "sql", "SELECT 1");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(loaded("again")).contains(MAIN_FROM_ARCHIVE);

    archive = archive().orElseThrow();
    byte[] garbage = new byte[(int) Files.size(archive)];
    new Random(1).nextBytes(garbage);
    overwrite(archive, garbage);
    Run overGarbage = run(javaHome, classLoading("garbage"), "sql", "SELECT 1");
    assertThat(overGarbage.exitCode()).as(overGarbage.err()).isZero();
    assertThat(overGarbage.out()).isEqualTo(withoutArchive.out());
    assertThat(overGarbage.err()).isEqualTo(withoutArchive.err());
    assertThat(loaded("garbage")).contains(MAIN_FROM_JAR);
  }

  @Test
  void two_first_runs_at_once_leave_one_archive_that_works() throws Exception {
    List<Process> both = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      both.add(start(BUILD_JDK, Map.of(), temp.resolve("at-once-" + i), "sql", "SELECT 1"));
    }
    for (Process process : both) {
      assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).isZero();
    }
    assertThat(cacheFiles()).as("each under its writer's process id").hasSizeBetween(1, 2);

    Run after = run(BUILD_JDK, classLoading("after"), "sql", "SELECT 1");

    assertThat(after.exitCode()).as(after.err()).isZero();
    assertThat(loaded("after")).contains(MAIN_FROM_ARCHIVE);
    assertThat(cacheFiles()).containsExactly(archive().orElseThrow());
  }

  @Test
  void puerto_no_cds_makes_no_archive_and_uses_none() throws Exception {
    Run first = run(BUILD_JDK, Map.of("PUERTO_NO_CDS", "1"), "sql", "SELECT 1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(cacheFiles()).isEmpty();

    run(BUILD_JDK, Map.of(), "sql", "SELECT 1");
    run(BUILD_JDK, Map.of(), "sql", "SELECT 1");
    assertThat(archive()).isPresent();
    Map<String, String> noCds = new HashMap<>(classLoading("off"));
    noCds.put("PUERTO_NO_CDS", "1");
    Run off = run(BUILD_JDK, noCds, "sql", "SELECT 1");

    assertThat(off.exitCode()).as(off.err()).isZero();
    assertThat(loaded("off")).contains(MAIN_FROM_JAR);
  }

  @Test
  void a_cache_directory_that_others_may_write_to_is_not_used() throws Exception {
    Files.createDirectories(cacheDirectory());
    Files.setPosixFilePermissions(cacheDirectory(), PosixFilePermissions.fromString("rwxrwxrwx"));

    Run run = run(BUILD_JDK, Map.of(), "sql", "SELECT 1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void help_and_version_make_no_archive_since_it_would_hold_few_of_the_classes_a_command_needs()
      throws Exception {
    assertThat(run(BUILD_JDK, Map.of(), "--version").exitCode()).isZero();
    assertThat(run(BUILD_JDK, Map.of(), "sql", "--help").exitCode()).isZero();

    assertThat(cacheFiles()).isEmpty();
  }

  @Test
  void arguments_reach_the_command_unchanged_and_its_exit_code_comes_back() throws Exception {
    String statement = "SELECT 'a  b' AS \"x y\", '$HOME *' AS g, 'it''s \\ \"q\"' AS q";
    Run quoted = run(BUILD_JDK, Map.of(), "sql", "--format", "csv", statement);
    assertThat(quoted.exitCode()).as(quoted.err()).isZero();
    assertThat(quoted.out())
        .isEqualTo(runJar("sql", "--format", "csv", statement).out())
        .contains("a  b", "$HOME *", "it's \\ ");

    for (String[] args :
        List.of(
            new String[] {"sql", "SELECT * FROM no_such_table"},
            new String[] {"--no-such-option"})) {
      Run launched = run(BUILD_JDK, Map.of(), args);
      Run direct = runJar(args);
      assertThat(launched.exitCode()).isEqualTo(direct.exitCode()).isNotZero();
      assertThat(launched.out()).isEqualTo(direct.out());
    }
  }

  @Test
  void an_installed_layout_finds_its_jar_in_lib_and_java_on_the_path() throws Exception {
    Path prefix = temp.resolve("prefix with space");
    Files.createDirectories(prefix.resolve("bin"));
    Files.createDirectories(prefix.resolve("lib"));
    Files.copy(LAUNCHER, prefix.resolve("bin/puerto"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createSymbolicLink(prefix.resolve("lib/puerto.jar"), JAR);
    Path link = temp.resolve("links/puerto");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, prefix.resolve("bin/puerto"));
    Map<String, String> env = baseEnvironment();
    env.remove("JAVA_HOME");
    env.put("PATH", BUILD_JDK.resolve("bin") + ":/usr/bin:/bin");

    Run version = run(List.of(link.toString(), "--version"), env);

    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).startsWith("puerto ");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"build", "25"})
  void serve_answers_over_http_from_the_jar_and_stops_on_sigterm(String jdk) throws Exception {
    Path javaHome = jdk(jdk);
    Path passwordFile = temp.resolve("http-password");
    Files.writeString(passwordFile, "launcher-test-password\n");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path output = temp.resolve("serve-" + jdk + ".txt");
    Process serve =
        start(
            javaHome,
            Map.of(),
            output,
            "serve",
            "--http-port",
            Integer.toString(port),
            "--http-password-file",
            passwordFile.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.readString(output).contains("Puerto dashboard at")) {
        assertThat(serve.isAlive()).as(Files.readString(output)).isTrue();
        assertThat(System.nanoTime()).as("started in time").isLessThan(deadline);
        Thread.sleep(100);
      }
      var http = java.net.http.HttpClient.newHttpClient();
      var health =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      var overview =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + "/api/domains"))
                  .header(
                      "Authorization",
                      "Basic "
                          + java.util.Base64.getEncoder()
                              .encodeToString(
                                  "puerto:launcher-test-password"
                                      .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(overview.statusCode()).isEqualTo(200);
      assertThat(overview.body()).contains("\"page\" : \"overview\"");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(1, TimeUnit.MINUTES)).as("stopped in time").isTrue();
    }
    assertThat(serve.exitValue()).as(Files.readString(output)).isZero();
  }

  /** The build's JDK, or the first JDK 25 or later installed under /usr/lib/jvm. */
  private static Path jdk(String which) throws IOException {
    if (which.equals("build")) {
      return BUILD_JDK;
    }
    Optional<Path> jdk25 = Optional.empty();
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> homes = Files.list(jvms)) {
        jdk25 = homes.sorted().filter(LauncherIT::isJdk25OrLater).findFirst();
      }
    }
    Assumptions.assumeTrue(jdk25.isPresent(), "no JDK 25 or later in /usr/lib/jvm");
    return jdk25.get();
  }

  private static boolean isJdk25OrLater(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return false;
    }
    try {
      return Files.readAllLines(release).stream()
          .filter(line -> line.startsWith("JAVA_VERSION=\""))
          .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[^0-9]")[0])
          .anyMatch(feature -> !feature.isEmpty() && Integer.parseInt(feature) >= 25);
    } catch (IOException e) {
      return false;
    }
  }

  private Path cacheDirectory() {
    return temp.resolve("cache/puerto");
  }

  private List<Path> cacheFiles() throws IOException {
    if (!Files.isDirectory(cacheDirectory())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cacheDirectory())) {
      return files.sorted().toList();
    }
  }

  /** The archive in place (not one still under a writer's process id). */
  private Optional<Path> archive() throws IOException {
    return cacheFiles().stream()
        .filter(file -> file.toString().endsWith(".jsa") || file.toString().endsWith(".aot"))
        .findFirst();
  }

  /**
   * The JVM's class-loading log of this run, which says where Main came from: one file per process
   * (%p), since on JDK 25 the run that makes the cache starts a second JVM with its options.
   */
  private Map<String, String> classLoading(String name) {
    return Map.of(
        "PUERTO_JAVA_OPTS", "-Xlog:class+load=info:file=" + temp.resolve(name + "-%p.log"));
  }

  private String loaded(String name) throws IOException {
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.list(temp)) {
      for (Path log :
          files.filter(f -> f.getFileName().toString().startsWith(name + "-")).toList()) {
        logs.append(Files.readString(log));
      }
    }
    return logs.toString();
  }

  private static void overwrite(Path file, byte[] bytes) throws IOException {
    Files.setPosixFilePermissions(
        file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    Files.write(file, bytes);
  }

  private Map<String, String> baseEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    for (String name :
        List.of("PUERTO_JAVA_OPTS", "PUERTO_NO_CDS", "PUERTO_JAR", "JDK_AOT_VM_OPTIONS")) {
      env.remove(name);
    }
    env.remove("JAVA_TOOL_OPTIONS");
    env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
    env.putAll(database.environment());
    return env;
  }

  private Run run(Path javaHome, Map<String, String> extra, String... args) throws Exception {
    Map<String, String> env = baseEnvironment();
    env.put("JAVA_HOME", javaHome.toString());
    env.putAll(extra);
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    return run(command, env);
  }

  private Run runJar(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(BUILD_JDK.resolve("bin/java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return run(command, baseEnvironment());
  }

  private Process start(Path javaHome, Map<String, String> extra, Path output, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(baseEnvironment());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().putAll(extra);
    return builder.start();
  }

  private Run run(List<String> command, Map<String, String> env) throws Exception {
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String out, String err) {}
}
