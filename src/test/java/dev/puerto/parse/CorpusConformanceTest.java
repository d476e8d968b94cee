package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Plain-XML reports of the shared corpus against the independent ground truth in truth.jsonl. The
 * truth holds raw text; it is normalised here by the documented rules before comparing.
 */
class CorpusConformanceTest {
  private static final ReportParser PARSER = new ReportParser();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reports that must be rejected, with the reason; all others must match the truth. */
  private static final Map<String, String> REJECTED =
      Map.of(
          "aggregate/communitales__report_no_source_ip.xml", "record 1 has an empty <source_ip>",
          "invalid/communitales__report_invalid_mindate.xml",
              "<report_metadata> has no <date_range>",
          "invalid/opendmarc__bad.com!example.com!1337140800!1337227200.xml",
              "record 2: <source_ip> is not an IPv4 or IPv6 address: \"108r.166.27.220\"",
          "invalid/parsedmarc__empty.xml", "document is empty (0 bytes)",
          "invalid/parsedmarc__invalid_xml.xml",
              "malformed XML at line 5, column 18: Unexpected character '@' (code 64) expected"
                  + " space, or '>' or \"/>\"",
          "invalid/qtdmarc__invalid-no-policy.xml", "no <policy_published>",
          "invalid/smaxwell__dmarc-invalid-1.xml",
              "malformed XML at line 9, column 10: Unexpected close tag </feedback>; expected"
                  + " </report_metadata>.",
          "invalid/stavrosk__malformed.xml",
              "malformed XML at line 30, column 15: Unexpected close tag </policy_>; expected"
                  + " </policy_evaluated>.");

  /** Files under invalid/ whose meaning is clear enough to read (values checked against truth). */
  private static final Set<String> RECOVERED =
      Set.of(
          "invalid/cryinc__invalid_casing.xml",
          "invalid/parsedmarc__report_with_upper_cased_pass.xml",
          "invalid/qtdmarc__invalid-dkim-spf-seq.xml",
          "invalid/qtdmarc__invalid-dup-email.xml",
          "invalid/qtdmarc__invalid-dup-row.xml",
          "invalid/qtdmarc__invalid-feedback-seq.xml",
          "invalid/qtdmarc__invalid-no-records.xml",
          "invalid/qtdmarc__invalid-spf-dkim-seq.xml",
          "invalid/qtdmarc__invalid-two-meta.xml",
          "invalid/qtdmarc__invalid-two-policies.xml",
          "invalid/qtdmarc__invalid-unexpected.xml");

  @TestFactory
  Stream<DynamicTest> plain_xml_reports_match_the_truth_or_are_rejected_precisely()
      throws IOException {
    return truth().stream()
        .filter(line -> "xml".equals(line.path("container").asText()))
        .map(line -> DynamicTest.dynamicTest(file(line), () -> conforms(line)));
  }

  @TestFactory
  Stream<DynamicTest> files_the_parser_rejects_say_why() {
    return REJECTED.entrySet().stream()
        .map(
            expected ->
                DynamicTest.dynamicTest(
                    expected.getKey(),
                    () -> assertRejected(expected.getKey(), expected.getValue())));
  }

  @Test
  void every_invalid_file_has_a_decided_outcome() throws IOException {
    try (Stream<Path> files = Files.list(corpus().resolve("invalid"))) {
      List<String> undecided =
          files
              .map(path -> "invalid/" + path.getFileName())
              .filter(file -> !REJECTED.containsKey(file) && !RECOVERED.contains(file))
              .toList();
      assertThat(undecided).isEmpty();
    }
  }

  @Test
  void every_file_the_truth_could_not_read_is_rejected() throws IOException {
    List<String> unreadable =
        truth().stream()
            .filter(line -> line.hasNonNull("error"))
            .map(CorpusConformanceTest::file)
            .toList();

    assertThat(REJECTED.keySet()).containsAll(unreadable);
  }

  private void conforms(JsonNode truth) throws Exception {
    String file = file(truth);
    if (REJECTED.containsKey(file)) {
      assertRejected(file, REJECTED.get(file));
      return;
    }
    Parsed parsed;
    try (InputStream in = Files.newInputStream(corpus().resolve(file))) {
      parsed = Parsed.parse(file, in);
    }
    assertHeader(truth, parsed.report());
    assertThat(parsed.records()).hasSize(truth.path("record_count").asInt());
    assertThat(parsed.records().stream().mapToLong(ReportRecord::count).sum())
        .isEqualTo(truth.path("message_total").asLong());
    List<JsonNode> expected = list(truth.path("records"));
    for (int i = 0; i < expected.size(); i++) {
      assertRecord(expected.get(i), parsed.records().get(i));
    }
  }

  private static void assertHeader(JsonNode truth, AggregateReport report) {
    assertThat(report.xmlNamespace()).isEqualTo(text(truth, "namespace"));
    assertThat(report.version()).isEqualTo(text(truth, "version"));
    assertThat(report.orgName()).isEqualTo(expectedOrgName(truth));
    assertThat(report.email()).isEqualTo(text(truth, "email"));
    assertThat(report.extraContactInfo()).isEqualTo(text(truth, "extra_contact_info"));
    assertThat(report.reportId()).isEqualTo(text(truth, "report_id").replaceAll("^<(.*)>$", "$1"));
    assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(truth.path("date_begin").asLong()));
    assertThat(report.end()).isEqualTo(Instant.ofEpochSecond(truth.path("date_end").asLong()));
    assertThat(report.generator()).isEqualTo(text(truth, "generator"));
    JsonNode policy = truth.path("policy_published");
    assertThat(report.policy())
        .isEqualTo(
            new PolicyPublished(
                domain(policy, "domain"),
                keyword(policy, "adkim"),
                keyword(policy, "aspf"),
                keyword(policy, "p"),
                keyword(policy, "sp"),
                policy.hasNonNull("pct") ? policy.path("pct").asInt() : null,
                keyword(policy, "np"),
                text(policy, "fo"),
                keyword(policy, "testing"),
                keyword(policy, "discovery_method")));
  }

  private static void assertRecord(JsonNode truth, ReportRecord record) throws IOException {
    // Truth IPs of accepted reports are literals, so this does not touch DNS.
    assertThat(record.sourceIp()).isEqualTo(InetAddress.getByName(text(truth, "source_ip")));
    assertThat(record.count()).isEqualTo(truth.path("count").asLong());
    assertThat(record.disposition()).isEqualTo(keyword(truth, "disposition"));
    assertThat(record.dkim()).isEqualTo(keyword(truth, "dkim"));
    assertThat(record.spf()).isEqualTo(keyword(truth, "spf"));
    assertThat(record.headerFrom()).isEqualTo(domain(truth, "header_from"));
    assertThat(record.envelopeFrom()).isEqualTo(domain(truth, "envelope_from"));
    assertThat(record.envelopeTo()).isEqualTo(domain(truth, "envelope_to"));
    assertThat(record.dkimResults())
        .extracting(dkim -> Arrays.asList(dkim.domain(), dkim.selector(), dkim.result()))
        .isEqualTo(
            rows(
                truth.path("dkim_results"),
                dkim ->
                    Arrays.asList(
                        domain(dkim, "domain"), text(dkim, "selector"), keyword(dkim, "result"))));
    assertThat(record.spfResults())
        .extracting(spf -> Arrays.asList(spf.domain(), spf.scope(), spf.result()))
        .isEqualTo(
            rows(
                truth.path("spf_results"),
                spf ->
                    Arrays.asList(
                        domain(spf, "domain"), keyword(spf, "scope"), keyword(spf, "result"))));
    assertThat(record.reasons())
        .isEqualTo(
            rows(
                truth.path("reasons"),
                reason -> new OverrideReason(keyword(reason, "type"), text(reason, "comment"))));
  }

  private static void assertRejected(String file, String reason) {
    Path path = corpus().resolve(file);
    assertThatThrownBy(
            () -> {
              try (InputStream in = Files.newInputStream(path)) {
                Parsed.parse(file, in);
              }
            })
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(file + ": " + reason);
  }

  /** org_name missing or empty: the parser names the reporter by its email domain. */
  private static String expectedOrgName(JsonNode truth) {
    String orgName = text(truth, "org_name");
    String email = text(truth, "email");
    if (orgName != null && !orgName.isEmpty() || email == null || !email.contains("@")) {
      return orgName;
    }
    return email.substring(email.lastIndexOf('@') + 1).replace(">", "").toLowerCase(Locale.ROOT);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.path(field).asText().strip() : null;
  }

  private static String keyword(JsonNode node, String field) {
    String text = text(node, field);
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  private static String domain(JsonNode node, String field) {
    String name = keyword(node, field);
    return name == null ? null : name.replaceAll("\\.$", "");
  }

  private static <T> List<T> rows(JsonNode array, Function<JsonNode, T> row) {
    return list(array).stream().map(row).collect(Collectors.toList());
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static String file(JsonNode line) {
    return line.path("file").asText();
  }

  private static List<JsonNode> truth() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(corpus().resolve("truth.jsonl"))) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private static Path corpus() {
    return SharedCorpus.require().root();
  }
}
