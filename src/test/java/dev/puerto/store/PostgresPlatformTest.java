package dev.puerto.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which machines the jar's embedded PostgreSQL runs on, and what Puerto says on the others. */
class PostgresPlatformTest {
  @TempDir Path workingDirectory;

  @Test
  void the_jvm_and_zonky_names_of_a_machine_give_its_artifact() {
    assertThat(PostgresPlatform.of("Linux", "amd64")).contains(PostgresPlatform.LINUX_AMD64);
    assertThat(PostgresPlatform.of("Linux", "aarch64")).contains(PostgresPlatform.LINUX_ARM64);
    assertThat(PostgresPlatform.of("Mac OS X", "aarch64")).contains(PostgresPlatform.DARWIN_ARM64);
    assertThat(PostgresPlatform.of("Darwin", "x86_64")).contains(PostgresPlatform.DARWIN_AMD64);
    assertThat(PostgresPlatform.of("Windows 11", "amd64")).contains(PostgresPlatform.WINDOWS_AMD64);
    assertThat(PostgresPlatform.of("Linux", "riscv64")).isEmpty();
    assertThat(PostgresPlatform.of("FreeBSD", "amd64")).isEmpty();
    assertThat(PostgresPlatform.DARWIN_ARM64.resource()).isEqualTo("postgres-darwin-arm_64.txz");
    assertThat(PostgresPlatform.DARWIN_ARM64.artifactPlatform()).isEqualTo("darwin-arm64v8");
  }

  @Test
  void the_build_bundles_the_binaries_of_the_machine_it_runs_on() {
    PostgresPlatform here =
        PostgresPlatform.of(System.getProperty("os.name"), System.getProperty("os.arch"))
            .orElseThrow();

    assertThat(PostgresPlatform.bundled()).contains(here);
  }

  @Test
  void a_known_machine_without_binaries_in_the_jar_is_told_to_use_db_or_which_build_to_make() {
    String message =
        PostgresPlatform.missingBinaries(
            "Mac OS X", "aarch64", List.of(PostgresPlatform.LINUX_AMD64));

    assertThat(message)
        .isEqualTo(
            "this Puerto has no embedded PostgreSQL for Mac OS X aarch64 (it has them for"
                + " linux-amd64): name a PostgreSQL server with --db (or PUERTO_DB_URL), or use a"
                + " Puerto built for this machine (mvn package"
                + " -Dpuerto.postgres.platform=darwin-arm64v8)");
  }

  @Test
  void an_unknown_machine_is_told_to_use_db_and_where_the_embedded_server_runs() {
    String message = PostgresPlatform.missingBinaries("FreeBSD", "amd64", List.of());

    assertThat(message)
        .isEqualTo(
            "this Puerto has no embedded PostgreSQL for FreeBSD amd64 (it has none): name a"
                + " PostgreSQL server with --db (or PUERTO_DB_URL); the embedded PostgreSQL exists"
                + " only for linux-amd64, linux-arm64v8, darwin-amd64, darwin-arm64v8,"
                + " windows-amd64");
  }

  @Test
  void bundled_platforms_are_those_whose_archive_is_on_the_class_path() {
    Set<String> present = Set.of("postgres-linux-arm_64.txz", "postgres-windows-x86_64.txz");

    assertThat(PostgresPlatform.bundled(present::contains))
        .containsExactly(PostgresPlatform.LINUX_ARM64, PostgresPlatform.WINDOWS_AMD64);
  }

  @Test
  void zonky_asking_for_a_machine_the_jar_has_no_binaries_for_gets_the_message_not_a_null() {
    TrackedBinaries binaries = new TrackedBinaries(workingDirectory);

    assertThatThrownBy(() -> binaries.getPgBinary("Linux", "riscv64"))
        .isInstanceOf(TrackedBinaries.NoBinariesException.class)
        .hasMessageStartingWith("this Puerto has no embedded PostgreSQL for Linux riscv64 (it has")
        .hasMessageContaining("name a PostgreSQL server with --db");
  }
}
