package dev.puerto.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.ReportMails;
import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapFolders.Destination;
import dev.puerto.source.ImapSettings.ImapLogin;
import dev.puerto.testing.TestMailServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mailbox side alone, against GreenMail: filing, UID order, and the paths without MOVE. */
class ImapSourceTest {
  private static final long LIMIT = 512L << 20;

  private TestMailServer mail;

  @BeforeEach
  void start() {
    mail = TestMailServer.start();
    List<ReportMails.Mail> samples = ReportMails.samples();
    for (int i = 0; i < 3; i++) {
      mail.deliver(samples.get(i).raw());
    }
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  @Test
  void without_move_messages_are_copied_flagged_deleted_and_expunged() throws Exception {
    List<Destination> destinations =
        new ArrayList<>(List.of(Destination.PROCESSED, Destination.INVALID, Destination.KEEP));

    try (ImapSource source = ImapSource.open(settings(AfterImport.MOVE), LIMIT, false)) {
      source.drain(message -> destinations.remove(0), () -> false);
    }

    assertThat(mail.count("INBOX")).isEqualTo(1);
    assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
    assertThat(mail.count("Archive/Invalid")).isEqualTo(1);
  }

  @Test
  void messages_come_in_uid_order_with_their_position() throws Exception {
    List<ImapPosition> seen = new ArrayList<>();

    try (ImapSource source = ImapSource.open(settings(AfterImport.MOVE), LIMIT)) {
      source.drain(
          message -> {
            seen.add(message.origin().imap());
            return Destination.PROCESSED;
          },
          () -> false);
    }

    assertThat(seen).extracting(ImapPosition::uid).containsExactly(1L, 2L, 3L);
    assertThat(seen).extracting(ImapPosition::folder).containsOnly("INBOX");
    assertThat(seen).allSatisfy(position -> assertThat(position.messageId()).isNotBlank());
  }

  @Test
  void mark_seen_leaves_messages_in_place_and_skips_them_next_time() throws Exception {
    try (ImapSource source = ImapSource.open(settings(AfterImport.MARK_SEEN), LIMIT)) {
      int first = source.drain(message -> Destination.PROCESSED, () -> false);
      int second = source.drain(message -> Destination.PROCESSED, () -> false);

      assertThat(first).isEqualTo(3);
      assertThat(second).isZero();
    }
    assertThat(mail.count("INBOX")).isEqualTo(3);
  }

  @Test
  void a_stop_request_finishes_the_message_in_hand_and_leaves_the_rest() throws Exception {
    List<Long> handled = new ArrayList<>();

    try (ImapSource source = ImapSource.open(settings(AfterImport.MOVE), LIMIT)) {
      source.drain(
          message -> {
            handled.add(message.origin().imap().uid());
            return Destination.PROCESSED;
          },
          () -> !handled.isEmpty());
    }

    assertThat(handled).containsExactly(1L);
    assertThat(mail.count("Archive/DMARC")).isEqualTo(1);
    assertThat(mail.count("INBOX")).isEqualTo(2);
  }

  @Test
  void a_large_message_is_fetched_in_pieces_into_a_file_and_handed_over_whole() throws Exception {
    byte[] large = largeMail(FolderDrain.IN_MEMORY_BYTES * 2 + 12_345);
    mail.deliver(large);
    List<byte[]> read = new ArrayList<>();

    try (ImapSource source = ImapSource.open(settings(AfterImport.MOVE), LIMIT)) {
      source.drain(
          message -> {
            try (InputStream in = message.open()) {
              read.add(in.readAllBytes());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return Destination.PROCESSED;
          },
          () -> false);
    }

    assertThat(read).hasSize(4);
    // GreenMail may rewrite line endings; the size and the tail are what pieces could break.
    byte[] last = read.get(3);
    assertThat(last.length).isGreaterThan(FolderDrain.IN_MEMORY_BYTES * 2);
    assertThat(new String(last, last.length - 40, 40, StandardCharsets.US_ASCII))
        .contains("end-of-large-message");
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("puerto-fetched-")))
          .isEmpty();
    }
  }

  private static byte[] largeMail(int bytes) {
    StringBuilder mail =
        new StringBuilder(
            "From: big@example.com\r\nTo: dmarc@example.com\r\nSubject: large\r\n\r\n");
    String line = "x".repeat(76) + "\r\n";
    while (mail.length() < bytes) {
      mail.append(line);
    }
    return mail.append("end-of-large-message\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private ImapSettings settings(AfterImport afterImport) throws Exception {
    return new ImapSettings(
        TestMailServer.HOST,
        mail.port(),
        ImapSecurity.IMAPS,
        new ImapLogin(TestMailServer.USER, false, () -> TestMailServer.PASSWORD),
        mail.trustStore(),
        Files.readString(mail.trustStorePasswordFile()).strip(),
        new ImapFolders(
            "INBOX", "Archive/DMARC", "Archive/Invalid", "Archive/Forensic", "Archive/TLS"),
        afterImport,
        Duration.ofSeconds(30));
  }
}
