package dev.puerto.unpack;

import static dev.puerto.unpack.Inputs.attachment;
import static dev.puerto.unpack.Inputs.concat;
import static dev.puerto.unpack.Inputs.gzip;
import static dev.puerto.unpack.Inputs.mail;
import static dev.puerto.unpack.Inputs.report;
import static dev.puerto.unpack.Inputs.zip;
import static dev.puerto.unpack.RecordingVisitor.unpack;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Containers built to trip an unpacker: each still yields its report, named safely. */
class HostileContainersTest {

  @Test
  void nul_and_escape_characters_in_a_zip_entry_name_become_replacement_characters()
      throws Exception {
    byte[] archive = zip(Map.entry("report\u0000\u001b[2J.xml", report("nul")));

    RecordingVisitor seen = unpack("nul.zip", archive);

    assertThat(seen.documentPaths()).containsExactly("nul.zip!report\uFFFD\uFFFD[2J.xml");
  }

  @Test
  void an_attachment_name_with_control_characters_is_cleaned() throws Exception {
    MimeBodyPart part = attachment("x\u0007y.xml.gz", "application/gzip", gzip(report("bel")));

    RecordingVisitor seen = unpack("bel.eml", mail("", part));

    assertThat(seen.documentPaths()).containsExactly("bel.eml!x\uFFFDy.xml.gz!x\uFFFDy.xml");
  }

  @Test
  void a_very_long_entry_name_is_cut_to_255_characters() throws Exception {
    byte[] archive = zip(Map.entry("a".repeat(10_000) + ".xml", report("long")));

    String path = unpack("long.zip", archive).onlyDocument().path();

    assertThat(path).isEqualTo("long.zip!" + "a".repeat(255) + "\u2026");
  }

  @Test
  void an_unescaped_from_line_in_an_mbox_body_does_not_cut_the_message() throws Exception {
    // mboxo writers leave "From " body lines as they are; this one even follows an empty line.
    byte[] message =
        mail(
            "Report attached.\n\nFrom the desk of the postmaster:\nsee the attachment.",
            attachment("r.xml.gz", "application/gzip", gzip(report("mboxo"))));
    byte[] mbox =
        concat("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n".getBytes(US_ASCII), message);

    RecordingVisitor seen = unpack("reports.mbox", mbox);

    assertThat(seen.documentPaths()).containsExactly("reports.mbox!message-1!r.xml.gz!r.xml");
    assertThat(seen.problems).isEmpty();
  }

  @Test
  void a_from_line_followed_by_headers_after_an_empty_line_starts_a_message() throws Exception {
    byte[] first = mail("", attachment("a.xml", "text/xml", report("a")));
    byte[] second = mail("", attachment("b.xml", "text/xml", report("b")));
    byte[] mbox =
        concat(
            "From a@example.com Mon Jan  1 00:00:00 2024\n".getBytes(US_ASCII),
            first,
            "\n\nFrom b@example.com Tue Jan  2 00:00:00 2024\n".getBytes(US_ASCII),
            second);

    assertThat(unpack("two.mbox", mbox).documentPaths())
        .containsExactly("two.mbox!message-1!a.xml", "two.mbox!message-2!b.xml");
  }

  @Test
  void an_attached_email_really_in_base64_is_decoded() throws Exception {
    byte[] inner = mail("", attachment("r.xml.gz", "application/gzip", gzip(report("b64"))));
    InternetHeaders headers = new InternetHeaders();
    headers.setHeader("Content-Type", "message/rfc822");
    headers.setHeader("Content-Transfer-Encoding", "base64");
    headers.setHeader("Content-Disposition", "attachment; filename=\"report.eml\"");
    byte[] encoded = Base64.getMimeEncoder().encode(inner);
    MimeBodyPart part = new MimeBodyPart(headers, encoded);

    RecordingVisitor seen = unpack("fwd.eml", mail("Forwarded", part));

    assertThat(seen.documentPaths()).containsExactly("fwd.eml!report.eml!r.xml.gz!r.xml");
  }

  @Test
  void a_large_email_is_parsed_from_a_temporary_file_that_is_deleted_after() throws Exception {
    byte[] padding = "x".repeat(6 << 20).getBytes(UTF_8); // above the in-memory threshold
    byte[] big =
        mail(
            "",
            attachment("padding.txt", "text/plain", padding),
            attachment("r.xml", "text/xml", report("big")));
    long before = spoolFiles();

    RecordingVisitor seen = unpack("big.eml", big);

    assertThat(seen.documentPaths()).containsExactly("big.eml!r.xml");
    assertThat(spoolFiles()).isEqualTo(before);
  }

  private static long spoolFiles() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("puerto-mail-")).count();
    }
  }
}
