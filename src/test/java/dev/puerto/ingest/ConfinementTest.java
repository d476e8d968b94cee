package dev.puerto.ingest;

import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.parse.ReportParser;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseFailedException;
import dev.puerto.store.DatabaseFailure;
import dev.puerto.store.ReportStore;
import dev.puerto.store.StoredInput;
import dev.puerto.testing.FirstReport;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RawBytes;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whatever goes wrong inside one input stays with that input: it ends rejected or partial with the
 * reason, and the next input is imported. Only the database itself failing stops the work.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfinementTest {
  private static final long SMALL_LIMIT = 256 << 10;

  private final TestDatabase testDatabase;
  private Database database;
  private DSLContext dsl;
  private ReportStore store;
  private Ingester ingester;

  ConfinementTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    dsl = database.dsl();
    store = new ReportStore(database);
    ingester = ingester(UnpackLimits.defaults());
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    dsl.truncate(INPUTS).cascade().execute();
  }

  @Test
  void a_nul_in_a_zip_entry_name_is_stored_as_a_replacement_character() throws Exception {
    InputResult result = ingest("nul.zip", zip("r\u0000.xml", report("nul-name", 3)));

    assertThat(result.status()).isEqualTo(InputStatus.IMPORTED);
    assertThat(dsl.select(REPORTS.INPUT_PART).from(REPORTS).fetchSingle().value1())
        .isEqualTo("nul.zip!r\uFFFD.xml");
  }

  @Test
  void a_report_id_too_long_for_the_index_is_rejected_and_the_next_input_imported()
      throws Exception {
    InputResult tooLong = ingest("long-id.xml", report("x".repeat(5000), 1).getBytes());
    InputResult next = ingest("next.xml", report("next", 1).getBytes());

    assertThat(tooLong.status()).isEqualTo(InputStatus.REJECTED);
    assertThat(tooLong.rejections().get(0).reason())
        .isEqualTo("long-id.xml: <report_id> is 5,000 octets long; at most 1,024 are accepted");
    assertThat(next.status()).isEqualTo(InputStatus.IMPORTED);
  }

  @Test
  void message_counts_beyond_64_bits_store_nothing_of_the_report() throws Exception {
    String records = record("192.0.2.1", "999999999999999999").repeat(10);
    InputResult result = ingest("overflow.xml", document("overflow", records).getBytes());

    assertThat(result.status()).isEqualTo(InputStatus.REJECTED);
    assertThat(result.rejections().get(0).reason()).contains("add up to more than");
    assertThat(dsl.fetchCount(REPORTS)).isZero();
  }

  @Test
  void epochs_outside_java_and_postgresql_time_are_rejected() throws Exception {
    for (String epoch : List.of("31556889864403200", "9999999999999")) {
      String xml =
          report("epoch-" + epoch, 1)
              .replace("<begin>1700000000</begin>", "<begin>" + epoch + "</begin>");

      InputResult result = ingest("epoch-" + epoch + ".xml", xml.getBytes());

      assertThat(result.status()).as(epoch).isEqualTo(InputStatus.REJECTED);
      assertThat(result.rejections().get(0).reason()).contains("is not a date from");
    }
  }

  @Test
  void a_value_the_database_refuses_rejects_the_report_only() throws Exception {
    // A rule Puerto does not know of stands for every refusal validation did not foresee.
    dsl.execute("ALTER TABLE reports ADD CONSTRAINT test_no_evil CHECK (org_name <> 'Evil')");
    try {
      InputResult refused =
          ingest("evil.xml", report("evil", 1).replace("Receiver", "Evil").getBytes());
      InputResult next = ingest("good.xml", report("good", 1).getBytes());

      assertThat(refused.status()).isEqualTo(InputStatus.REJECTED);
      assertThat(refused.rejections().get(0).reason())
          .startsWith("evil.xml: the database refused it: ")
          .contains("test_no_evil")
          .endsWith("(SQLState 23514)")
          .doesNotContain("INSERT");
      assertThat(next.status()).isEqualTo(InputStatus.IMPORTED);
    } finally {
      dsl.execute("ALTER TABLE reports DROP CONSTRAINT test_no_evil");
    }
  }

  @Test
  void a_database_that_fails_stops_the_input_which_stays_pending_for_the_next_run()
      throws Exception {
    byte[] bytes = report("pending", 2).getBytes();
    dsl.execute("ALTER TABLE records RENAME TO records_away");
    try {
      assertThatThrownBy(() -> ingest("pending.xml", bytes))
          .isInstanceOf(DatabaseFailedException.class)
          .hasMessage("the database failed while storing a report")
          .satisfies(
              e ->
                  assertThat(DatabaseFailure.find(e).orElseThrow().describe("import"))
                      .contains("(SQLState 42P01)"));
    } finally {
      dsl.execute("ALTER TABLE records_away RENAME TO records");
    }
    assertThat(dsl.select(INPUTS.STATUS).from(INPUTS).fetchSingle().value1())
        .isEqualTo(InputStatus.PENDING);

    InputResult again = ingest("pending.xml", bytes);

    assertThat(again.seenBefore()).isFalse();
    assertThat(again.status()).isEqualTo(InputStatus.IMPORTED);
  }

  @Test
  void a_rejected_input_is_not_read_again_but_reparse_reads_it() throws Exception {
    byte[] notes = "id\tfile\n1\treport.xml\n".getBytes();
    InputResult first = ingest("manifest.tsv", notes);

    InputResult again = ingest("manifest.tsv", notes);
    StoredInput stored = store.findInputs(List.of(), List.of(first.inputId())).get(0);
    InputResult reparsed = ingester.reingest(stored);

    assertThat(first.status()).isEqualTo(InputStatus.REJECTED);
    assertThat(again.seenBefore()).isTrue();
    assertThat(again.status()).isEqualTo(InputStatus.REJECTED);
    assertThat(again.rejections()).isEmpty();
    assertThat(reparsed.seenBefore()).isFalse();
    assertThat(reparsed.rejections()).hasSize(1);
  }

  @Test
  void an_input_over_the_limit_keeps_its_first_bytes_size_and_hash() throws Exception {
    Ingester small = ingester(new UnpackLimits(2L << 30, SMALL_LIMIT, 250, 16L << 20, 6, 10_000));
    byte[] big = new byte[(int) SMALL_LIMIT * 3];
    new Random(7).nextBytes(big);

    InputResult result =
        small.ingest(InboundMessage.ofBytes(new Origin(Origin.Kind.STDIN, "-"), big));

    assertThat(result.status()).isEqualTo(InputStatus.REJECTED);
    assertThat(result.rejections().get(0).reason())
        .isEqualTo(
            "-: input is larger than the 256 KiB limit (786,432 bytes); only its first 64 KiB"
                + " are kept");
    var row =
        dsl.select(INPUTS.RAW_TRUNCATED, INPUTS.SIZE_BYTES, INPUTS.RAW_GZIP)
            .from(INPUTS)
            .fetchSingle();
    assertThat(row.value1()).isTrue();
    assertThat(row.value2()).isEqualTo(big.length);
    try (InputStream raw = new GZIPInputStream(new ByteArrayInputStream(row.value3()))) {
      assertThat(raw.readAllBytes()).isEqualTo(Arrays.copyOf(big, RawCopy.KEPT_WHEN_TRUNCATED));
    }
  }

  @Test
  void a_report_stored_by_an_interrupted_run_counts_as_imported_from_its_input() throws Exception {
    byte[] bytes = report("interrupted", 2).getBytes();
    // What a killed run leaves: the input recorded and pending, its report committed.
    long inputId =
        store
            .registerInput(new Origin(Origin.Kind.FILE, "interrupted.xml"), RawBytes.of(bytes))
            .id();
    try (FirstReport first =
        FirstReport.open(new ReportParser(), "interrupted.xml", new ByteArrayInputStream(bytes))) {
      store.store(inputId, "interrupted.xml", first.reader().report(), first::next);
    }

    InputResult rerun = ingest("interrupted.xml", bytes);

    assertThat(rerun.count(DocumentResult.Outcome.DUPLICATE)).isEqualTo(1);
    assertThat(rerun.status()).isEqualTo(InputStatus.IMPORTED);
    assertThat(dsl.select(INPUTS.STATUS).from(INPUTS).fetchSingle().value1())
        .isEqualTo(InputStatus.IMPORTED);
  }

  @Test
  void two_gzip_members_each_holding_a_report_import_both() throws Exception {
    byte[] both =
        concat(gzip(report("member-1", 1).getBytes()), gzip(report("member-2", 1).getBytes()));

    InputResult result = ingest("two.xml.gz", both);

    assertThat(result.count(DocumentResult.Outcome.IMPORTED)).isEqualTo(2);
    assertThat(result.status()).isEqualTo(InputStatus.IMPORTED);
  }

  @Test
  void data_after_the_report_makes_the_input_partial() throws Exception {
    InputResult result =
        ingest("trailing.xml", (report("trailing", 1) + "<tail>x</tail>").getBytes());

    assertThat(result.status()).isEqualTo(InputStatus.PARTIAL);
    assertThat(dsl.select(INPUTS.ERROR).from(INPUTS).fetchSingle().value1())
        .contains("trailing.xml (after the report): content that is not a report");
  }

  @Test
  void a_large_input_is_stored_streaming_and_read_back_the_same_by_reparse() throws Exception {
    StringBuilder records = new StringBuilder();
    Random random = new Random(11);
    for (int i = 0; i < 40_000; i++) {
      records.append(
          record(
              "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256),
              Integer.toString(1 + random.nextInt(1000))));
    }
    byte[] bytes = document("large", records.toString()).getBytes();
    InputResult first = ingest("large.xml", bytes);
    dsl.deleteFrom(REPORTS).execute();

    StoredInput stored = store.findInputs(List.of(), List.of(first.inputId())).get(0);
    InputResult reparsed = ingester.reingest(stored);

    assertThat(first.documents().get(0).records()).isEqualTo(40_000);
    assertThat(reparsed.documents().get(0).records()).isEqualTo(40_000);
    assertThat(reparsed.documents().get(0).messages())
        .isEqualTo(first.documents().get(0).messages());
  }

  private Ingester ingester(UnpackLimits limits) {
    return new Ingester(new Unpacker(limits), ReportParsers.of(false), ReportStores.of(database));
  }

  private InputResult ingest(String name, byte[] bytes) throws Exception {
    return ingester.ingest(InboundMessage.ofBytes(new Origin(Origin.Kind.FILE, name), bytes));
  }

  private static String report(String id, int records) {
    return document(id, record("192.0.2.7", "5").repeat(records));
  }

  private static String document(String id, String records) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <feedback>
          <report_metadata>
            <org_name>Receiver</org_name><email>dmarc@receiver.example</email>
            <report_id>%s</report_id>
            <date_range><begin>1700000000</begin><end>1700086399</end></date_range>
          </report_metadata>
          <policy_published><domain>example.com</domain><p>none</p></policy_published>
          %s
        </feedback>
        """
        .formatted(id, records);
  }

  private static String record(String ip, String count) {
    return "<record><row><source_ip>"
        + ip
        + "</source_ip><count>"
        + count
        + "</count></row><identifiers><header_from>example.com</header_from></identifiers>"
        + "</record>";
  }

  private static byte[] zip(String entry, String content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
