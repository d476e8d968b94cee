package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code puerto serve} against a database: what it cannot listen on, it says as a setting. */
@ExtendWith(PostgresExtension.class)
class ServeCommandDatabaseTest {
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>();

  ServeCommandDatabaseTest(TestDatabase database) {
    env.putAll(database.environment());
  }

  @Test
  void a_port_in_use_exits_2_naming_the_address_and_the_option() throws Exception {
    Path passwordFile = home.resolve("password");
    Files.writeString(passwordFile, "a-long-enough-password\n");
    env.put("PUERTO_HOME", home.resolve("puerto").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      CommandLineRun run =
          assertTimeoutPreemptively(
              Duration.ofMinutes(2),
              () ->
                  CommandLineRun.run(
                      env,
                      "serve",
                      "--http-port",
                      port,
                      "--http-password-file",
                      passwordFile.toString()));

      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err())
          .contains("cannot serve on 127.0.0.1:" + port)
          .contains("--http-port")
          .doesNotContain("a-long-enough-password");
    }
  }
}
