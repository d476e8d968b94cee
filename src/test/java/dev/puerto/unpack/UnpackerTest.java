package dev.puerto.unpack;

import static dev.puerto.unpack.Inputs.REPORT;
import static dev.puerto.unpack.Inputs.concat;
import static dev.puerto.unpack.Inputs.gzip;
import static dev.puerto.unpack.Inputs.gzipNamed;
import static dev.puerto.unpack.Inputs.report;
import static dev.puerto.unpack.Inputs.zip;
import static dev.puerto.unpack.RecordingVisitor.unpack;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.unpack.UnpackProblem.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Files and archives: what is found in them, by content, whatever their names say. */
class UnpackerTest {

  @Nested
  class PlainXml {

    @Test
    void is_one_document_named_like_the_input() throws IOException {
      RecordingVisitor seen = unpack("report.xml", REPORT.getBytes(UTF_8));

      assertThat(seen.onlyDocument().path()).isEqualTo("report.xml");
      assertThat(seen.onlyDocument().text()).isEqualTo(REPORT);
      assertThat(seen.problems).isEmpty();
    }

    @Test
    void may_start_with_a_byte_order_mark_or_whitespace() throws IOException {
      byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

      assertThat(unpack("bom.xml", concat(bom, report("a"))).onlyDocument().bytes())
          .isEqualTo(bom.length + report("a").length);
      assertThat(unpack("space.xml", ("\r\n  \t" + REPORT).getBytes(UTF_8)).documents).hasSize(1);
    }

    @Test
    void may_be_utf16_with_a_byte_order_mark() throws IOException {
      assertThat(unpack("utf16.xml", REPORT.getBytes(UTF_16)).documents).hasSize(1);
    }

    @Test
    void is_found_whatever_the_name() throws IOException {
      assertThat(unpack("report.zip", report("a")).onlyDocument().path()).isEqualTo("report.zip");
    }
  }

  @Nested
  class Gzip {

    @Test
    void yields_the_document_named_after_the_file_without_gz() throws IOException {
      RecordingVisitor seen = unpack("report.xml.gz", gzip(report("a")));

      assertThat(seen.onlyDocument().path()).isEqualTo("report.xml.gz!report.xml");
      assertThat(seen.onlyDocument().text()).contains("<org_name>a</org_name>");
    }

    @Test
    void uses_the_name_stored_in_the_gzip_header() throws IOException {
      RecordingVisitor seen = unpack("attachment.bin", gzipNamed("google.com!x.xml", report("a")));

      assertThat(seen.onlyDocument().path()).isEqualTo("attachment.bin!google.com!x.xml");
    }

    @Test
    void tolerates_stray_bytes_after_the_stream_like_mimecasts_cr_lf() throws IOException {
      byte[] withCrLf = concat(gzip(report("mimecast")), "\r\n".getBytes(UTF_8));

      RecordingVisitor seen = unpack("mimecast.xml.gz", withCrLf);

      assertThat(seen.onlyDocument().failure()).isNull();
      assertThat(seen.onlyDocument().text()).isEqualTo(new String(report("mimecast"), UTF_8));
      assertThat(seen.problems).isEmpty();
    }

    @Test
    void reads_concatenated_members_as_one_document() throws IOException {
      byte[] half = "<feedback>".getBytes(UTF_8);
      byte[] rest = "</feedback>".getBytes(UTF_8);

      RecordingVisitor seen = unpack("two.xml.gz", concat(gzip(half), gzip(rest)));

      assertThat(seen.onlyDocument().text()).isEqualTo("<feedback></feedback>");
    }

    @Test
    void inside_gzip_is_opened_too() throws IOException {
      RecordingVisitor seen = unpack("test.xml.gz.gz", gzip(gzip(report("a"))));

      assertThat(seen.onlyDocument().path()).isEqualTo("test.xml.gz.gz!test.xml.gz!test.xml");
    }

    @Test
    void holding_a_zip_opens_the_zip() throws IOException {
      byte[] zipInGzip = gzip(zip(entry("a.xml", report("a"))));

      assertThat(unpack("report.gz", zipInGzip).documentPaths())
          .containsExactly("report.gz!report!a.xml");
    }

    @Test
    void truncated_before_the_document_starts_is_a_corrupt_problem() throws IOException {
      byte[] complete = gzip(report("a"));
      byte[] truncated = Arrays.copyOf(complete, complete.length - 20);

      RecordingVisitor seen = unpack("x.xml.gz", truncated);

      assertThat(seen.documents).isEmpty();
      assertThat(seen.onlyProblem())
          .isEqualTo(
              new UnpackProblem(
                  "x.xml.gz",
                  Kind.CORRUPT,
                  "x.xml.gz: truncated gzip stream (unexpected end of input)"));
    }

    @Test
    void truncated_inside_a_large_document_fails_the_reader_with_a_message_naming_the_part()
        throws IOException {
      byte[] large = (REPORT + " ".repeat(100_000) + REPORT.repeat(2000)).getBytes(UTF_8);
      byte[] complete = gzip(large);
      byte[] truncated = Arrays.copyOf(complete, complete.length / 2);

      RecordingVisitor seen = unpack("x.xml.gz", truncated);

      assertThat(seen.onlyDocument().failure())
          .isInstanceOf(IOException.class)
          .hasMessage("x.xml.gz: truncated gzip stream (unexpected end of input)");
      assertThat(seen.problems).as("the reader saw it, so it is not reported again").isEmpty();
    }
  }

  @Nested
  class Zip {

    @Test
    void yields_every_entry_and_reports_the_bad_one() throws IOException {
      byte[] archive =
          zip(
              entry("a.xml", report("a")),
              entry("notes.pdf", "%PDF-1.4 ...".getBytes(UTF_8)),
              entry("b.xml.gz", gzip(report("b"))));

      RecordingVisitor seen = unpack("data.zip", archive);

      assertThat(seen.documentPaths()).containsExactly("data.zip!a.xml", "data.zip!b.xml.gz!b.xml");
      assertThat(seen.onlyProblem())
          .isEqualTo(
              new UnpackProblem(
                  "data.zip!notes.pdf",
                  Kind.UNRECOGNISED,
                  "data.zip!notes.pdf: not XML, gzip, zip or e-mail (starts with 25 50 44 46)"));
    }

    @Test
    void skips_directories_and_mac_os_metadata() throws IOException {
      byte[] archive =
          zip(
              entry("reports/", new byte[0]),
              entry("reports/a.xml", report("a")),
              entry("__MACOSX/reports/._a.xml", new byte[] {0, 5, 22, 7}));

      RecordingVisitor seen = unpack("mac.zip", archive);

      assertThat(seen.documentPaths()).containsExactly("mac.zip!reports/a.xml");
      assertThat(seen.problems).isEmpty();
    }

    @Test
    void without_entries_has_no_report() throws IOException {
      RecordingVisitor seen = unpack("empty.zip", zip());

      assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.NO_REPORT);
      assertThat(seen.onlyProblem().message()).isEqualTo("empty.zip: empty zip archive");
    }

    @Test
    void labelled_gzip_is_still_a_zip() throws IOException {
      assertThat(unpack("report.xml.gz", zip(entry("a.xml", report("a")))).documentPaths())
          .containsExactly("report.xml.gz!a.xml");
    }

    @Test
    void that_is_corrupt_is_reported_and_documents_before_the_damage_are_kept() throws IOException {
      byte[] archive = zip(entry("a.xml", report("a")), entry("b.xml", report("b")));
      byte[] damaged = archive.clone();
      int second = indexOf(damaged, "PK\u0003\u0004".getBytes(UTF_8), 4);
      damaged[second + 8] = 99; // compression method 99 is not supported

      RecordingVisitor seen = unpack("damaged.zip", damaged);

      assertThat(seen.documentPaths()).containsExactly("damaged.zip!a.xml");
      assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.CORRUPT);
      assertThat(seen.onlyProblem().message()).startsWith("damaged.zip: corrupt zip archive (");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
      for (int i = from; i <= haystack.length - needle.length; i++) {
        if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
          return i;
        }
      }
      throw new AssertionError("not found");
    }
  }

  @Nested
  class OtherContent {

    @Test
    void empty_input_is_unrecognised() throws IOException {
      assertThat(unpack("empty.xml", new byte[0]).onlyProblem())
          .isEqualTo(new UnpackProblem("empty.xml", Kind.UNRECOGNISED, "empty.xml: empty input"));
    }

    @Test
    void unknown_bytes_are_unrecognised_naming_the_first_four_bytes() throws IOException {
      UnpackProblem problem =
          unpack("x.bin", new byte[] {(byte) 0xca, (byte) 0xfe, 1}).onlyProblem();

      assertThat(problem.kind()).isEqualTo(Kind.UNRECOGNISED);
      assertThat(problem.message())
          .isEqualTo("x.bin: not XML, gzip, zip or e-mail (starts with ca fe 01)");
    }

    @Test
    void json_is_handed_on_as_a_tls_report() throws IOException {
      byte[] tls = "{\"organization-name\":\"Google Inc.\",\"policies\":[]}".getBytes(UTF_8);

      RecordingVisitor seen = unpack("tls.json", tls);

      assertThat(seen.problems).isEmpty();
      assertThat(seen.onlyDocument().kind()).isEqualTo(DocumentKind.TLS_REPORT);
      assertThat(seen.onlyDocument().text()).isEqualTo(new String(tls, UTF_8));
    }
  }

  @Nested
  class Failures {

    @Test
    void a_failure_to_read_the_input_itself_escapes() {
      InputStream failing =
          new InputStream() {
            @Override
            public int read() throws IOException {
              throw new IOException("connection reset");
            }
          };

      assertThatThrownBy(
              () ->
                  new Unpacker(UnpackLimits.defaults())
                      .unpack("x", failing, new RecordingVisitor()))
          .isInstanceOf(IOException.class)
          .hasMessage("connection reset");
    }

    @Test
    void a_failure_of_the_visitor_escapes_and_ends_the_walk() {
      UnpackVisitor failing =
          new RecordingVisitor() {
            @Override
            public void document(ReportDocument document) {
              throw new IllegalStateException("visitor bug");
            }
          };
      byte[] archive = zip(entry("a.xml", report("a")), entry("b.xml", report("b")));

      assertThatThrownBy(
              () ->
                  new Unpacker(UnpackLimits.defaults())
                      .unpack("a.zip", new ByteArrayInputStream(archive), failing))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("visitor bug");
    }

    @Test
    void a_document_cannot_be_read_after_the_visitor_returned() throws IOException {
      InputStream[] kept = new InputStream[1];
      UnpackVisitor keeping =
          new RecordingVisitor() {
            @Override
            public void document(ReportDocument document) {
              kept[0] = document.content();
            }
          };

      new Unpacker(UnpackLimits.defaults())
          .unpack("a.xml", new ByteArrayInputStream(report("a")), keeping);

      assertThatThrownBy(() -> kept[0].read())
          .hasMessage("a.xml: document read after the visitor returned");
    }
  }
}
