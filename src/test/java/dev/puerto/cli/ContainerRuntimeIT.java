package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RequiredTool;
import dev.puerto.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java runtime of the container image, made here without Docker: {@code
 * src/dist/docker/jlink-runtime} (which the Dockerfile runs) links the modules of {@code
 * jlink-modules} from JDK 25, as the image's JDK stage does, and the packaged jar runs on it
 * through {@code bin/puerto}, as the image's ENTRYPOINT does.
 */
@ExtendWith(PostgresExtension.class)
class ContainerRuntimeIT {
  private static final Path DIST =
      Path.of(System.getProperty("puerto.dist", "src/dist")).toAbsolutePath();
  private static final Path LAUNCHER =
      Path.of(System.getProperty("puerto.launcher", "src/bin/puerto")).toAbsolutePath();
  private static final Path JAR =
      Path.of(System.getProperty("puerto.jar", "target/puerto.jar")).toAbsolutePath();
  private static final String VERSION = System.getProperty("puerto.version", "unknown");
  private static final Path SAMPLES =
      Path.of(System.getProperty("puerto.samples", "reports-samples")).toAbsolutePath();

  @TempDir static Path shared;
  private static Path jdk;
  private static Path runtime;

  private final TestDatabase database;
  @TempDir Path temp;

  ContainerRuntimeIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  static void link() throws Exception {
    jdk = jdk25().orElse(null);
    if (jdk == null) {
      RequiredTool.missing(ReleaseArchiveIT.REQUIRE, "no JDK 25 or later in /usr/lib/jvm");
    }
    runtime = shared.resolve("java");
    Processes.Run jlink =
        Processes.run(
            List.of(
                DIST.resolve("docker/jlink-runtime").toString(),
                jdk.toString(),
                runtime.toString()),
            Map.of("PATH", "/usr/bin:/bin"));
    assertThat(jlink.exitCode()).as(jlink.err()).isZero();
  }

  @Test
  void the_runtime_has_every_module_jdeps_finds_in_the_jar() throws Exception {
    Processes.Run jdeps =
        Processes.run(
            List.of(
                jdk.resolve("bin/jdeps").toString(),
                "--ignore-missing-deps",
                "--print-module-deps",
                "--multi-release",
                "17",
                JAR.toString()),
            Map.of("PATH", "/usr/bin:/bin"));
    assertThat(jdeps.exitCode()).as(jdeps.err()).isZero();
    Set<String> needed =
        Arrays.stream(jdeps.out().strip().split(","))
            .map(String::strip)
            .collect(Collectors.toCollection(TreeSet::new));

    Processes.Run listed =
        Processes.run(
            List.of(runtime.resolve("bin/java").toString(), "--list-modules"),
            Map.of("PATH", "/usr/bin:/bin"));
    Set<String> linked =
        listed.out().lines().map(line -> line.replaceFirst("@.*", "")).collect(Collectors.toSet());

    assertThat(needed).contains("java.base", "java.sql");
    assertThat(linked)
        .as("src/dist/docker/jlink-modules misses a module the jar needs")
        .containsAll(needed)
        .contains("jdk.crypto.ec", "jdk.localedata", "jdk.charsets");
  }

  @Test
  void the_jar_runs_on_it_imports_and_summarizes_like_on_the_full_jdk() throws Exception {
    Processes.Run version = Processes.run(List.of(LAUNCHER.toString(), "--version"), onRuntime());
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).isEqualTo("puerto " + VERSION + "\n");

    Processes.Run imported =
        Processes.run(List.of(LAUNCHER.toString(), "import", SAMPLES.toString()), onRuntime());
    assertThat(imported.exitCode()).as(imported.err()).isEqualTo(1);
    assertThat(imported.out()).containsPattern("reports imported\\s+45 ");

    List<String> summary = List.of(LAUNCHER.toString(), "summary", "--week", "2026-W11");
    Processes.Run linked = Processes.run(summary, onRuntime());
    Map<String, String> fullJdk = onRuntime();
    fullJdk.put("JAVA_HOME", jdk.toString());
    Processes.Run full = Processes.run(summary, fullJdk);
    assertThat(linked.exitCode()).as(linked.err()).isZero();
    assertThat(linked.out()).isEqualTo(full.out()).contains("2,673 messages in 5 reports");
  }

  @Test
  void it_keeps_the_locales_of_the_message_bundles() throws Exception {
    Processes.Run settings =
        Processes.run(
            List.of(runtime.resolve("bin/java").toString(), "-XshowSettings:locale", "-version"),
            Map.of("PATH", "/usr/bin:/bin"));

    String locales = settings.err().substring(settings.err().indexOf("available locales"));
    assertThat(locales).contains(" en,", " es,", " es_ES,").doesNotContain(" fr,", " de,");
  }

  @Test
  void serve_answers_health_on_it_and_stops_on_sigterm() throws Exception {
    Path passwordFile = temp.resolve("http-password");
    Files.writeString(passwordFile, "container-test-password\n");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path output = temp.resolve("serve.txt");
    Process serve =
        Processes.start(
            List.of(
                LAUNCHER.toString(),
                "serve",
                "--http-port",
                Integer.toString(port),
                "--http-password-file",
                passwordFile.toString()),
            onRuntime(),
            output);
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.readString(output).contains("Puerto dashboard at")) {
        assertThat(serve.isAlive()).as(Files.readString(output)).isTrue();
        assertThat(System.nanoTime()).as("started in time").isLessThan(deadline);
        Thread.sleep(100);
      }
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(1, TimeUnit.MINUTES)).as("stopped in time").isTrue();
    }
    assertThat(serve.exitValue()).as(Files.readString(output)).isZero();
  }

  /** As in the image: JAVA_HOME the linked runtime, the test database as PUERTO_DB_URL. */
  private Map<String, String> onRuntime() {
    Map<String, String> env = new HashMap<>(database.environment());
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", temp.resolve("user").toString());
    env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", temp.resolve("config").toString());
    env.put("PUERTO_JAR", JAR.toString());
    env.put("JAVA_HOME", runtime.toString());
    return env;
  }

  private static Optional<Path> jdk25() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.sorted().filter(ContainerRuntimeIT::isJdk25OrLater).findFirst();
    }
  }

  private static boolean isJdk25OrLater(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/jlink"))) {
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
}
