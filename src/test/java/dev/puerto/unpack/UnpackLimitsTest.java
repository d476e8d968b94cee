package dev.puerto.unpack;

import static dev.puerto.unpack.Inputs.attachment;
import static dev.puerto.unpack.Inputs.gzip;
import static dev.puerto.unpack.Inputs.mail;
import static dev.puerto.unpack.Inputs.report;
import static dev.puerto.unpack.Inputs.zip;
import static dev.puerto.unpack.RecordingVisitor.unpack;
import static dev.puerto.unpack.SpaceBomb.XML;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.unpack.UnpackProblem.Kind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bombs and oversized inputs are stopped while streaming, without holding their output. */
class UnpackLimitsTest {

  private static final long MIB = 1 << 20;

  /** Limits small enough that bombs trip after about a MiB. */
  private static final UnpackLimits SMALL = new UnpackLimits(64 * MIB, 64 * MIB, 100, MIB, 6, 10);

  @Test
  void zip_bomb_trips_the_ratio_limit_just_after_the_grace_bytes() throws IOException {
    CountedInput bomb = new CountedInput(SpaceBomb.zip("zeros.xml", XML, 1024));

    RecordingVisitor seen = unpack(SMALL, "bomb.zip", bomb);

    RecordingVisitor.Seen document = seen.onlyDocument();
    assertThat(document.failure())
        .isInstanceOf(UnpackLimitException.class)
        .hasMessageStartingWith("bomb.zip!zeros.xml: compression ratio above 100:1 after ")
        .hasMessageEndingWith(" bytes (likely a zip bomb)");
    assertThat(document.bytes()).isLessThanOrEqualTo(MIB);
    assertThat(bomb.consumed).as("compressed bytes read, of about 1 MB").isLessThan(64 * 1024);
    assertThat(seen.problems).as("the reader saw the failure").isEmpty();
  }

  @Test
  void ten_gibibyte_zip_bomb_is_stopped_by_the_default_limits() throws IOException {
    CountedInput bomb = new CountedInput(SpaceBomb.zip("zeros.xml", XML, 10 * 1024));

    RecordingVisitor seen = unpack(UnpackLimits.defaults(), "bomb.zip", bomb);

    assertThat(seen.onlyDocument().failure())
        .isInstanceOf(UnpackLimitException.class)
        .hasMessageStartingWith("bomb.zip!zeros.xml: compression ratio above 250:1 after ");
    long grace = UnpackLimits.defaults().ratioGraceBytes();
    assertThat(seen.onlyDocument().bytes()).isBetween(grace - MIB, grace);
    assertThat(bomb.consumed).as("compressed bytes read, of about 10 MB").isLessThan(64 * 1024);
  }

  @Test
  void decompressed_size_is_bounded_even_at_an_accepted_ratio() throws IOException {
    UnpackLimits sizeOnly = new UnpackLimits(4 * MIB, 64 * MIB, 100_000, MIB, 6, 10);

    RecordingVisitor seen = unpack(sizeOnly, "big.xml.gz", SpaceBomb.gzip(XML, 64));

    assertThat(seen.onlyDocument().failure())
        .isInstanceOf(UnpackLimitException.class)
        .hasMessage("big.xml.gz: decompressed size exceeds 4194304 bytes");
    assertThat(seen.onlyDocument().bytes()).isLessThanOrEqualTo(4 * MIB);
  }

  @Test
  void limit_hit_before_any_document_is_found_is_a_problem() throws IOException {
    // An e-mail is read whole before its parts are looked at, so the bomb trips inside the walk.
    InputStream mailBomb = SpaceBomb.gzip("Subject: bomb\r\n\r\n", 64);

    RecordingVisitor seen = unpack(SMALL, "mail.gz", mailBomb);

    assertThat(seen.documents).isEmpty();
    assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
    assertThat(seen.onlyProblem().path()).isEqualTo("mail.gz");
    assertThat(seen.onlyProblem().message()).startsWith("mail.gz: compression ratio above 100:1");
  }

  @Test
  void walk_goes_on_with_the_next_entry_when_a_layer_inside_an_entry_failed() throws IOException {
    byte[] archive =
        zip(
            entry("bomb.xml.gz", SpaceBomb.gzip(XML, 16).readAllBytes()),
            entry("good.xml", report("good")));

    RecordingVisitor seen = unpack(SMALL, "two.zip", archive);

    assertThat(seen.documentPaths())
        .containsExactly("two.zip!bomb.xml.gz!bomb.xml", "two.zip!good.xml");
    assertThat(seen.documents.get(0).failure()).isInstanceOf(UnpackLimitException.class);
    assertThat(seen.documents.get(1).failure()).isNull();
  }

  @Test
  void zip_ends_at_an_entry_it_cannot_get_past_but_the_email_goes_on() throws IOException {
    byte[] bombZip = SpaceBomb.zip("zeros.xml", XML, 16).readAllBytes();
    byte[] email =
        mail(
            "",
            attachment("bomb.zip", "application/zip", bombZip),
            attachment("good.xml.gz", "application/gzip", gzip(report("good"))));

    RecordingVisitor seen = unpack(SMALL, "mail.eml", email);

    assertThat(seen.documentPaths())
        .containsExactly("mail.eml!bomb.zip!zeros.xml", "mail.eml!good.xml.gz!good.xml");
    assertThat(seen.documents.get(0).failure()).isInstanceOf(UnpackLimitException.class);
    assertThat(seen.problems).isEmpty();
  }

  @Test
  void nesting_deeper_than_the_limit_is_a_problem() throws IOException {
    byte[] nested = report("deep");
    for (int i = 0; i < 7; i++) {
      nested = gzip(nested);
    }

    RecordingVisitor seen = unpack("deep.gz", nested);

    assertThat(seen.documents).isEmpty();
    assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.LIMIT_EXCEEDED);
    assertThat(seen.onlyProblem().message())
        .isEqualTo("deep.gz!deep!deep!deep!deep!deep!deep: containers nested deeper than 6 layers");
  }

  @Test
  void zip_with_too_many_entries_is_cut_off() throws IOException {
    @SuppressWarnings("unchecked")
    Map.Entry<String, byte[]>[] entries =
        IntStream.range(0, 12)
            .mapToObj(i -> entry(i + ".xml", report("r" + i)))
            .toArray(Map.Entry[]::new);

    RecordingVisitor seen = unpack(SMALL, "many.zip", zip(entries));

    assertThat(seen.documents).hasSize(10);
    assertThat(seen.onlyProblem())
        .isEqualTo(
            new UnpackProblem(
                "many.zip",
                Kind.LIMIT_EXCEEDED,
                "many.zip: more than 10 zip entries; the rest was not read"));
  }

  @Test
  void raw_input_is_bounded() throws IOException {
    UnpackLimits smallInput = new UnpackLimits(64 * MIB, 10_000, 100, MIB, 6, 10);
    byte[] large = ("<feedback>" + " ".repeat(50_000) + "</feedback>").getBytes(UTF_8);

    RecordingVisitor seen = unpack(smallInput, "large.xml", large);

    assertThat(seen.onlyDocument().failure())
        .isInstanceOf(UnpackLimitException.class)
        .hasMessage("large.xml: input exceeds 10000 bytes");
    assertThat(seen.onlyDocument().bytes()).isLessThanOrEqualTo(10_000);
  }

  /** Counts how much of the input the unpacker read. */
  private static final class CountedInput extends FilterInputStream {
    long consumed;

    CountedInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      consumed += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      consumed += Math.max(n, 0);
      return n;
    }
  }
}
