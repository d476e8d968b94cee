package dev.puerto.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapSettings.ImapLogin;
import dev.puerto.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that stops answering ends in the "unreachable" error (exit 6, or a reconnect in watch),
 * never in a hang: connection, read and write timeouts are all set.
 */
class ImapTimeoutsTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  /** Far above the timeouts, so a loaded machine cannot make the test fail; a hang would. */
  private static final Duration BOUND = Duration.ofSeconds(90);

  private ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ImapSecurity.class,
      names = {"IMAPS", "PLAIN"})
  void a_server_that_accepts_and_never_answers_is_unreachable(ImapSecurity security)
      throws Exception {
    int port = serve(false);

    ImapException failure =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                catchThrowableOfType(
                    ImapException.class,
                    () -> ImapSource.open(settings(port, security), 1 << 20).close()));

    assertThat(failure).isNotNull();
    assertThat(failure.kind()).isEqualTo(ImapException.Kind.UNREACHABLE);
    assertThat(failure.getMessage()).contains("127.0.0.1:" + port);
  }

  @Test
  void a_server_that_greets_then_goes_silent_is_unreachable() throws Exception {
    int port = serve(true);

    ImapException failure =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                catchThrowableOfType(
                    ImapException.class,
                    () -> ImapSource.open(settings(port, ImapSecurity.PLAIN), 1 << 20).close()));

    assertThat(failure).isNotNull();
    assertThat(failure.kind()).isEqualTo(ImapException.Kind.UNREACHABLE);
    assertThat(failure.getMessage())
        .startsWith("cannot reach the IMAP server 127.0.0.1:" + port + ": ")
        .contains("Read timed out")
        .doesNotContain("BYE");
  }

  @Test
  void connection_read_and_write_timeouts_are_set_for_both_protocols() {
    for (ImapSecurity security : ImapSecurity.values()) {
      ImapSettings settings = settings(993, security);
      String prefix = "mail." + (security == ImapSecurity.IMAPS ? "imaps" : "imap") + ".";

      Properties properties = ImapConnection.properties(settings, null);

      assertThat(properties.getProperty(prefix + "timeout")).isEqualTo("2000");
      assertThat(properties.getProperty(prefix + "connectiontimeout")).isEqualTo("2000");
      assertThat(properties.getProperty(prefix + "writetimeout")).isEqualTo("2000");
    }
    ImapSettings watch =
        new ImapSettings(
            "127.0.0.1",
            993,
            ImapSecurity.IMAPS,
            new ImapLogin("user", false, () -> "secret"),
            null,
            null,
            folders(),
            AfterImport.MOVE,
            Duration.ofMinutes(21));
    Properties properties = ImapConnection.properties(watch, null);
    assertThat(properties.getProperty("mail.imaps.timeout")).isEqualTo("1260000");
    assertThat(properties.getProperty("mail.imaps.connectiontimeout")).isEqualTo("30000");
    assertThat(properties.getProperty("mail.imaps.writetimeout")).isEqualTo("120000");
  }

  /** Accepts connections and reads what comes, answering nothing (after a greeting if asked). */
  private int serve(boolean greet) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread thread =
        new Thread(
            () -> {
              try {
                while (!server.isClosed()) {
                  Socket socket = server.accept();
                  accepted.add(socket);
                  if (greet) {
                    socket
                        .getOutputStream()
                        .write("* OK IMAP4rev1 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  Thread reader = new Thread(() -> drain(socket), "silent-imap-reader");
                  reader.setDaemon(true);
                  reader.start();
                }
              } catch (IOException e) {
                // Closed by the test.
              }
            },
            "silent-imap-server");
    thread.setDaemon(true);
    thread.start();
    return server.getLocalPort();
  }

  private static void drain(Socket socket) {
    try (InputStream in = socket.getInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // Closed.
    }
  }

  private static ImapSettings settings(int port, ImapSecurity security) {
    return new ImapSettings(
        "127.0.0.1",
        port,
        security,
        new ImapLogin("user", false, () -> "secret"),
        TestCertificates.get().trustStore(),
        TestCertificates.get().trustStorePassword(),
        folders(),
        AfterImport.MOVE,
        READ_TIMEOUT);
  }

  private static ImapFolders folders() {
    return new ImapFolders(
        "INBOX", "Archive/DMARC", "Archive/Invalid", "Archive/Forensic", "Archive/TLS");
  }
}
