package dev.puerto.ingest;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.RandomMail;
import dev.puerto.generate.Sample;
import dev.puerto.generate.WriteSamples;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Nothing that arrives is lost: every input is recorded with its bytes, whatever it holds. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngesterTest {
  private static final Path SAMPLES = Path.of("reports-samples");

  private final TestDatabase testDatabase;
  @TempDir static Path work;
  private Database database;
  private DSLContext dsl;
  private Ingester ingester;

  IngesterTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    dsl = database.dsl();
    ingester =
        new Ingester(
            new Unpacker(UnpackLimits.defaults()),
            ReportParsers.of(false),
            ReportStores.of(database));
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    dsl.truncate(INPUTS).cascade().execute();
  }

  @TestFactory
  Stream<DynamicTest> every_bad_sample_is_rejected_or_partial_and_recorded_with_its_raw_bytes() {
    return WriteSamples.samples(0).stream()
        .filter(sample -> sample.file().startsWith("bad/"))
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.file(),
                    () -> {
                      Path file = SAMPLES.resolve(sample.file());
                      InputResult result = ingester.ingest(InboundMessage.ofFile(file));

                      InputStatus expected =
                          sample.expected() == Sample.Expected.PARTIAL
                              ? InputStatus.PARTIAL
                              : InputStatus.REJECTED;
                      assertThat(result.status()).isEqualTo(expected);
                      assertThat(result.rejections())
                          .isNotEmpty()
                          .allSatisfy(r -> assertThat(r.reason()).startsWith(file.toString()));
                      assertRecorded(result.inputId(), expected, Files.readAllBytes(file));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> every_tricky_sample_is_imported_whole() {
    return WriteSamples.samples(0).stream()
        .filter(sample -> sample.file().startsWith("tricky/"))
        .map(
            sample ->
                DynamicTest.dynamicTest(
                    sample.file(),
                    () -> {
                      InputResult result =
                          ingester.ingest(InboundMessage.ofFile(SAMPLES.resolve(sample.file())));

                      assertThat(result.status()).isEqualTo(InputStatus.IMPORTED);
                      assertThat(result.rejections()).isEmpty();
                    }));
  }

  @Test
  void a_hundred_megabyte_attachment_of_random_bytes_is_rejected_and_recorded() throws Exception {
    Path mail = work.resolve("random.eml");
    try (InputStream in = RandomMail.withAttachmentOf(100L << 20);
        OutputStream out = Files.newOutputStream(mail)) {
      in.transferTo(out);
    }

    InputResult result = ingester.ingest(InboundMessage.ofFile(mail));

    assertThat(result.rejections())
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith(mail + "!random.bin: not XML"));
    var row =
        dsl.select(INPUTS.STATUS, INPUTS.SIZE_BYTES)
            .from(INPUTS)
            .where(INPUTS.ID.eq(result.inputId()))
            .fetchSingle();
    assertThat(row.value1()).isEqualTo(InputStatus.REJECTED);
    assertThat(row.value2()).isEqualTo(Files.size(mail));
    try (InputStream stored = storedRaw(result.inputId());
        InputStream original = Files.newInputStream(mail)) {
      assertThat(stored).hasSameContentAs(original);
    }
  }

  @Test
  void a_zip_with_one_bad_entry_keeps_the_good_reports_and_is_partial() throws Exception {
    Path good = SAMPLES.resolve("wp.pl!example.com!1773360000!1773446399.xml");
    Path zip = work.resolve("mixed.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("good.xml"));
      out.write(Files.readAllBytes(good));
      out.putNextEntry(new ZipEntry("notes.txt"));
      out.write("not a report".getBytes());
    }

    InputResult result = ingester.ingest(InboundMessage.ofFile(zip));

    assertThat(result.status()).isEqualTo(InputStatus.PARTIAL);
    assertThat(result.count(DocumentResult.Outcome.IMPORTED)).isEqualTo(1);
    assertThat(result.rejections())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo(zip + "!notes.txt"));
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(1);
    assertThat(dsl.select(INPUTS.STATUS, INPUTS.ERROR).from(INPUTS).fetchSingle().value2())
        .contains("notes.txt");
  }

  @Test
  void the_same_bytes_again_are_seen_before_and_not_read() throws Exception {
    Path file = SAMPLES.resolve("comcast.net!example.com!1772928000!1773014399.xml");
    InputResult first = ingester.ingest(InboundMessage.ofFile(file));

    InputResult again = ingester.ingest(InboundMessage.ofFile(file));

    assertThat(first.status()).isEqualTo(InputStatus.IMPORTED);
    assertThat(again.seenBefore()).isTrue();
    assertThat(again.inputId()).isEqualTo(first.inputId());
    assertThat(dsl.fetchCount(INPUTS)).isEqualTo(1);
  }

  private void assertRecorded(long inputId, InputStatus status, byte[] raw) throws Exception {
    var row =
        dsl.select(INPUTS.STATUS, INPUTS.ERROR, INPUTS.SIZE_BYTES)
            .from(INPUTS)
            .where(INPUTS.ID.eq(inputId))
            .fetchSingle();
    assertThat(row.value1()).isEqualTo(status);
    assertThat(row.value2()).isNotBlank();
    assertThat(row.value3()).isEqualTo(raw.length);
    try (InputStream stored = storedRaw(inputId)) {
      assertThat(stored.readAllBytes()).isEqualTo(raw);
    }
  }

  private InputStream storedRaw(long inputId) throws Exception {
    byte[] gzip =
        dsl.select(INPUTS.RAW_GZIP)
            .from(INPUTS)
            .where(INPUTS.ID.eq(inputId))
            .fetchSingle()
            .value1();
    return new GZIPInputStream(new ByteArrayInputStream(gzip));
  }
}
