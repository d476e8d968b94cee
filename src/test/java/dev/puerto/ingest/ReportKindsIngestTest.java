package dev.puerto.ingest;

import static dev.puerto.schema.Tables.FAILURE_REPORTS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.TLS_FAILURES;
import static dev.puerto.schema.Tables.TLS_REPORTS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.ReportMails;
import dev.puerto.ingest.DocumentResult.Outcome;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.InboundMessage;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.store.StoredInput;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.DocumentKind;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Failure and SMTP TLS reports through the whole pipeline for one input: stored, deduplicated,
 * their bodies kept only when asked, hostile ones confined to their part, and inputs an earlier
 * version rejected imported by {@code reparse}.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportKindsIngestTest {
  private static final Path AGGREGATE =
      Path.of("reports-samples", "wp.pl!example.com!1773360000!1773446399.xml");

  private final TestDatabase testDatabase;
  private Database database;
  private DSLContext dsl;

  ReportKindsIngestTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
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
  void a_failure_report_sent_again_in_other_bytes_is_stored_once() throws Exception {
    byte[] first = ReportMails.failureReport().raw();
    byte[] resent =
        new String(first, UTF_8)
            .replace(
                "Date: Sun, 15 Mar 2026 00:00:00 +0000", "Date: Sun, 15 Mar 2026 06:00:00 +0000")
            .getBytes(UTF_8);

    InputResult one = ingest(false, "ruf-1.eml", first);
    InputResult two = ingest(false, "ruf-2.eml", resent);

    assertThat(one.documents())
        .singleElement()
        .extracting(DocumentResult::outcome)
        .isEqualTo(Outcome.IMPORTED);
    assertThat(two.documents())
        .singleElement()
        .extracting(DocumentResult::outcome)
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(two.status()).isEqualTo(InputStatus.DUPLICATE);
    assertThat(dsl.fetchCount(FAILURE_REPORTS)).isEqualTo(1);
  }

  @Test
  void the_returned_body_is_stored_only_when_asked() throws Exception {
    ingest(false, "plain.eml", failureReportReturning("Please wire 10,000 EUR today."));
    ingest(true, "kept.eml", failureReportReturning("Please wire 20,000 EUR today."));

    assertThat(
            dsl.select(FAILURE_REPORTS.INPUT_PART, FAILURE_REPORTS.RETURNED_BODY)
                .from(FAILURE_REPORTS)
                .orderBy(FAILURE_REPORTS.ID)
                .fetch(r -> r.value1() + " " + r.value2()))
        .containsExactly("plain.eml null", "kept.eml Please wire 20,000 EUR today.");
    assertThat(dsl.select(FAILURE_REPORTS.SUBJECT).from(FAILURE_REPORTS).fetch(0, String.class))
        .containsOnly("Invoice");
  }

  @Test
  void a_tls_report_with_a_hundred_thousand_failure_details_is_rejected_and_the_zip_goes_on()
      throws Exception {
    StringBuilder details = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      details
          .append(i == 0 ? "" : ",")
          .append("{\"result-type\":\"certificate-expired\",\"failed-session-count\":1}");
    }
    byte[] zip =
        zip(
            "hostile.json",
            tlsReport("flood", details.toString()),
            "good.xml",
            Files.readAllBytes(AGGREGATE));

    InputResult result = ingest(false, "mixed.zip", zip);

    assertThat(result.status()).isEqualTo(InputStatus.PARTIAL);
    assertThat(result.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(DocumentKind.TLS_REPORT);
              assertThat(r.reason()).startsWith("mixed.zip!hostile.json: ").contains("10,000");
            });
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(1);
    assertThat(dsl.fetchCount(TLS_REPORTS)).isZero();
  }

  @Test
  void hostile_tls_json_is_rejected_with_its_reason_and_nothing_of_it_stored() throws Exception {
    String nesting = "[".repeat(200_000);
    List<String> hostile =
        List.of(
            "{\"organization-name\":\"x\",\"report-id\":\"deep\",\"policies\":" + nesting,
            new String(
                tlsReport(
                    "huge",
                    "{\"result-type\":\"x\",\"failed-session-count\":99999999999999999999999}"),
                UTF_8),
            new String(
                tlsReport("neg", "{\"result-type\":\"x\",\"failed-session-count\":-1}"), UTF_8),
            new String(tlsReport("nul\\u0000id", ""), UTF_8));

    for (int i = 0; i < hostile.size(); i++) {
      InputResult result = ingest(false, "hostile-" + i + ".json", hostile.get(i).getBytes(UTF_8));

      assertThat(result.status())
          .as(hostile.get(i).substring(0, 60))
          .isEqualTo(InputStatus.REJECTED);
      assertThat(result.rejections())
          .singleElement()
          .satisfies(r -> assertThat(r.reason()).isNotBlank());
    }
    assertThat(dsl.fetchCount(TLS_REPORTS)).isZero();
    assertThat(dsl.fetchCount(TLS_FAILURES)).isZero();
  }

  @Test
  void reparse_imports_the_failure_and_tls_reports_an_earlier_version_rejected() throws Exception {
    InputResult failure = ingest(false, "ruf.eml", ReportMails.failureReport().raw());
    InputResult tls = ingest(false, "tls.eml", ReportMails.tlsReport().raw());
    // What versions before 0.2 recorded for them, with their reports nowhere.
    dsl.deleteFrom(FAILURE_REPORTS).execute();
    dsl.deleteFrom(TLS_REPORTS).execute();
    dsl.update(INPUTS)
        .set(INPUTS.STATUS, InputStatus.REJECTED)
        .set(INPUTS.ERROR, "ruf.eml: DMARC failure (forensic) report, not an aggregate report")
        .execute();
    Ingester ingester = ingester(false);

    List<StoredInput> rejected =
        ReportStores.of(database).inputs().findInputs(List.of(InputStatus.REJECTED), List.of());
    for (StoredInput input : rejected) {
      ingester.reingest(input);
    }

    assertThat(rejected)
        .extracting(StoredInput::id)
        .containsExactlyInAnyOrder(failure.inputId(), tls.inputId());
    assertThat(dsl.select(INPUTS.STATUS).from(INPUTS).fetch(INPUTS.STATUS))
        .containsOnly(InputStatus.IMPORTED);
    assertThat(dsl.fetchCount(FAILURE_REPORTS)).isEqualTo(1);
    assertThat(dsl.fetchCount(TLS_REPORTS)).isEqualTo(1);
  }

  private InputResult ingest(boolean keepBodies, String name, byte[] bytes) throws Exception {
    return ingester(keepBodies)
        .ingest(InboundMessage.ofBytes(new Origin(Origin.Kind.FILE, name), bytes));
  }

  private Ingester ingester(boolean keepBodies) {
    return new Ingester(
        new Unpacker(UnpackLimits.defaults()),
        ReportParsers.of(keepBodies),
        ReportStores.of(database));
  }

  private static byte[] failureReportReturning(String body) {
    String id = Integer.toHexString(body.hashCode());
    return String.join(
            "\r\n",
            "From: ruf@reporter.example",
            "Subject: DMARC failure report for example.com",
            "Date: Sun, 15 Mar 2026 00:00:00 +0000",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: message/feedback-report",
            "",
            "Feedback-Type: auth-failure",
            "Version: 1",
            "Reported-Domain: example.com",
            "Source-IP: 192.0.2.7",
            "Arrival-Date: Sat, 14 Mar 2026 10:00:00 +0000",
            "",
            "--b",
            "Content-Type: message/rfc822",
            "",
            "From: billing@example.com",
            "Subject: Invoice",
            "Message-ID: <" + id + "@example.com>",
            "",
            body,
            "--b--",
            "")
        .getBytes(UTF_8);
  }

  private static byte[] tlsReport(String reportId, String failureDetails) {
    return ("{\"organization-name\":\"Reporter Inc.\",\"report-id\":\""
            + reportId
            + "\",\"contact-info\":\"tlsrpt@reporter.example\","
            + "\"date-range\":{\"start-datetime\":\"2026-03-14T00:00:00Z\","
            + "\"end-datetime\":\"2026-03-14T23:59:59Z\"},"
            + "\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-domain\":\"example.com\"},"
            + "\"summary\":{\"total-successful-session-count\":5,\"total-failure-session-count\":1},"
            + "\"failure-details\":["
            + failureDetails
            + "]}]}")
        .getBytes(UTF_8);
  }

  private static byte[] zip(String firstName, byte[] first, String secondName, byte[] second)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(firstName));
      out.write(first);
      out.putNextEntry(new ZipEntry(secondName));
      out.write(second);
    }
    return bytes.toByteArray();
  }
}
