package dev.puerto.ingest;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.OVERRIDE_REASONS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SPF_RESULTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.puerto.schema.tables.records.RecordsRecord;
import dev.puerto.schema.tables.records.ReportsRecord;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.SharedCorpus;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every real report in ../shared/corpus/aggregate imports, and what is stored equals truth.jsonl
 * (extracted by an independent parser) to the last message count.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusConformanceTest {
  private final TestDatabase testDatabase;
  private SharedCorpus corpus;
  private Database database;
  private DSLContext dsl;
  private final Map<String, InputResult> results = new HashMap<>();

  CorpusConformanceTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void importTheCorpus() throws Exception {
    corpus = SharedCorpus.require();
    database = testDatabase.open();
    dsl = database.dsl();
    Ingester ingester =
        new Ingester(
            new Unpacker(UnpackLimits.defaults()),
            ReportParsers.of(false),
            ReportStores.of(database));
    for (Path file : corpus.files("aggregate")) {
      results.put("aggregate/" + file.getFileName(), ingester.ingest(InboundMessage.ofFile(file)));
    }
  }

  @AfterAll
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> every_aggregate_file_yields_its_reports() {
    return results.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.getKey(),
                    () -> {
                      long expected = truthFor(entry.getKey()).size();
                      assertThat(entry.getValue().documents())
                          .as("documents found in %s", entry.getKey())
                          .hasSize((int) expected);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> every_report_matches_the_truth() {
    return corpus.truth().stream()
        .filter(line -> line.path("file").asText().startsWith("aggregate/"))
        .filter(line -> !line.has("error"))
        .map(
            line ->
                DynamicTest.dynamicTest(
                    line.path("file").asText() + " #" + line.path("part_index").asInt(),
                    () -> {
                      if (hasQuirk(line, "record(s) without a source_ip")) {
                        assertRejected(line, "source_ip");
                      } else {
                        assertStoredAsTruth(line);
                      }
                    }));
  }

  private void assertRejected(JsonNode line, String reasonFragment) {
    InputResult result = results.get(line.path("file").asText());
    assertThat(result.rejections())
        .singleElement()
        .satisfies(rejection -> assertThat(rejection.reason()).contains(reasonFragment));
  }

  private void assertStoredAsTruth(JsonNode truth) throws Exception {
    ReportsRecord report =
        dsl.selectFrom(REPORTS)
            .where(REPORTS.REPORT_ID.eq(reportId(truth.path("report_id").asText())))
            .and(REPORTS.BEGIN_AT.eq(epoch(truth.path("date_begin").asLong())))
            .and(REPORTS.END_AT.eq(epoch(truth.path("date_end").asLong())))
            .and(
                REPORTS.POLICY_DOMAIN.eq(
                    domain(truth.path("policy_published").path("domain").asText())))
            .fetchOne();
    assertThat(report).as("stored report %s", truth.path("report_id")).isNotNull();

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(report.getOrgName()).as("org_name").isEqualTo(orgName(truth));
    JsonNode policy = truth.path("policy_published");
    soft.assertThat(report.getAdkim()).as("adkim").isEqualTo(word(policy.path("adkim")));
    soft.assertThat(report.getAspf()).as("aspf").isEqualTo(word(policy.path("aspf")));
    soft.assertThat(report.getP()).as("p").isEqualTo(word(policy.path("p")));
    soft.assertThat(report.getSp()).as("sp").isEqualTo(word(policy.path("sp")));
    soft.assertThat(report.getNp()).as("np").isEqualTo(word(policy.path("np")));
    soft.assertThat(report.getFo()).as("fo").isEqualTo(text(policy.path("fo")));
    soft.assertThat(report.getPct())
        .as("pct")
        .isEqualTo(policy.path("pct").isNull() ? null : policy.path("pct").asInt());
    soft.assertThat(report.getRecordCount())
        .as("record_count")
        .isEqualTo(truth.path("record_count").asInt());
    soft.assertThat(report.getMessageCount())
        .as("message_total")
        .isEqualTo(truth.path("message_total").asLong());

    List<RecordsRecord> records =
        dsl.selectFrom(RECORDS)
            .where(RECORDS.REPORT_KEY.eq(report.getId()))
            .orderBy(RECORDS.RECORD_NO)
            .fetch();
    JsonNode expectedRecords = truth.path("records");
    soft.assertThat(records).as("records").hasSize(expectedRecords.size());
    for (int i = 0; i < Math.min(records.size(), expectedRecords.size()); i++) {
      assertRecord(soft, records.get(i), expectedRecords.get(i), "record " + (i + 1));
    }
    soft.assertAll();
  }

  private void assertRecord(
      SoftAssertions soft, RecordsRecord actual, JsonNode expected, String label) throws Exception {
    soft.assertThat(actual.getSourceIp().address())
        .as(label + " source_ip")
        .isEqualTo(InetAddress.getByName(expected.path("source_ip").asText().strip()));
    soft.assertThat(actual.getMessageCount())
        .as(label + " count")
        .isEqualTo(Long.parseLong(expected.path("count").asText().strip()));
    soft.assertThat(actual.getDisposition())
        .as(label + " disposition")
        .isEqualTo(word(expected.path("disposition")));
    soft.assertThat(actual.getDkimResult())
        .as(label + " dkim")
        .isEqualTo(word(expected.path("dkim")));
    soft.assertThat(actual.getSpfResult()).as(label + " spf").isEqualTo(word(expected.path("spf")));
    soft.assertThat(actual.getHeaderFrom())
        .as(label + " header_from")
        .isEqualTo(domainOrNull(expected.path("header_from")));
    soft.assertThat(actual.getEnvelopeFrom())
        .as(label + " envelope_from")
        .isEqualTo(domainOrNull(expected.path("envelope_from")));
    soft.assertThat(actual.getEnvelopeTo())
        .as(label + " envelope_to")
        .isEqualTo(domainOrNull(expected.path("envelope_to")));

    soft.assertThat(
            dsl.select(DKIM_RESULTS.DOMAIN, DKIM_RESULTS.SELECTOR, DKIM_RESULTS.RESULT)
                .from(DKIM_RESULTS)
                .where(DKIM_RESULTS.REPORT_KEY.eq(actual.getReportKey()))
                .and(DKIM_RESULTS.RECORD_NO.eq(actual.getRecordNo()))
                .orderBy(DKIM_RESULTS.RESULT_NO)
                .fetch(r -> triple(r.value1(), r.value2(), r.value3())))
        .as(label + " dkim results")
        .containsExactlyElementsOf(
            expectedTriples(expected.path("dkim_results"), "domain", "selector", "result"));
    soft.assertThat(
            dsl.select(SPF_RESULTS.DOMAIN, SPF_RESULTS.SCOPE, SPF_RESULTS.RESULT)
                .from(SPF_RESULTS)
                .where(SPF_RESULTS.REPORT_KEY.eq(actual.getReportKey()))
                .and(SPF_RESULTS.RECORD_NO.eq(actual.getRecordNo()))
                .orderBy(SPF_RESULTS.RESULT_NO)
                .fetch(r -> triple(r.value1(), r.value2(), r.value3())))
        .as(label + " spf results")
        .containsExactlyElementsOf(
            expectedTriples(expected.path("spf_results"), "domain", "scope", "result"));
    soft.assertThat(
            dsl.select(OVERRIDE_REASONS.TYPE, OVERRIDE_REASONS.COMMENT)
                .from(OVERRIDE_REASONS)
                .where(OVERRIDE_REASONS.REPORT_KEY.eq(actual.getReportKey()))
                .and(OVERRIDE_REASONS.RECORD_NO.eq(actual.getRecordNo()))
                .orderBy(OVERRIDE_REASONS.REASON_NO)
                .fetch(r -> triple(r.value1(), r.value2(), null)))
        .as(label + " reasons")
        .containsExactlyElementsOf(expectedReasons(expected.path("reasons")));
  }

  private List<JsonNode> truthFor(String file) {
    return corpus.truth().stream()
        .filter(line -> line.path("file").asText().equals(file))
        .filter(line -> !line.has("error"))
        .toList();
  }

  private static boolean hasQuirk(JsonNode line, String quirk) {
    for (JsonNode q : line.path("quirks")) {
      if (q.asText().equals(quirk)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> expectedTriples(JsonNode results, String a, String b, String c) {
    List<String> triples = new ArrayList<>();
    for (JsonNode result : results) {
      triples.add(triple(domainOrNull(result.path(a)), text(result.path(b)), word(result.path(c))));
    }
    return triples;
  }

  private static List<String> expectedReasons(JsonNode reasons) {
    List<String> expected = new ArrayList<>();
    for (JsonNode reason : reasons) {
      expected.add(triple(word(reason.path("type")), text(reason.path("comment")), null));
    }
    return expected;
  }

  private static String triple(String a, String b, String c) {
    return blankToNull(a) + " | " + blankToNull(b) + " | " + blankToNull(c);
  }

  private static OffsetDateTime epoch(long seconds) {
    return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  /** The org name as sent, or the e-mail's domain when the reporter left it empty. */
  private static String orgName(JsonNode truth) {
    String name = truth.path("org_name").asText("").strip();
    if (!name.isEmpty()) {
      return name;
    }
    String email = truth.path("email").asText("").strip();
    return email.substring(email.indexOf('@') + 1).replace(">", "").toLowerCase(Locale.ROOT);
  }

  private static String reportId(String raw) {
    String id = raw.strip();
    return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText().strip();
  }

  private static String word(JsonNode node) {
    String text = text(node);
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  private static String domain(String raw) {
    String domain = raw.strip().toLowerCase(Locale.ROOT);
    return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
  }

  private static String domainOrNull(JsonNode node) {
    String text = text(node);
    return text == null ? null : domain(text);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
