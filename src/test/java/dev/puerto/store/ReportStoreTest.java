package dev.puerto.store;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.DMARC_RECORDS;
import static dev.puerto.schema.Tables.DMARC_RECORD_DAYS;
import static dev.puerto.schema.Tables.DMARC_REPORTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.OVERRIDE_REASONS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SPF_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.parse.ReportParser;
import dev.puerto.parse.ReportReader;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.Origin;
import dev.puerto.testing.FirstReport;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RawBytes;
import dev.puerto.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.GZIPInputStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportStoreTest {
  private static final String TWO_RECORDS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <feedback>
        <report_metadata>
          <org_name>google.com</org_name>
          <email>noreply-dmarc-support@google.com</email>
          <report_id>%s</report_id>
          <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
        </report_metadata>
        <policy_published>
          <domain>example.com</domain><adkim>r</adkim><aspf>r</aspf>
          <p>none</p><sp>none</sp><pct>100</pct>
        </policy_published>
        <record>
          <row>
            <source_ip>192.0.2.10</source_ip><count>7</count>
            <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf>
              <reason><type>forwarded</type><comment>list</comment></reason>
            </policy_evaluated>
          </row>
          <identifiers><header_from>example.com</header_from></identifiers>
          <auth_results>
            <dkim><domain>example.com</domain><selector>s1</selector><result>pass</result></dkim>
            <dkim><domain>esp.example.net</domain><selector>s2</selector><result>pass</result></dkim>
            <dkim><domain>old.example.com</domain><selector>s3</selector><result>fail</result></dkim>
            <spf><domain>bounce.example.net</domain><scope>mfrom</scope><result>pass</result></spf>
            <spf><domain>mx.example.net</domain><scope>helo</scope><result>pass</result></spf>
          </auth_results>
        </record>
        <record>
          <row>
            <source_ip>%s</source_ip><count>5</count>
            <policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated>
          </row>
          <identifiers><header_from>example.com</header_from></identifiers>
          <auth_results>
            <spf><domain>example.com</domain><result>softfail</result></spf>
          </auth_results>
        </record>
      </feedback>
      """;

  private final TestDatabase testDatabase;
  private final ReportParser parser = new ReportParser();
  private Database database;
  private ReportStore store;
  private DSLContext dsl;

  ReportStoreTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    store = new ReportStore(database);
    dsl = database.dsl();
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
  void a_report_is_stored_with_every_dkim_and_spf_result_as_its_own_row() throws Exception {
    long input = register("one");

    StoredReport stored = storeReport(input, "one.xml", reader(report("r-1", "2001:db8::1")));

    assertThat(stored).isEqualTo(new StoredReport(false, 2, 12));
    var report = dsl.selectFrom(DMARC_REPORTS).fetchSingle();
    assertThat(report.getRecordCount()).isEqualTo(2);
    assertThat(report.getMessageCount()).isEqualTo(12);
    assertThat(report.getPolicyDomain()).isEqualTo("example.com");
    assertThat(dsl.fetchCount(DKIM_RESULTS)).isEqualTo(3);
    assertThat(dsl.fetchCount(SPF_RESULTS)).isEqualTo(3);
    assertThat(
            dsl.select(DKIM_RESULTS.SELECTOR)
                .from(DKIM_RESULTS)
                .orderBy(DKIM_RESULTS.RESULT_NO)
                .fetch(DKIM_RESULTS.SELECTOR))
        .containsExactly("s1", "s2", "s3");
    assertThat(dsl.select(OVERRIDE_REASONS.TYPE).from(OVERRIDE_REASONS).fetch(0, String.class))
        .containsExactly("forwarded");
    assertThat(
            dsl.select(
                    DMARC_RECORDS.SOURCE_IP.cast(String.class),
                    DMARC_RECORDS.DMARC_PASS,
                    DMARC_RECORDS.DKIM_ALIGNED_PASS,
                    DMARC_RECORDS.SPF_ALIGNED_PASS)
                .from(DMARC_RECORDS)
                .orderBy(DMARC_RECORDS.RECORD_NO)
                .fetch()
                .map(r -> r.value1() + " " + r.value2() + " " + r.value3() + " " + r.value4()))
        .containsExactly("192.0.2.10/32 true true false", "2001:db8::1/128 false false false");
  }

  @Test
  void every_value_of_a_record_lands_in_its_own_column() throws Exception {
    String xml =
        """
        <feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">
          <report_metadata><org_name>example.net</org_name><report_id>columns</report_id>
            <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
          </report_metadata>
          <policy_published><domain>example.com</domain><p>reject</p></policy_published>
          <record>
            <row><source_ip>198.51.100.7</source_ip><count>3</count>
              <policy_evaluated><disposition>quarantine</disposition><dkim>fail</dkim>
                <spf>pass</spf><reason><type>mailing_list</type><comment>list-a</comment></reason>
              </policy_evaluated></row>
            <identifiers><header_from>from.example.com</header_from>
              <envelope_from>bounce.example.org</envelope_from>
              <envelope_to>to.example.net</envelope_to></identifiers>
            <auth_results>
              <dkim><domain>sig.example.com</domain><selector>sel1</selector><result>fail</result>
                <human_result>body hash</human_result></dkim>
              <spf><domain>helo.example.org</domain><scope>helo</scope><result>pass</result>
                <human_result>ip in list</human_result></spf>
            </auth_results>
          </record>
        </feedback>
        """;

    storeReport(register("columns"), "columns.xml", reader(xml));

    // every row is filed under its report's month
    var month = dsl.select(REPORTS.PERIOD_MONTH).from(REPORTS).fetchSingle().value1();
    assertThat(dsl.selectFrom(RECORDS).fetchSingle().intoList())
        .containsExactly(
            dsl.select(REPORTS.ID).from(REPORTS).fetchSingle().value1(),
            1,
            Inet.valueOf(InetAddress.getByName("198.51.100.7")),
            3L,
            "quarantine",
            "fail",
            "pass",
            "from.example.com",
            "bounce.example.org",
            "to.example.net",
            null,
            month);
    assertThat(dsl.selectFrom(DKIM_RESULTS).fetchSingle().intoList())
        .endsWith(1, 1, "sig.example.com", "sel1", "fail", "body hash", month);
    assertThat(dsl.selectFrom(SPF_RESULTS).fetchSingle().intoList())
        .endsWith(1, 1, "helo.example.org", "helo", "pass", "ip in list", month);
    assertThat(dsl.selectFrom(OVERRIDE_REASONS).fetchSingle().intoList())
        .endsWith(1, 1, "mailing_list", "list-a", month);
  }

  private static final String ARC = "https://example.net/dmarc-extensions/arc-v1";

  @Test
  void rfc_9990_extensions_pass_and_policy_test_mode_are_read_back_through_the_views()
      throws Exception {
    String xml =
        """
        <feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">
          <report_metadata><org_name>example.net</org_name><report_id>extensions</report_id>
            <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
          </report_metadata>
          <policy_published><domain>example.com</domain><p>reject</p></policy_published>
          <record>
            <row><source_ip>192.0.2.1</source_ip><count>4</count>
              <policy_evaluated><disposition>pass</disposition><dkim>pass</dkim><spf>fail</spf>
                <reason><type>policy_test_mode</type></reason></policy_evaluated></row>
            <identifiers><header_from>example.com</header_from></identifiers>
            <auth_results><spf><domain>example.com</domain><result>fail</result></spf></auth_results>
            <arc:seal xmlns:arc="%1$s">i=1</arc:seal>
          </record>
          <extension><arc:arc_summary xmlns:arc="%1$s">sealed=2</arc:arc_summary></extension>
        </feedback>
        """
            .formatted(ARC);

    storeReport(register("extensions"), "extensions.xml", reader(xml));

    assertThat(dsl.select(DMARC_REPORTS.EXTENSIONS).from(DMARC_REPORTS).fetchSingle().value1())
        .isEqualTo(
            "<extensions><extension xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\">"
                + "<arc:arc_summary xmlns:arc=\"%s\">sealed=2</arc:arc_summary></extension>"
                    .formatted(ARC)
                + "</extensions>");
    assertThat(
            dsl.select(DMARC_RECORDS.EXTENSIONS, DMARC_RECORDS.DISPOSITION)
                .from(DMARC_RECORDS)
                .fetchSingle()
                .intoList())
        .containsExactly(
            "<extensions><arc:seal xmlns:arc=\"%s\">i=1</arc:seal></extensions>".formatted(ARC),
            "pass");
    assertThat(
            dsl.select(DMARC_RECORD_DAYS.DISPOSITION)
                .from(DMARC_RECORD_DAYS)
                .fetch(DMARC_RECORD_DAYS.DISPOSITION))
        .containsExactly("pass");
    assertThat(dsl.select(OVERRIDE_REASONS.TYPE).from(OVERRIDE_REASONS).fetchSingle().value1())
        .isEqualTo("policy_test_mode");
    // The query the column comments document: every stored value is an XML document.
    assertThat(
            dsl.fetchValue(
                "SELECT (xpath('//a:arc_summary/text()', extensions::xml,"
                    + " ARRAY[ARRAY['a', ?]]))[1]::text FROM dmarc_reports",
                ARC))
        .isEqualTo("sealed=2");
    assertThat(
            dsl.fetchValue(
                "SELECT (xpath('/extensions/a:seal/text()', extensions::xml,"
                    + " ARRAY[ARRAY['a', ?]]))[1]::text FROM dmarc_records",
                ARC))
        .isEqualTo("i=1");
  }

  @Test
  void a_report_extension_after_more_records_than_one_batch_is_stored_with_the_report()
      throws Exception {
    String xml =
        manyRecords("r-late-extension", 1_234)
            .replace("</feedback>", "<extension><late/></extension></feedback>");

    storeReport(register("late"), "late.xml", reader(xml));

    assertThat(dsl.select(DMARC_REPORTS.EXTENSIONS).from(DMARC_REPORTS).fetchSingle().value1())
        .isEqualTo("<extensions><extension><late/></extension></extensions>");
    assertThat(dsl.fetchCount(DMARC_RECORDS, DMARC_RECORDS.EXTENSIONS.isNotNull())).isZero();
  }

  @Test
  void extensions_over_the_bound_are_stored_as_omitted_and_still_read_as_xml() throws Exception {
    String xml =
        report("r-huge-extension", "2001:db8::1")
            .replace(
                "</policy_published>",
                "</policy_published><extension><x>" + "x".repeat(70_000) + "</x></extension>");

    storeReport(register("huge"), "huge.xml", reader(xml));

    assertThat(
            dsl.fetchValue(
                "SELECT (xpath('/extensions/@omitted', extensions::xml))[1]::text"
                    + " FROM dmarc_reports"))
        .isEqualTo("larger than 65536 characters");
    assertThat(dsl.fetchCount(DMARC_RECORDS)).isEqualTo(2);
  }

  @Test
  void the_same_report_again_is_a_duplicate_and_writes_nothing() throws Exception {
    long first = register("first");
    long second = register("second");
    storeReport(first, "a.xml", reader(report("r-2", "192.0.2.20")));

    StoredReport again = storeReport(second, "b.xml", reader(report("r-2", "192.0.2.20")));

    assertThat(again.duplicate()).isTrue();
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(1);
    assertThat(dsl.fetchCount(DMARC_RECORDS)).isEqualTo(2);
  }

  @Test
  void a_reused_report_id_on_the_next_day_is_a_different_report() throws Exception {
    long input = register("reuse");
    storeReport(input, "day1.xml", reader(report("same-id", "192.0.2.30")));
    String nextDay =
        report("same-id", "192.0.2.30")
            .replace(
                "<begin>1767225600</begin><end>1767311999</end>",
                "<begin>1767312000</begin><end>1767398399</end>");

    StoredReport stored = storeReport(input, "day2.xml", reader(nextDay));

    assertThat(stored.duplicate()).isFalse();
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(2);
  }

  @Test
  void a_record_rejected_midway_rolls_the_whole_report_back() throws Exception {
    long input = register("bad");

    assertThatThrownBy(() -> storeReport(input, "bad.xml", reader(report("r-3", "192.0.2.999"))))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageContaining("192.0.2.999");

    assertThat(dsl.fetchCount(REPORTS)).isZero();
    assertThat(dsl.fetchCount(DMARC_RECORDS)).isZero();
    assertThat(dsl.fetchCount(DKIM_RESULTS)).isZero();
  }

  @Test
  void deleting_a_report_deletes_its_records_auth_results_and_reasons() throws Exception {
    long input = register("delete");
    storeReport(input, "keep.xml", reader(report("r-keep", "192.0.2.50")));
    storeReport(input, "drop.xml", reader(report("r-drop", "192.0.2.51")));

    dsl.deleteFrom(REPORTS).where(REPORTS.REPORT_ID.eq("r-drop")).execute();

    assertThat(dsl.fetchCount(DMARC_RECORDS)).isEqualTo(2);
    assertThat(dsl.fetchCount(DKIM_RESULTS)).isEqualTo(3);
    assertThat(dsl.fetchCount(SPF_RESULTS)).isEqualTo(3);
    assertThat(dsl.fetchCount(OVERRIDE_REASONS)).isEqualTo(1);
  }

  @Test
  void periods_come_from_the_epoch_seconds_whatever_the_host_time_zone() throws Exception {
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
    try (Database otherZone = testDatabase.open()) {
      ReportReader first = reader(report("r-tz", "192.0.2.40"));
      new ReportStore(otherZone).store(register("tz"), "tz.xml", first.report(), first::next);
    } finally {
      TimeZone.setDefault(original);
    }

    var epochs =
        dsl.select(
                DSL.extract(REPORTS.BEGIN_AT, org.jooq.DatePart.EPOCH),
                DSL.extract(REPORTS.END_AT, org.jooq.DatePart.EPOCH))
            .from(REPORTS)
            .fetchSingle();
    assertThat(epochs.value1().longValue()).isEqualTo(1767225600L);
    assertThat(epochs.value2().longValue()).isEqualTo(1767311999L);
    assertThat(dsl.select(REPORTS.BEGIN_AT).from(REPORTS).fetchSingle().value1().toInstant())
        .isEqualTo(Instant.ofEpochSecond(1767225600L));
  }

  @Test
  void a_report_larger_than_one_batch_is_stored_whole_with_its_totals() throws Exception {
    long input = register("large");

    StoredReport stored = storeReport(input, "large.xml", reader(manyRecords("r-large", 2_345)));

    assertThat(stored).isEqualTo(new StoredReport(false, 2_345, 2_345L * 2_346 / 2));
    var report = dsl.selectFrom(DMARC_REPORTS).fetchSingle();
    assertThat(report.getRecordCount()).isEqualTo(2_345);
    assertThat(report.getMessageCount()).isEqualTo(2_345L * 2_346 / 2);
    var records =
        dsl.select(DSL.max(DMARC_RECORDS.RECORD_NO), DSL.sum(DMARC_RECORDS.MESSAGE_COUNT))
            .from(DMARC_RECORDS)
            .fetchSingle();
    assertThat(records.value1()).isEqualTo(2_345);
    assertThat(records.value2().longValueExact()).isEqualTo(2_345L * 2_346 / 2);
    assertThat(dsl.fetchCount(DKIM_RESULTS)).isEqualTo(2_345);
    assertThat(dsl.fetchCount(SPF_RESULTS)).isEqualTo(2_345);
  }

  @Test
  void a_large_report_seen_again_is_a_duplicate() throws Exception {
    long input = register("large twice");
    storeReport(input, "a.xml", reader(manyRecords("r-large-2", 1_500)));

    StoredReport again = storeReport(input, "b.xml", reader(manyRecords("r-large-2", 1_500)));

    assertThat(again.duplicate()).isTrue();
    assertThat(dsl.fetchCount(DMARC_RECORDS)).isEqualTo(1_500);
  }

  @Test
  void a_record_rejected_in_a_later_batch_rolls_the_whole_report_back() throws Exception {
    long input = register("late bad");
    String xml = manyRecords("r-late-bad", 2_500).replace("10.0.7.208<", "10.0.7.999<");

    assertThatThrownBy(() -> storeReport(input, "late.xml", reader(xml)))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageContaining("10.0.7.999");

    assertThat(dsl.fetchCount(REPORTS)).isZero();
    assertThat(dsl.fetchCount(DMARC_RECORDS)).isZero();
    assertThat(dsl.fetchCount(DKIM_RESULTS)).isZero();
  }

  @Test
  void the_same_bytes_are_recognised_by_their_hash() throws Exception {
    RegisteredInput first = registerInput("same bytes");
    store.finishInput(first.id(), InputStatus.IMPORTED, 1, null);

    RegisteredInput again = registerInput("same bytes");

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.previousStatus()).contains(InputStatus.IMPORTED);
    assertThat(again.alreadyProcessed()).isTrue();
  }

  /** A report whose record n (from 1) comes from 10.0.n/256.n%256 with n messages. */
  private static String manyRecords(String reportId, int records) {
    StringBuilder xml =
        new StringBuilder(
            """
            <feedback>
              <report_metadata><org_name>example.net</org_name><report_id>%s</report_id>
                <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
              </report_metadata>
              <policy_published><domain>example.com</domain><p>none</p></policy_published>
            """
                .formatted(reportId));
    for (int n = 1; n <= records; n++) {
      xml.append(
          """
          <record><row><source_ip>10.0.%d.%d</source_ip><count>%d</count>
            <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf>
            </policy_evaluated></row>
            <identifiers><header_from>example.com</header_from></identifiers>
            <auth_results><dkim><domain>example.com</domain><result>pass</result></dkim>
              <spf><domain>example.com</domain><result>pass</result></spf></auth_results>
          </record>
          """
              .formatted(n / 256, n % 256, n));
    }
    return xml.append("</feedback>").toString();
  }

  @Test
  void raw_bytes_larger_than_a_piece_are_read_back_whole() throws Exception {
    byte[] bytes = new byte[3 << 20];
    new Random(5).nextBytes(bytes); // incompressible: three pieces and a bit
    long input =
        store.registerInput(new Origin(Origin.Kind.FILE, "random.bin"), RawBytes.of(bytes)).id();

    try (InputStream raw = new GZIPInputStream(store.openRaw(input))) {
      assertThat(raw.readAllBytes()).isEqualTo(bytes);
    }
  }

  private String report(String reportId, String secondIp) {
    return TWO_RECORDS.formatted(reportId, secondIp);
  }

  private ReportReader reader(String xml) throws ReportRejectedException {
    // The document stays open until the test's collector takes it; a test reads one report.
    return FirstReport.open(
            parser, "test.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .reader();
  }

  private StoredReport storeReport(long input, String part, ReportReader reader) throws Exception {
    return store.store(input, part, reader.report(), Records.of(reader));
  }

  private long register(String content) throws Exception {
    return registerInput(content).id();
  }

  private RegisteredInput registerInput(String content) throws Exception {
    return store.registerInput(
        new Origin(Origin.Kind.FILE, content),
        RawBytes.of(content.getBytes(StandardCharsets.UTF_8)));
  }
}
