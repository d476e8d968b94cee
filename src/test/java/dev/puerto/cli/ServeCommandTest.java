package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code puerto serve}'s settings, checked before any database is contacted (the URL points where
 * nothing listens, so reaching it would exit 3), and the password it makes up for loopback.
 */
class ServeCommandTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void environment() {
    env.put("PUERTO_DB_URL", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
    env.put("PUERTO_HOME", home.resolve("puerto").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
  }

  @Test
  void beyond_loopback_without_a_password_file_exits_2_saying_what_to_set() {
    CommandLineRun run = CommandLineRun.run(env, "serve", "--http-bind", "0.0.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("puerto: --http-bind 0.0.0.0 is not a loopback address")
        .contains("--http-password-file FILE")
        .contains("PUERTO_HTTP_PASSWORD_FILE");
    // refused before a password is made up: nothing is left behind
    assertThat(home.resolve("puerto").resolve(ServeCommand.GENERATED_PASSWORD_FILE)).doesNotExist();
  }

  @Test
  void the_environment_variable_for_the_bind_is_checked_the_same_way() {
    env.put("PUERTO_HTTP_BIND", "192.0.2.1");

    CommandLineRun run = CommandLineRun.run(env, "serve");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--http-bind 192.0.2.1").contains("--http-password-file");
  }

  @Test
  void a_short_password_in_the_password_file_exits_2() throws Exception {
    Path file = home.resolve("short");
    Files.writeString(file, "tooshort\n");

    CommandLineRun run =
        CommandLineRun.run(
            env, "serve", "--http-bind", "0.0.0.0", "--http-password-file", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("at least 12 characters").doesNotContain("tooshort");
  }

  @Test
  void a_port_beyond_65535_exits_2() {
    CommandLineRun run = CommandLineRun.run(env, "serve", "--http-port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--http-port");
  }

  @Test
  void help_lists_the_options_and_their_environment_variables() {
    CommandLineRun run = CommandLineRun.run(env, "serve", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: puerto serve")
        .contains("--http-port=PORT")
        .contains("--http-bind=ADDRESS")
        .contains("--http-user=USER")
        .contains("--http-password-file=FILE")
        .contains("PUERTO_HTTP_PORT")
        .contains("PUERTO_HTTP_BIND")
        .contains("PUERTO_HTTP_USER")
        .contains("PUERTO_HTTP_PASSWORD_FILE");
  }

  @Test
  void a_made_up_password_is_kept_readable_by_its_owner_only_and_reused() throws Exception {
    Path file = home.resolve("not-yet").resolve(ServeCommand.GENERATED_PASSWORD_FILE);

    String first = ServeCommand.generatedPassword(file);
    String second = ServeCommand.generatedPassword(file);

    assertThat(first).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
    assertThat(second).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(first + "\n");
    assertThat(ServeCommand.generatedPassword(home.resolve("other").resolve("http-password")))
        .isNotEqualTo(first);
  }
}
