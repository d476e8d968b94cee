package dev.puerto.store;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.OVERRIDE_REASONS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SPF_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.parse.AggregateReport;
import dev.puerto.parse.DkimResult;
import dev.puerto.parse.OverrideReason;
import dev.puerto.parse.PolicyPublished;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.SpfAuthResult;
import dev.puerto.source.Origin;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RawBytes;
import dev.puerto.testing.TestDatabase;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every value of a record reads back exactly as the store was given it, in a report's first batch
 * (the report's own statement) and in the batches after it (COPY): the characters COPY's text
 * format gives a meaning to, and the values at the edges of their types.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredValuesTest {
  /** Records in the report: a first batch and two more, so each value lands in both paths. */
  private static final int RECORDS_IN_REPORT = 2 * RecordBatch.MAX_RECORDS + 500;

  private static final List<String> TEXTS =
      Arrays.asList(
          "tab\tin the middle",
          "\t",
          "line\nbreak",
          "carriage\rreturn\r\n",
          "back\\slash",
          "\\",
          "ends with a backslash\\",
          "\\N",
          "\\.",
          "\\t\\n written out",
          "",
          null,
          "non-BMP \uD83D\uDE00 \uD834\uDD1E and BMP \u00FC\u4E2D\u6587",
          "control \u0001\u001F\u007F characters",
          "<extensions><x:a xmlns:x=\"urn:x\">\n\t&amp;</x:a></extensions>",
          "N",
          ".");

  private static final List<String> ADDRESSES =
      List.of(
          "2001:db8::1",
          "::1",
          "::",
          "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
          "fe80::1:2:3:4",
          "0.0.0.0",
          "255.255.255.255",
          "192.0.2.1");

  private final TestDatabase testDatabase;
  private Database database;
  private DSLContext dsl;

  StoredValuesTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    dsl = database.dsl();
    dsl.truncate(INPUTS).cascade().execute();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void hostile_text_addresses_and_counts_read_back_exactly_in_every_batch() throws Exception {
    ReportStore store = new ReportStore(database);
    long input =
        store
            .registerInput(
                new Origin(Origin.Kind.FILE, "values"),
                RawBytes.of("values".getBytes(StandardCharsets.UTF_8)))
            .id();
    List<ReportRecord> records = new ArrayList<>();
    for (int n = 1; n <= RECORDS_IN_REPORT; n++) {
      records.add(record(n));
    }
    var source = records.iterator();

    StoredReport stored =
        store.store(input, "values.xml", report(), () -> source.hasNext() ? source.next() : null);

    assertThat(stored.records()).isEqualTo(RECORDS_IN_REPORT);
    assertThat(stored.messages()).isEqualTo(Long.MAX_VALUE);
    assertThat(dsl.select(REPORTS.MESSAGE_COUNT).from(REPORTS).fetchSingle().value1())
        .isEqualTo(Long.MAX_VALUE);
    assertThat(
            dsl.select(
                    RECORDS.RECORD_NO,
                    RECORDS.SOURCE_IP,
                    RECORDS.MESSAGE_COUNT,
                    RECORDS.DISPOSITION,
                    RECORDS.DKIM_RESULT,
                    RECORDS.SPF_RESULT,
                    RECORDS.HEADER_FROM,
                    RECORDS.ENVELOPE_FROM,
                    RECORDS.ENVELOPE_TO,
                    RECORDS.EXTENSIONS)
                .from(RECORDS)
                .orderBy(RECORDS.RECORD_NO)
                .fetch(row -> row.intoList()))
        .containsExactlyElementsOf(expected(records, StoredValuesTest::recordColumns));
    assertThat(
            dsl.select(
                    DKIM_RESULTS.RECORD_NO,
                    DKIM_RESULTS.RESULT_NO,
                    DKIM_RESULTS.DOMAIN,
                    DKIM_RESULTS.SELECTOR,
                    DKIM_RESULTS.RESULT,
                    DKIM_RESULTS.HUMAN_RESULT)
                .from(DKIM_RESULTS)
                .orderBy(DKIM_RESULTS.RECORD_NO, DKIM_RESULTS.RESULT_NO)
                .fetch(row -> row.intoList()))
        .containsExactlyElementsOf(dkimRows(records));
    assertThat(
            dsl.select(
                    SPF_RESULTS.RECORD_NO,
                    SPF_RESULTS.DOMAIN,
                    SPF_RESULTS.SCOPE,
                    SPF_RESULTS.RESULT,
                    SPF_RESULTS.HUMAN_RESULT)
                .from(SPF_RESULTS)
                .orderBy(SPF_RESULTS.RECORD_NO)
                .fetch(row -> row.intoList()))
        .containsExactlyElementsOf(
            expected(
                records,
                (n, r) -> {
                  SpfAuthResult spf = r.spfResults().get(0);
                  return Arrays.asList(
                      n, spf.domain(), spf.scope(), spf.result(), spf.humanResult());
                }));
    assertThat(
            dsl.select(OVERRIDE_REASONS.RECORD_NO, OVERRIDE_REASONS.TYPE, OVERRIDE_REASONS.COMMENT)
                .from(OVERRIDE_REASONS)
                .orderBy(OVERRIDE_REASONS.RECORD_NO)
                .fetch(row -> row.intoList()))
        .containsExactlyElementsOf(
            expected(
                records,
                (n, r) -> {
                  OverrideReason reason = r.reasons().get(0);
                  return Arrays.asList(n, reason.type(), reason.comment());
                }));
  }

  /** Record n: its texts taken in turn from {@link #TEXTS}, each column shifted by one. */
  private static ReportRecord record(int n) throws Exception {
    return new ReportRecord(
        InetAddress.getByName(ADDRESSES.get(n % ADDRESSES.size())),
        // the report's total is exactly the largest bigint: half of it in the first batch, the
        // rest in a copied one
        n == 7 ? Long.MAX_VALUE / 2 : n == 1_777 ? Long.MAX_VALUE - Long.MAX_VALUE / 2 : 0,
        text(n, 0),
        text(n, 1),
        text(n, 2),
        List.of(new OverrideReason(text(n, 3), text(n, 4))),
        text(n, 5),
        text(n, 6),
        text(n, 7),
        List.of(
            new DkimResult(text(n, 8), text(n, 9), text(n, 10), text(n, 11)),
            new DkimResult(text(n, 12), null, "pass", text(n, 13))),
        List.of(new SpfAuthResult(text(n, 14), text(n, 15), text(n, 16), text(n, 0))),
        text(n, 1));
  }

  private static String text(int n, int column) {
    return TEXTS.get((n + column) % TEXTS.size());
  }

  private static List<Object> recordColumns(int n, ReportRecord r) {
    return Arrays.asList(
        n,
        Inet.valueOf(r.sourceIp()),
        r.count(),
        r.disposition(),
        r.dkim(),
        r.spf(),
        r.headerFrom(),
        r.envelopeFrom(),
        r.envelopeTo(),
        r.extensions());
  }

  private static List<List<Object>> dkimRows(List<ReportRecord> records) {
    List<List<Object>> rows = new ArrayList<>();
    for (int n = 1; n <= records.size(); n++) {
      List<DkimResult> results = records.get(n - 1).dkimResults();
      for (int no = 1; no <= results.size(); no++) {
        DkimResult dkim = results.get(no - 1);
        rows.add(
            Arrays.asList(
                n, no, dkim.domain(), dkim.selector(), dkim.result(), dkim.humanResult()));
      }
    }
    return rows;
  }

  /** One expected row per record, in record order. */
  private static List<List<Object>> expected(
      List<ReportRecord> records, BiFunction<Integer, ReportRecord, List<Object>> row) {
    List<List<Object>> rows = new ArrayList<>();
    for (int n = 1; n <= records.size(); n++) {
      rows.add(row.apply(n, records.get(n - 1)));
    }
    return rows;
  }

  private static AggregateReport report() {
    Instant begin = Instant.parse("2026-01-01T00:00:00Z");
    return new AggregateReport(
        "values.xml",
        null,
        null,
        "example.net",
        null,
        null,
        "values",
        begin,
        begin.plusSeconds(86_399),
        List.of(),
        null,
        new PolicyPublished("example.com", null, null, "none", null, null, null, null, null, null));
  }
}
