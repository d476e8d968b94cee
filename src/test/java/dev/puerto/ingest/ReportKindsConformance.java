package dev.puerto.ingest;

import static dev.puerto.schema.Tables.DMARC_FAILURE_REPORTS;
import static dev.puerto.schema.Tables.SMTP_TLS_FAILURES;
import static dev.puerto.schema.Tables.SMTP_TLS_POLICIES;
import static dev.puerto.schema.Tables.SMTP_TLS_REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.ingest.DocumentResult.Outcome;
import dev.puerto.schema.tables.records.DmarcFailureReportsRecord;
import dev.puerto.schema.tables.records.SmtpTlsFailuresRecord;
import dev.puerto.schema.tables.records.SmtpTlsPoliciesRecord;
import dev.puerto.schema.tables.records.SmtpTlsReportsRecord;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.DocumentKind;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jooq.DSLContext;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every failure report and SMTP TLS report of a folder imports, and what the views show equals what
 * an independent extraction found ({@code src/test/tools/extract_report_truth.py}, stdlib Python,
 * into {@code src/test/resources/conformance/*-truth.jsonl}), field by field, session count by
 * session count: {@link RealReportKindsConformanceTest} for the shared corpus's real reports,
 * {@link SampleReportKindsConformanceTest} for the project's own in {@code reports-samples/}.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportKindsConformance {
  private final TestDatabase testDatabase;
  private Database database;
  private DSLContext dsl;
  private final Map<String, InputResult> results = new HashMap<>();

  ReportKindsConformance(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  /** The files to import, by the name their truth gives them. */
  abstract Map<String, Path> files();

  /** The truth of every failure report, then of every TLS report, of those files. */
  abstract List<JsonNode> failureTruth();

  abstract List<JsonNode> tlsTruth();

  @BeforeAll
  void importTheCorpus() throws Exception {
    Map<String, Path> files = files();
    database = testDatabase.open();
    dsl = database.dsl();
    Ingester ingester =
        new Ingester(
            new Unpacker(UnpackLimits.defaults()),
            ReportParsers.of(false),
            ReportStores.of(database));
    for (Map.Entry<String, Path> file : new TreeMap<>(files).entrySet()) {
      results.put(file.getKey(), ingester.ingest(InboundMessage.ofFile(file.getValue())));
    }
  }

  @AfterAll
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> every_failure_report_is_stored_as_the_independent_extraction_says() {
    return failureTruth().stream()
        .map(
            truth ->
                DynamicTest.dynamicTest(
                    truth.path("file").asText(), () -> assertFailureReport(truth)));
  }

  @TestFactory
  Stream<DynamicTest> every_tls_report_is_stored_as_the_independent_extraction_says() {
    return tlsTruth().stream()
        .map(
            truth ->
                DynamicTest.dynamicTest(
                    truth.path("file").asText(),
                    () -> {
                      if (truth.has("error")) {
                        assertRejected(truth);
                      } else {
                        assertTlsReport(truth);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> every_corpus_file_has_its_truth() {
    List<String> known = new ArrayList<>();
    failureTruth().forEach(t -> known.add(t.path("file").asText()));
    tlsTruth().forEach(t -> known.add(t.path("file").asText()));
    return results.keySet().stream()
        .sorted()
        .map(file -> DynamicTest.dynamicTest(file, () -> assertThat(known).contains(file)));
  }

  private void assertFailureReport(JsonNode truth) {
    InputResult result = stored(truth, DocumentKind.FAILURE_REPORT);
    // The same report in other bytes (LinkedIn's, with CRLF and with LF) is stored once.
    DmarcFailureReportsRecord row =
        dsl.selectFrom(DMARC_FAILURE_REPORTS)
            .where(
                isDuplicate(result, DocumentKind.FAILURE_REPORT)
                    ? DMARC_FAILURE_REPORTS
                        .REPORTER
                        .eq(text(truth, "reporter"))
                        .and(DMARC_FAILURE_REPORTS.MESSAGE_ID.eq(text(truth, "message_id")))
                        .and(DMARC_FAILURE_REPORTS.INPUT_ID.ne(result.inputId()))
                    : DMARC_FAILURE_REPORTS.INPUT_ID.eq(result.inputId()))
            .fetchSingle();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(row.getFeedbackType())
        .as("feedback_type")
        .isEqualTo(text(truth, "feedback_type"));
    soft.assertThat(row.getReportedDomain())
        .as("reported_domain")
        .isEqualTo(text(truth, "reported_domain"));
    soft.assertThat(address(row.getSourceIp()))
        .as("source_ip")
        .isEqualTo(address(truth, "source_ip"));
    if (number(truth, "arrival_date") == null && row.getArrivalAt() != null) {
      // No Arrival-Date field, but RFC 6591's sentence "received from IP ... on DATE" gives it.
      soft.assertThat(row.getMissing()).as("missing").anyMatch(m -> m.contains("Arrival-Date"));
    } else {
      soft.assertThat(epoch(row.getArrivalAt()))
          .as("arrival_at")
          .isEqualTo(number(truth, "arrival_date"));
    }
    soft.assertThat(row.getAuthFailure()).as("auth_failure").isEqualTo(text(truth, "auth_failure"));
    soft.assertThat(blankIsAbsent(row.getOriginalMailFrom()))
        .as("original_mail_from")
        .isEqualTo(text(truth, "original_mail_from"));
    soft.assertThat(blankIsAbsent(row.getOriginalRcptTo()))
        .as("original_rcpt_to")
        .isEqualTo(text(truth, "original_rcpt_to"));
    soft.assertThat(row.getDeliveryResult())
        .as("delivery_result")
        .isEqualTo(text(truth, "delivery_result"));
    soft.assertThat(row.getIdentityAlignment())
        .as("identity_alignment")
        .isEqualTo(text(truth, "identity_alignment"));
    soft.assertThat(row.getDkimDomain()).as("dkim_domain").isEqualTo(text(truth, "dkim_domain"));
    soft.assertThat(row.getDkimSelector())
        .as("dkim_selector")
        .isEqualTo(text(truth, "dkim_selector"));
    soft.assertThat(row.getDkimIdentity())
        .as("dkim_identity")
        .isEqualTo(text(truth, "dkim_identity"));
    soft.assertThat(row.getSpfDns()).as("spf_dns").isEqualTo(text(truth, "spf_dns"));
    soft.assertThat(row.getReportingMta())
        .as("reporting_mta")
        .isEqualTo(text(truth, "reporting_mta"));
    soft.assertThat(row.getUserAgent()).as("user_agent").isEqualTo(text(truth, "user_agent"));
    soft.assertThat(row.getVersion()).as("version").isEqualTo(text(truth, "version"));
    soft.assertThat(row.getReporter()).as("reporter").isEqualTo(text(truth, "reporter"));
    soft.assertThat(row.getHeaderFrom()).as("header_from").isEqualTo(text(truth, "header_from"));
    soft.assertThat(row.getSubject()).as("subject").isEqualTo(text(truth, "subject"));
    soft.assertThat(row.getMessageId()).as("message_id").isEqualTo(text(truth, "message_id"));
    soft.assertThat(row.getReturnedBody()).as("returned_body (not kept by default)").isNull();
    soft.assertThat(row.getMissing().length == 0)
        .as(
            "missing is empty exactly for a complete ARF report: %s",
            Arrays.toString(row.getMissing()))
        .isEqualTo(complete(truth));
    soft.assertAll();
  }

  /** Complete as FailureReport says: the ARF fields that place the failure, and the headers. */
  private static boolean complete(JsonNode truth) {
    return truth.path("has_arf_part").asBoolean()
        && text(truth, "feedback_type") != null
        && text(truth, "reported_domain") != null
        && text(truth, "source_ip") != null
        && number(truth, "arrival_date") != null
        && (text(truth, "header_from") != null || text(truth, "subject") != null);
  }

  private void assertTlsReport(JsonNode truth) {
    InputResult result = stored(truth, DocumentKind.TLS_REPORT);
    SmtpTlsReportsRecord report =
        dsl.selectFrom(SMTP_TLS_REPORTS)
            .where(SMTP_TLS_REPORTS.ORG_NAME.eq(truth.path("organization_name").asText()))
            .and(SMTP_TLS_REPORTS.REPORT_ID.eq(truth.path("report_id").asText()))
            .fetchSingle();
    if (isDuplicate(result, DocumentKind.TLS_REPORT)) {
      return; // the row holds the first copy's values (RFC 8460 spec example, sent twice)
    }
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(report.getContactInfo())
        .as("contact_info")
        .isEqualTo(text(truth, "contact_info"));
    soft.assertThat(epoch(report.getBeginAt())).as("begin").isEqualTo(number(truth, "begin"));
    soft.assertThat(epoch(report.getEndAt())).as("end").isEqualTo(number(truth, "end"));
    List<SmtpTlsPoliciesRecord> policies =
        dsl.selectFrom(SMTP_TLS_POLICIES)
            .where(SMTP_TLS_POLICIES.TLS_REPORT_ID.eq(report.getId()))
            .orderBy(SMTP_TLS_POLICIES.POLICY_NO)
            .fetch();
    JsonNode expected = truth.path("policies");
    soft.assertThat(policies).as("policies").hasSize(expected.size());
    for (int p = 0; p < Math.min(policies.size(), expected.size()); p++) {
      assertPolicy(soft, report.getId(), policies.get(p), expected.get(p));
    }
    soft.assertAll();
  }

  private void assertPolicy(
      SoftAssertions soft, long reportId, SmtpTlsPoliciesRecord policy, JsonNode truth) {
    String at = "policy " + policy.getPolicyNo() + " ";
    soft.assertThat(policy.getPolicyType()).as(at + "type").isEqualTo(text(truth, "policy_type"));
    soft.assertThat(policy.getPolicyDomain())
        .as(at + "domain")
        .isEqualTo(text(truth, "policy_domain"));
    soft.assertThat(policy.getPolicyStrings())
        .as(at + "strings")
        .containsExactly(texts(truth, "policy_strings"));
    soft.assertThat(policy.getMxHosts())
        .as(at + "mx hosts")
        .containsExactly(texts(truth, "mx_hosts"));
    soft.assertThat(policy.getSuccessfulSessions())
        .as(at + "successful sessions")
        .isEqualTo(number(truth, "successful_sessions"));
    soft.assertThat(policy.getFailedSessions())
        .as(at + "failed sessions")
        .isEqualTo(number(truth, "failed_sessions"));
    List<SmtpTlsFailuresRecord> failures =
        dsl.selectFrom(SMTP_TLS_FAILURES)
            .where(SMTP_TLS_FAILURES.TLS_REPORT_ID.eq(reportId))
            .and(SMTP_TLS_FAILURES.POLICY_NO.eq(policy.getPolicyNo()))
            .orderBy(SMTP_TLS_FAILURES.FAILURE_NO)
            .fetch();
    JsonNode expected = truth.path("failures");
    soft.assertThat(failures).as(at + "failures").hasSize(expected.size());
    for (int f = 0; f < Math.min(failures.size(), expected.size()); f++) {
      SmtpTlsFailuresRecord failure = failures.get(f);
      JsonNode want = expected.get(f);
      String of = at + "failure " + (f + 1) + " ";
      soft.assertThat(failure.getResultType())
          .as(of + "result type")
          .isEqualTo(text(want, "result_type"));
      soft.assertThat(address(failure.getSendingMtaIp()))
          .as(of + "sending mta ip")
          .isEqualTo(address(want, "sending_mta_ip"));
      soft.assertThat(failure.getReceivingMxHostname())
          .as(of + "receiving mx")
          .isEqualTo(text(want, "receiving_mx_hostname"));
      soft.assertThat(failure.getReceivingMxHelo())
          .as(of + "receiving helo")
          .isEqualTo(text(want, "receiving_mx_helo"));
      soft.assertThat(address(failure.getReceivingIp()))
          .as(of + "receiving ip")
          .isEqualTo(address(want, "receiving_ip"));
      soft.assertThat(failure.getFailedSessions())
          .as(of + "failed sessions")
          .isEqualTo(number(want, "failed_sessions"));
      soft.assertThat(failure.getAdditionalInformation())
          .as(of + "additional information")
          .isEqualTo(text(want, "additional_information"));
      soft.assertThat(failure.getFailureReasonCode())
          .as(of + "failure reason code")
          .isEqualTo(text(want, "failure_reason_code"));
    }
  }

  private void assertRejected(JsonNode truth) {
    InputResult result = results.get(truth.path("file").asText());
    assertThat(result).as("imported %s", truth.path("file")).isNotNull();
    assertThat(result.documents())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
              assertThat(d.kind()).isEqualTo(DocumentKind.TLS_REPORT);
              assertThat(d.reason()).isNotBlank();
            });
  }

  /** The file's one report was stored: now, or before from another file (a duplicate). */
  private InputResult stored(JsonNode truth, DocumentKind kind) {
    InputResult result = results.get(truth.path("file").asText());
    assertThat(result).as("imported %s", truth.path("file")).isNotNull();
    assertThat(result.documents().stream().filter(d -> d.is(kind)))
        .as("%s: %s", truth.path("file"), result.rejections())
        .singleElement()
        .satisfies(d -> assertThat(d.outcome()).isIn(Outcome.IMPORTED, Outcome.DUPLICATE));
    return result;
  }

  /** The input's report of the one kind its truth line is (an mbox holds all three). */
  private static boolean isDuplicate(InputResult result, DocumentKind kind) {
    return result.documents().stream()
        .anyMatch(d -> d.is(kind) && d.outcome() == Outcome.DUPLICATE);
  }

  @TestFactory
  Stream<DynamicTest> a_report_is_a_duplicate_only_of_one_with_its_key_in_an_earlier_file() {
    Map<String, String> firstFileOfKey = new HashMap<>();
    List<DynamicTest> tests = new ArrayList<>();
    List<JsonNode> all = new ArrayList<>(failureTruth());
    all.addAll(tlsTruth());
    all.sort(Comparator.comparing(t -> t.path("file").asText()));
    for (JsonNode truth : all) {
      if (truth.has("error")) {
        continue;
      }
      String file = truth.path("file").asText();
      String key = dedupKey(truth);
      boolean earlier = key != null && firstFileOfKey.putIfAbsent(key, file) != null;
      tests.add(
          DynamicTest.dynamicTest(
              file,
              () ->
                  assertThat(isDuplicate(results.get(file), kindOf(truth)))
                      .as("%s is a duplicate (its key %s came in an earlier file)", file, key)
                      .isEqualTo(earlier)));
    }
    return tests.stream();
  }

  private static DocumentKind kindOf(JsonNode truth) {
    return truth.has("report_id") ? DocumentKind.TLS_REPORT : DocumentKind.FAILURE_REPORT;
  }

  /** RFC 8460's (organization, report id); a failure report's reporter, Message-ID, arrival. */
  private static String dedupKey(JsonNode truth) {
    if (truth.has("report_id")) {
      return truth.path("organization_name").asText() + "|" + truth.path("report_id").asText();
    }
    List<Object> parts =
        Arrays.asList(
            text(truth, "reporter"), text(truth, "message_id"), number(truth, "arrival_date"));
    return parts.contains(null) ? null : parts.toString();
  }

  static List<JsonNode> truth(String resource) {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in =
        ReportKindsConformance.class.getResourceAsStream("/conformance/" + resource)) {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(json.readTree(line));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : blankIsAbsent(value.asText());
  }

  private static String[] texts(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    node.path(field).forEach(v -> values.add(v.asText()));
    return values.toArray(String[]::new);
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asLong();
  }

  /** A field present but empty says no more than an absent one; Puerto stores both as NULL. */
  private static String blankIsAbsent(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static Long epoch(OffsetDateTime time) {
    return time == null ? null : time.toEpochSecond();
  }

  private static InetAddress address(Inet inet) {
    return inet == null ? null : inet.address();
  }

  private static InetAddress address(JsonNode node, String field) {
    String literal = text(node, field);
    try {
      return literal == null ? null : InetAddress.getByName(literal); // literals only: no lookup
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
