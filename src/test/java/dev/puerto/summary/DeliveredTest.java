package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.parse.ReportParser;
import dev.puerto.source.Origin;
import dev.puerto.store.Database;
import dev.puerto.store.Records;
import dev.puerto.store.ReportStore;
import dev.puerto.testing.FirstReport;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.RawBytes;
import dev.puerto.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFC 9990's {@code pass} disposition (the message passed DMARC under an enforcing policy, and was
 * delivered) counts with {@code none} as delivered, in every format; only quarantine and reject are
 * policy actions. A report is imported as sent, parser and store included.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveredTest {
  private static final String REPORT =
      """
      <feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">
        <report_metadata><org_name>example.net</org_name><report_id>dispositions</report_id>
          <date_range><begin>1767225600</begin><end>1767311999</end></date_range>
        </report_metadata>
        <policy_published><domain>example.com</domain><p>reject</p></policy_published>
        %s
      </feedback>
      """;

  private final Database database;
  private DomainSummary summary;
  private WeeklySummary weekly;

  DeliveredTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
  }

  @BeforeAll
  void importAndSummarize() throws Exception {
    String records =
        String.join(
            "\n",
            record(1, 1, "<disposition>pass</disposition><dkim>pass</dkim><spf>fail</spf>"),
            record(2, 20, "<disposition>Pass</disposition><dkim>pass</dkim><spf>pass</spf>"),
            record(3, 300, "<disposition>none</disposition><dkim>fail</dkim><spf>fail</spf>"),
            record(
                4,
                4000,
                "<disposition>none</disposition><dkim>fail</dkim><spf>fail</spf>"
                    + "<reason><type>policy_test_mode</type></reason>"),
            record(5, 50000, "<disposition>quarantine</disposition><dkim>fail</dkim>"),
            record(6, 600000, "<disposition>reject</disposition><dkim>fail</dkim>"));
    byte[] xml = REPORT.formatted(records).getBytes(StandardCharsets.UTF_8);
    ReportStore store = new ReportStore(database);
    long input =
        store.registerInput(new Origin(Origin.Kind.FILE, "pass.xml"), RawBytes.of(xml)).id();
    try (FirstReport first =
        FirstReport.open(new ReportParser(), "pass.xml", new ByteArrayInputStream(xml))) {
      store.store(input, "pass.xml", first.reader().report(), Records.of(first.reader()));
    }
    weekly =
        new Summarizer(new SummaryReader(database.dsl()))
            .summarize(IsoWeek.parse("2026-W01"), List.of("example.com"));
    summary = weekly.domains().get(0);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void pass_counts_as_delivered_with_none_and_the_three_buckets_add_up() {
    Counts counts = summary.counts();

    assertThat(counts.messages()).isEqualTo(654_321);
    assertThat(counts.delivered()).isEqualTo(1 + 20 + 300 + 4000);
    assertThat(counts.quarantine()).isEqualTo(50_000);
    assertThat(counts.reject()).isEqualTo(600_000);
    assertThat(counts.delivered() + counts.quarantine() + counts.reject())
        .isEqualTo(counts.messages());
  }

  @Test
  void the_json_summary_counts_pass_in_the_documented_none_bucket() throws Exception {
    JsonNode dispositions =
        new ObjectMapper()
            .readTree(SummaryFormat.JSON.render(weekly))
            .get("domains")
            .get(0)
            .get("dispositions");

    // README: dispositions.none is "disposition none, RFC 9990's pass, or none reported".
    assertThat(dispositions.get("none").asLong()).isEqualTo(4_321);
    assertThat(dispositions.get("quarantine").asLong()).isEqualTo(50_000);
  }

  @Test
  void the_text_summary_labels_the_bucket_by_what_happened_not_by_a_disposition() {
    assertThat(SummaryFormat.TEXT.render(weekly)).containsPattern("Not acted on +4,321");
  }

  private static String record(int ip, long count, String evaluated) {
    return """
        <record>
          <row><source_ip>192.0.2.%d</source_ip><count>%d</count>
            <policy_evaluated>%s</policy_evaluated></row>
          <identifiers><header_from>example.com</header_from></identifiers>
          <auth_results><spf><domain>example.com</domain><result>fail</result></spf></auth_results>
        </record>"""
        .formatted(ip, count, evaluated);
  }
}
