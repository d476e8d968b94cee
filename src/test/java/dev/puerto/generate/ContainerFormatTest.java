package dev.puerto.generate;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each generated file really is the container its manifest line claims. */
class ContainerFormatTest {
  private static final String STEM = "[a-z0-9.-]+![a-z0-9.-]+![0-9]+![0-9]+(![^!]+)?";
  private static final String RFC9990_NAME = STEM + "\\.(xml|xml\\.gz|zip)";
  private static final String SUBJECT =
      "Report Domain: [a-z0-9.-]+ Submitter: [a-z0-9.-]+ Report-ID: \\S+";

  @TempDir static Path corpus;
  private static List<ManifestEntry> entries;

  @BeforeAll
  static void generate() throws Exception {
    entries = GenerateCorpus.generate(GenerateCorpus.Options.of(corpus, 400, 8_000, 11, 0));
  }

  @Test
  void every_container_kind_occurs() {
    assertThat(entries.stream().map(ManifestEntry::container).distinct())
        .containsExactlyInAnyOrder("xml", "gz", "zip", "eml");
    assertThat(entries).anyMatch(entry -> entry.totals().reports() > 1);
  }

  @Test
  void names_follow_the_rfc9990_pattern() {
    entries.stream()
        .filter(entry -> !entry.file().startsWith("bundle-"))
        .forEach(entry -> assertThat(entry.file()).matches(STEM + "\\.(xml|xml\\.gz|zip|eml)"));
  }

  @Test
  void gzip_files_start_with_the_gzip_magic() throws Exception {
    for (ManifestEntry entry : ofKind("gz")) {
      byte[] head = head(corpus.resolve(entry.file()), 2);
      assertThat(head).as(entry.file()).containsExactly(0x1f, 0x8b);
    }
  }

  @Test
  void zip_files_hold_one_xml_entry_per_report() throws Exception {
    for (ManifestEntry entry : ofKind("zip")) {
      try (ZipFile zip = new ZipFile(corpus.resolve(entry.file()).toFile())) {
        List<? extends ZipEntry> zipped = Collections.list(zip.entries());
        assertThat(zipped).hasSize(entry.totals().reports());
        assertThat(zipped).allSatisfy(e -> assertThat(e.getName()).matches(RFC9990_NAME));
      }
    }
  }

  @Test
  void xml_files_start_with_a_declaration() throws Exception {
    for (ManifestEntry entry : ofKind("xml")) {
      assertThat(new String(head(corpus.resolve(entry.file()), 5))).isEqualTo("<?xml");
    }
  }

  @Test
  void emails_are_multipart_mixed_with_a_base64_report_attachment() throws Exception {
    for (ManifestEntry entry : ofKind("eml")) {
      MimeMessage message =
          ReportCounter.parseEmail(Files.readAllBytes(corpus.resolve(entry.file())));
      assertThat(message.getSubject()).matches(SUBJECT);
      assertThat(message.getContentType()).startsWith("multipart/mixed");
      MimeMultipart parts = (MimeMultipart) message.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
      BodyPart attachment = parts.getBodyPart(1);
      assertThat(attachment.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
      assertThat(attachment.getFileName()).matches(RFC9990_NAME);
      byte[] magic;
      try (InputStream decoded = attachment.getInputStream()) {
        magic = decoded.readNBytes(2);
      }
      if (attachment.getContentType().startsWith("application/gzip")) {
        assertThat(magic).containsExactly(0x1f, 0x8b);
      } else {
        assertThat(attachment.getContentType()).startsWith("application/zip");
        assertThat(new String(magic)).isEqualTo("PK");
      }
    }
  }

  private static List<ManifestEntry> ofKind(String container) {
    List<ManifestEntry> matching =
        entries.stream().filter(entry -> entry.container().equals(container)).toList();
    assertThat(matching).isNotEmpty();
    return matching;
  }

  private static byte[] head(Path file, int length) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(length);
    }
  }
}
