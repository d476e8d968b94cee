package dev.puerto.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.testing.FirstReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Documents built to hurt the machine, and input streams that fail. */
class HostileInputTest {
  private static final String DTD_REJECTED =
      "test.xml: document type declarations are not accepted (XXE / entity expansion protection)";

  @Test
  void never_reads_a_file_named_by_an_external_entity(@TempDir Path dir) throws Exception {
    String marker = "SECRET-MARKER-" + System.nanoTime();
    Path secret = Files.writeString(dir.resolve("secret.txt"), marker);
    String xml =
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE feedback [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + Xml.withRecords(Xml.RECORD).replace("Example Receiver", "&xxe;");

    Throwable rejection = catchRejection(xml);

    assertThat(rejection.getMessage()).isEqualTo(DTD_REJECTED);
    for (Throwable t = rejection; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(marker);
    }
  }

  @Test
  void rejects_an_external_dtd_without_fetching_it(@TempDir Path dir) throws Exception {
    Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY % p \"x\">");
    String xml = "<!DOCTYPE feedback SYSTEM \"" + dtd.toUri() + "\">" + Xml.withRecords(Xml.RECORD);

    assertThat(Parsed.rejection(xml)).isEqualTo(DTD_REJECTED);
  }

  @Test
  @Timeout(60) // a guard against a hang, not a timing goal
  void rejects_billion_laughs_before_expanding_anything() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE feedback [<!ENTITY lol0 \"lol\">");
    for (int level = 1; level <= 10; level++) {
      dtd.append("<!ENTITY lol").append(level).append(" \"");
      dtd.append(("&lol" + (level - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    String xml = dtd + Xml.withRecords(Xml.RECORD).replace("Example Receiver", "&lol10;");

    assertThat(Parsed.rejection(xml)).isEqualTo(DTD_REJECTED);
  }

  @Test
  void rejects_an_undeclared_entity_as_malformed() {
    assertThat(
            Parsed.rejection(
                Xml.withRecords(Xml.RECORD).replace("Example Receiver", "&undeclared;")))
        .startsWith("test.xml: malformed XML at line ")
        .contains("undeclared");
  }

  @Test
  void passes_on_the_message_of_an_input_failure_while_reading_the_header() {
    InputStream failing = failingAfter("<feedback><report_metadata><org_name>Exa");

    assertThat(Parsed.rejection(failing))
        .isEqualTo("test.xml: zip entry report.xml: uncompressed size exceeds 100 MiB");
  }

  @Test
  void passes_on_the_message_of_an_input_failure_while_reading_records() throws Exception {
    String head = Xml.withRecords(Xml.RECORD, Xml.RECORD).replace("</feedback>", "");
    List<ReportRecord> read = new ArrayList<>();

    try (FirstReport reader =
        FirstReport.open(new ReportParser(), "test.xml", failingAfter(head))) {
      assertThatThrownBy(
              () -> {
                for (ReportRecord record = reader.next(); record != null; record = reader.next()) {
                  read.add(record);
                }
              })
          .isInstanceOf(ReportRejectedException.class)
          .hasMessage("test.xml: zip entry report.xml: uncompressed size exceeds 100 MiB");
    }
    assertThat(read).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void rejects_a_gigantic_number_of_attributes_quickly() {
    String attributes = " a%d=\"1\"";
    StringBuilder root = new StringBuilder("<feedback");
    for (int i = 0; i < 20_000; i++) {
      root.append(attributes.formatted(i));
    }
    String xml = Xml.withRecords(Xml.RECORD).replaceFirst("<feedback", root.toString());

    assertThat(Parsed.rejection(xml)).startsWith("test.xml: malformed XML");
  }

  private static Throwable catchRejection(String xml) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(
            () -> Parsed.parse("test.xml", new ByteArrayInputStream(xml.getBytes(UTF_8))))
        .isInstanceOf(ReportRejectedException.class)
        .satisfies(e -> caught[0] = e);
    return caught[0];
  }

  /** Like the unpack layer's limit: the bytes so far, then an IOException. */
  private static InputStream failingAfter(String prefix) {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("zip entry report.xml: uncompressed size exceeds 100 MiB");
          }
        };
    return new SequenceInputStream(new ByteArrayInputStream(prefix.getBytes(UTF_8)), failing);
  }
}
