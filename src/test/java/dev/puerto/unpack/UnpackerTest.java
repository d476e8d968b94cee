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
    void isOneDocumentNamedLikeTheInput() throws IOException {
      RecordingVisitor seen = unpack("report.xml", REPORT.getBytes(UTF_8));

      assertThat(seen.onlyDocument().path()).isEqualTo("report.xml");
      assertThat(seen.onlyDocument().text()).isEqualTo(REPORT);
      assertThat(seen.problems).isEmpty();
    }

    @Test
    void mayStartWithAByteOrderMarkOrWhitespace() throws IOException {
      byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

      assertThat(unpack("bom.xml", concat(bom, report("a"))).onlyDocument().bytes())
          .isEqualTo(bom.length + report("a").length);
      assertThat(unpack("space.xml", ("\r\n  \t" + REPORT).getBytes(UTF_8)).documents).hasSize(1);
    }

    @Test
    void mayBeUtf16WithAByteOrderMark() throws IOException {
      assertThat(unpack("utf16.xml", REPORT.getBytes(UTF_16)).documents).hasSize(1);
    }

    @Test
    void isFoundWhateverTheName() throws IOException {
      assertThat(unpack("report.zip", report("a")).onlyDocument().path()).isEqualTo("report.zip");
    }
  }

  @Nested
  class Gzip {

    @Test
    void yieldsTheDocumentNamedAfterTheFileWithoutGz() throws IOException {
      RecordingVisitor seen = unpack("report.xml.gz", gzip(report("a")));

      assertThat(seen.onlyDocument().path()).isEqualTo("report.xml.gz!report.xml");
      assertThat(seen.onlyDocument().text()).contains("<org_name>a</org_name>");
    }

    @Test
    void usesTheNameStoredInTheGzipHeader() throws IOException {
      RecordingVisitor seen = unpack("attachment.bin", gzipNamed("google.com!x.xml", report("a")));

      assertThat(seen.onlyDocument().path()).isEqualTo("attachment.bin!google.com!x.xml");
    }

    @Test
    void toleratesStrayBytesAfterTheStreamLikeMimecastsCrLf() throws IOException {
      byte[] withCrLf = concat(gzip(report("mimecast")), "\r\n".getBytes(UTF_8));

      RecordingVisitor seen = unpack("mimecast.xml.gz", withCrLf);

      assertThat(seen.onlyDocument().failure()).isNull();
      assertThat(seen.onlyDocument().text()).isEqualTo(new String(report("mimecast"), UTF_8));
      assertThat(seen.problems).isEmpty();
    }

    @Test
    void readsConcatenatedMembersAsOneDocument() throws IOException {
      byte[] half = "<feedback>".getBytes(UTF_8);
      byte[] rest = "</feedback>".getBytes(UTF_8);

      RecordingVisitor seen = unpack("two.xml.gz", concat(gzip(half), gzip(rest)));

      assertThat(seen.onlyDocument().text()).isEqualTo("<feedback></feedback>");
    }

    @Test
    void insideGzipIsOpenedToo() throws IOException {
      RecordingVisitor seen = unpack("test.xml.gz.gz", gzip(gzip(report("a"))));

      assertThat(seen.onlyDocument().path()).isEqualTo("test.xml.gz.gz!test.xml.gz!test.xml");
    }

    @Test
    void holdingAZipOpensTheZip() throws IOException {
      byte[] zipInGzip = gzip(zip(entry("a.xml", report("a"))));

      assertThat(unpack("report.gz", zipInGzip).documentPaths())
          .containsExactly("report.gz!report!a.xml");
    }

    @Test
    void truncatedBeforeTheDocumentStartsIsACorruptProblem() throws IOException {
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
    void truncatedInsideALargeDocumentFailsTheReaderWithAMessageNamingThePart() throws IOException {
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
    void yieldsEveryEntryAndReportsTheBadOne() throws IOException {
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
    void skipsDirectoriesAndMacOsMetadata() throws IOException {
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
    void withoutEntriesHasNoReport() throws IOException {
      RecordingVisitor seen = unpack("empty.zip", zip());

      assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.NO_REPORT);
      assertThat(seen.onlyProblem().message()).isEqualTo("empty.zip: empty zip archive");
    }

    @Test
    void labelledGzipIsStillAZip() throws IOException {
      assertThat(unpack("report.xml.gz", zip(entry("a.xml", report("a")))).documentPaths())
          .containsExactly("report.xml.gz!a.xml");
    }

    @Test
    void thatIsCorruptIsReportedAndDocumentsBeforeTheDamageAreKept() throws IOException {
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
    void emptyInputIsUnrecognised() throws IOException {
      assertThat(unpack("empty.xml", new byte[0]).onlyProblem())
          .isEqualTo(new UnpackProblem("empty.xml", Kind.UNRECOGNISED, "empty.xml: empty input"));
    }

    @Test
    void unknownBytesAreUnrecognisedNamingTheFirstFourBytes() throws IOException {
      UnpackProblem problem =
          unpack("x.bin", new byte[] {(byte) 0xca, (byte) 0xfe, 1}).onlyProblem();

      assertThat(problem.kind()).isEqualTo(Kind.UNRECOGNISED);
      assertThat(problem.message())
          .isEqualTo("x.bin: not XML, gzip, zip or e-mail (starts with ca fe 01)");
    }

    @Test
    void jsonWithTlsReportKeysIsATlsReport() throws IOException {
      byte[] tls = "{\"organization-name\":\"Google Inc.\",\"policies\":[]}".getBytes(UTF_8);

      assertThat(unpack("tls.json", tls).onlyProblem())
          .isEqualTo(
              new UnpackProblem(
                  "tls.json",
                  Kind.TLS_REPORT,
                  "tls.json: SMTP TLS report (RFC 8460), not a DMARC aggregate report"));
    }

    @Test
    void otherJsonIsUnrecognised() throws IOException {
      assertThat(unpack("x.json", "{\"a\":1}".getBytes(UTF_8)).onlyProblem().kind())
          .isEqualTo(Kind.UNRECOGNISED);
    }
  }

  @Nested
  class Failures {

    @Test
    void aFailureToReadTheInputItselfEscapes() {
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
    void aFailureOfTheVisitorEscapesAndEndsTheWalk() {
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
    void aDocumentCannotBeReadAfterTheVisitorReturned() throws IOException {
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
