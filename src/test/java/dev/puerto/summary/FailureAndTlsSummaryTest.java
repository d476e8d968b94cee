package dev.puerto.summary;

import static dev.puerto.summary.OtherReports.at;
import static dev.puerto.summary.OtherReports.failure;
import static dev.puerto.summary.OtherReports.policy;
import static dev.puerto.summary.ReportRows.utc;
import static dev.puerto.tlsrpt.TlsPolicyType.NO_POLICY_FOUND;
import static dev.puerto.tlsrpt.TlsPolicyType.STS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.Verdict;
import dev.puerto.store.Database;
import dev.puerto.summary.ReportRows.Row;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The weekly summary's failure report and SMTP TLS sections: per domain, grouped in SQL, bounded,
 * in every format, with the week rules they state (a failure report counts by arrival date, else
 * report date, else import time; a TLS report by the start of its period).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureAndTlsSummaryTest {
  /** The sentences of the English summary, the default language. */
  private static final Texts EN = new Texts(Messages.of(Lang.EN));

  private static final IsoWeek W10 = IsoWeek.parse("2026-W10");
  private static final IsoWeek W11 = IsoWeek.parse("2026-W11");
  private static final IsoWeek W12 = IsoWeek.parse("2026-W12");
  private static final String SPOOFER = "203.0.113.66";

  private final Database database;
  private ReportRows rows;
  private OtherReports other;

  FailureAndTlsSummaryTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    new ReportRows(database.dsl()).clear();
    rows = new ReportRows(database.dsl());
    other = new OtherReports(database, rows);
  }

  private WeeklySummary summary(IsoWeek week, String... domains) {
    return new Summarizer(new SummaryReader(database.dsl())).summarize(week, List.of(domains));
  }

  /** The text with the lines of indented paragraphs wrapped to 100 columns joined again. */
  private static String text(WeeklySummary summary) {
    return SummaryFormat.TEXT.render(summary).replaceAll("\n {4}(?=\\S)", " ");
  }

  private static JsonNode json(WeeklySummary summary) throws Exception {
    return new ObjectMapper().readTree(SummaryFormat.JSON.render(summary));
  }

  private static JsonNode domain(JsonNode json, String name) {
    for (JsonNode d : json.get("domains")) {
      if (d.get("domain").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError(name + " not in " + json.get("domains").findValuesAsText("domain"));
  }

  /** example.com: an aggregate report in W11 in which the spoofer fails, judged unauthorized. */
  private void aggregateReportsForExampleCom() {
    rows.report(
        "google.com",
        "example.com",
        "none",
        utc("2026-03-10T00:00:00Z"),
        utc("2026-03-11T00:00:00Z"),
        Row.pass(ReportRows.ip(1), 100),
        Row.fail(SPOOFER, 5));
    rows.finding("example.com", SPOOFER, W11, Verdict.UNAUTHORIZED, "nothing: spoofing", null);
  }

  /** Four failure reports of example.com in W11: three kinds, two sources. */
  private void failureReportsForExampleCom() {
    other.failure(
        "auth-failure",
        "example.com",
        SPOOFER,
        at("2026-03-10T08:00:00Z"),
        null,
        "dkim",
        "news.example.com",
        "evil.example");
    other.failure(
        "auth-failure",
        "example.com",
        SPOOFER,
        at("2026-03-11T09:30:00Z"),
        null,
        "dkim",
        "example.com",
        "evil.example");
    other.dmarcFailure("example.com", SPOOFER, "2026-03-12T10:00:00Z", "spf");
    // Not a DMARC failure report: its kind is the feedback type, whatever Auth-Failure says.
    other.failure(
        "abuse", "example.com", "192.0.2.7", at("2026-03-13T10:00:00Z"), null, "dkim", null, null);
  }

  /** example.net, TLS only: two reports, two result types of failure (one of them twice). */
  private void tlsReportsForExampleNet() {
    other.tls(
        "google.com",
        "2026-03-10T00:00:00Z",
        "2026-03-11T00:00:00Z",
        policy(
            STS,
            "example.net",
            List.of("mx1.example.net"),
            900,
            50,
            failure("certificate-expired", "mx1.example.net", 40),
            failure("sts-policy-fetch-error", null, 10)));
    other.tls(
        "microsoft.com",
        "2026-03-11T00:00:00Z",
        "2026-03-12T00:00:00Z",
        policy(
            STS,
            "example.net",
            List.of("mx1.example.net"),
            100,
            5,
            failure("certificate-expired", "mx1.example.net", 5)));
  }

  @Test
  void failure_reports_of_a_domain_with_aggregate_reports_are_grouped_by_source_and_kind()
      throws Exception {
    aggregateReportsForExampleCom();
    failureReportsForExampleCom();

    String text = text(summary(W11));

    assertThat(text)
        .contains(
            "Failure reports\n  4 failure reports arrived in 2026-W11 (counted by arrival date; by"
                + " report date, then import time, for a report without one)\n"
                + "  - 203.0.113.66, auth-failure: dkim: 2 reports, 2026-03-10 08:00 to"
                + " 2026-03-11 09:30; From news.example.com; DKIM d=evil.example. Verdict:"
                + " unauthorized\n"
                + "  - 192.0.2.7, abuse: 1 report, 2026-03-13 10:00\n"
                + "  - 203.0.113.66, auth-failure: spf: 1 report, 2026-03-12 10:00. Verdict:"
                + " unauthorized\n");
    // Next to the failing sources, before the advice.
    assertThat(text.indexOf("Failing sources"))
        .isLessThan(text.indexOf("Failure reports"))
        .isPositive();
    assertThat(text.indexOf("Failure reports")).isLessThan(text.indexOf("Advice: "));
    JsonNode reports = domain(json(summary(W11)), "example.com").get("failure_reports");
    assertThat(reports.get("reports").asLong()).isEqualTo(4);
    assertThat(reports.get("groups").asLong()).isEqualTo(3);
    JsonNode first = reports.get("top").get(0);
    assertThat(first.get("source_ip").asText()).isEqualTo(SPOOFER);
    assertThat(first.get("auth_failure").asText()).isEqualTo("dkim");
    assertThat(first.get("first_arrival").asText()).isEqualTo("2026-03-10T08:00:00Z");
    assertThat(first.get("last_arrival").asText()).isEqualTo("2026-03-11T09:30:00Z");
    assertThat(first.get("header_from").toString())
        .isEqualTo("[\"example.com\",\"news.example.com\"]");
    assertThat(first.get("verdict").asText()).isEqualTo("unauthorized");
    JsonNode abuse = reports.get("top").get(1);
    assertThat(abuse.get("feedback_type").asText()).isEqualTo("abuse");
    assertThat(abuse.get("auth_failure").isNull()).isTrue();
    assertThat(abuse.get("verdict").isNull()).isTrue();
  }

  @Test
  void a_domain_with_failure_reports_but_no_aggregate_reports_still_has_its_section() {
    aggregateReportsForExampleCom();
    other.dmarcFailure("example.org", "198.51.100.9", "2026-03-10T08:00:00Z", "dmarc");

    WeeklySummary summary = summary(W11);

    assertThat(summary.domains()).extracting(DomainSummary::domain).contains("example.org");
    assertThat(text(summary))
        .contains(
            "== example.org ===",
            "No aggregate reports for 2026-W11\nPublished policy: not reported this week\n\n"
                + "Failure reports\n  1 failure report arrived in 2026-W11",
            "  - 198.51.100.9, auth-failure: dmarc: 1 report, 2026-03-10 08:00\n")
        .doesNotContain("example.org: no reports for");
    String markdown = SummaryFormat.MARKDOWN.render(summary);
    assertThat(markdown)
        .contains("## example.org\n\nNo aggregate reports for 2026-W11.")
        .contains("| 198.51.100.9 | auth-failure: dmarc | 1 | 2026-03-10 08:00 |  |  |");
  }

  @Test
  void failure_reports_that_name_no_domain_are_counted_in_collection_health_with_their_query() {
    other.failure(
        "auth-failure", null, "198.51.100.9", at("2026-03-10T08:00:00Z"), null, "spf", null, null);
    other.failure(
        "auth-failure", null, "198.51.100.9", at("2026-03-11T08:00:00Z"), null, "spf", null, null);
    other.failure(
        "auth-failure", null, "198.51.100.9", at("2026-03-16T08:00:00Z"), null, "spf", null, null);

    WeeklySummary summary = summary(W11);

    assertThat(summary.domains()).isEmpty();
    assertThat(WordingTest.oneLine(SummaryFormat.TEXT.render(summary)))
        .contains(
            "2 failure reports of 2026-W11 named no domain (no Reported-Domain), so no domain"
                + " above shows them: SELECT id, arrival_at");
    assertThat(summary.failureReportsWithoutDomain()).isEqualTo(2);
    String sql =
        EN.withoutDomain(summary).spans().stream()
            .filter(Prose.Span::code)
            .findFirst()
            .orElseThrow()
            .text();
    assertThat(database.dsl().fetch(sql)).hasSize(2);
  }

  @Test
  void smtp_tls_with_successes_only_shows_the_sessions_and_no_failures() throws Exception {
    aggregateReportsForExampleCom();
    other.tls(
        "google.com",
        "2026-03-10T00:00:00Z",
        "2026-03-11T00:00:00Z",
        policy(STS, "example.com", List.of("mx1.example.com", "mx2.example.com"), 1_000, 0));

    WeeklySummary summary = summary(W11);
    String text = text(summary);

    assertThat(text)
        .contains(
            "SMTP TLS\n  1 SMTP TLS report with periods beginning in 2026-W11: 1,000 sessions, 0"
                + " failed (0%)\n")
        .containsPattern("\n  sts +mx1.example.com, mx2.example.com +1,000 +0 +0%\n")
        .contains("  No failure details: no session failed.\n");
    // Under example.com, not a domain of its own.
    assertThat(summary.domains()).extracting(DomainSummary::domain).containsExactly("example.com");
    assertThat(text.indexOf("SMTP TLS")).isGreaterThan(text.indexOf("== example.com"));
    JsonNode tls = domain(json(summary), "example.com").get("smtp_tls");
    assertThat(tls.get("successful_sessions").asLong()).isEqualTo(1_000);
    assertThat(tls.get("failed_sessions").asLong()).isZero();
    assertThat(tls.get("failures")).isEmpty();
  }

  @Test
  void smtp_tls_failures_of_two_result_types_each_say_what_to_fix() {
    tlsReportsForExampleNet();

    String text = text(summary(W11));

    assertThat(text)
        .contains("== example.net ===", "No aggregate reports for 2026-W11")
        .contains(
            "2 SMTP TLS reports with periods beginning in 2026-W11: 1,055 sessions, 55 failed"
                + " (5.2%)")
        .containsPattern("\n  sts +mx1.example.net +1,000 +55 +5.2%\n")
        .contains(
            "  - certificate-expired at mx1.example.net: 45 sessions. Fix: renew the certificate of"
                + " MX mx1.example.net (it expired); automate renewal\n"
                + "  - sts-policy-fetch-error at (not named): 10 sessions. Fix:"
                + " https://mta-sts.example.net/.well-known/mta-sts.txt could not be fetched: check"
                + " the web server and its certificate\n");
    String html = SummaryFormat.HTML.render(summary(W11));
    assertThat(html)
        .contains(">certificate-expired</td><td style=\"")
        .contains(">renew the certificate of MX mx1.example.net (it expired); automate renewal<");
  }

  @Test
  void the_json_carries_the_numbers_the_text_shows() throws Exception {
    aggregateReportsForExampleCom();
    failureReportsForExampleCom();
    tlsReportsForExampleNet();
    WeeklySummary summary = summary(W11);
    String text = text(summary);
    JsonNode json = json(summary);

    JsonNode reports = domain(json, "example.com").get("failure_reports");
    assertThat(text)
        .contains(EN.counted("failureReport", reports.get("reports").asLong()) + " arrived");
    for (JsonNode g : reports.get("top")) {
      String kind =
          g.get("feedback_type").asText()
              + (g.get("auth_failure").isNull() ? "" : ": " + g.get("auth_failure").asText());
      assertThat(text)
          .contains(
              "- "
                  + g.get("source_ip").asText()
                  + ", "
                  + kind
                  + ": "
                  + EN.counted("report", g.get("reports").asLong()));
    }
    JsonNode tls = domain(json, "example.net").get("smtp_tls");
    long ok = tls.get("successful_sessions").asLong();
    long failed = tls.get("failed_sessions").asLong();
    assertThat(text)
        .contains(
            EN.counted("tlsReport", tls.get("reports").asLong())
                + " with periods beginning in 2026-W11: "
                + EN.counted("session", ok + failed)
                + ", "
                + EN.count(failed)
                + " failed");
    JsonNode policy = tls.get("policies").get(0);
    assertThat(text)
        .containsPattern(
            "\n  "
                + policy.get("policy_type").asText()
                + " +"
                + policy.get("mx_hosts").get(0).asText()
                + " +"
                + EN.count(policy.get("successful_sessions").asLong())
                + " +"
                + EN.count(policy.get("failed_sessions").asLong())
                + " ");
    assertThat(tls.get("failures")).hasSize(2);
    for (JsonNode f : tls.get("failures")) {
      String mx =
          f.get("receiving_mx_hostname").isNull()
              ? "(not named)"
              : f.get("receiving_mx_hostname").asText();
      assertThat(text)
          .contains(
              "- "
                  + f.get("result_type").asText()
                  + " at "
                  + mx
                  + ": "
                  + EN.counted("session", f.get("failed_sessions").asLong())
                  + ". Fix: "
                  + f.get("fix").asText());
    }
  }

  @Test
  void html_and_markdown_escape_hostile_mx_names_and_result_types() {
    String hostile = "<script>alert(1)</script>";
    other.tls(
        "evil.example",
        "2026-03-10T00:00:00Z",
        "2026-03-11T00:00:00Z",
        policy(
            STS,
            "example.net",
            List.of(hostile + ".example.net"),
            1,
            7,
            failure(hostile, hostile + ".mx", 7)));
    WeeklySummary summary = summary(W11);

    String html = SummaryFormat.HTML.render(summary);
    assertThat(html.toLowerCase()).doesNotContain("<script");
    assertThat(html)
        .contains(">&lt;script&gt;alert(1)&lt;/script&gt;</td>")
        .contains(">&lt;script&gt;alert(1)&lt;/script&gt;.example.net</td>")
        .contains("look up the result type &lt;script&gt;alert(1)&lt;/script&gt; in the");
    // Every table opened is closed, hostile cells or not.
    assertThat(html.split("<table", -1)).hasSameSizeAs(html.split("</table>", -1));
    assertThat(SummaryFormat.MARKDOWN.render(summary)).doesNotContain("<script>");
    // Text is plain: what reaches a terminal is escaped by the CLI's writer, as for every section.
    assertThat(SummaryFormat.TEXT.render(summary)).contains("- " + hostile + " at " + hostile);
  }

  @Test
  void a_failure_report_counts_in_the_week_of_its_arrival_date_else_report_date_else_import() {
    other.dmarcFailure("example.com", "192.0.2.1", "2026-03-15T23:59:59Z", "spf");
    other.dmarcFailure("example.com", "192.0.2.2", "2026-03-16T00:00:00Z", "spf");
    // No arrival date: the report's date, Sunday of W11.
    other.failure(
        "auth-failure",
        "example.com",
        "192.0.2.3",
        null,
        at("2026-03-15T12:00:00Z"),
        "spf",
        null,
        null);
    // Neither: when Puerto stored it, here set to Saturday of W11.
    other.failure("auth-failure", "example.com", "192.0.2.4", null, null, "spf", null, null);
    database
        .dsl()
        .execute(
            "UPDATE failure_reports SET imported_at = '2026-03-14T00:00:00Z' WHERE host(source_ip)"
                + " = '192.0.2.4'");

    FailureReports w11 = summary(W11, "example.com").domains().get(0).failureReports();
    FailureReports w12 = summary(W12, "example.com").domains().get(0).failureReports();

    assertThat(w11.top())
        .extracting(FailureGroup::sourceIp)
        .containsExactly("192.0.2.1", "192.0.2.3", "192.0.2.4");
    assertThat(w12.top()).extracting(FailureGroup::sourceIp).containsExactly("192.0.2.2");
  }

  @Test
  void a_tls_report_counts_in_the_week_its_period_begins_in() {
    other.tls(
        "google.com",
        "2026-03-08T23:59:59Z",
        "2026-03-09T23:59:59Z",
        policy(NO_POLICY_FOUND, "example.net", List.of(), 10, 0));
    other.tls(
        "microsoft.com",
        "2026-03-09T00:00:00Z",
        "2026-03-10T00:00:00Z",
        policy(NO_POLICY_FOUND, "example.net", List.of(), 3, 0));

    SmtpTls w11 = summary(W11, "example.net").domains().get(0).smtpTls();
    SmtpTls w10 = summary(W10, "example.net").domains().get(0).smtpTls();

    assertThat(w11.reports()).isEqualTo(1);
    assertThat(w11.sessions().successful()).isEqualTo(3);
    assertThat(w10.sessions().successful()).isEqualTo(10);
    assertThat(text(summary(W11))).containsPattern("\n  no-policy-found +\\(none given\\) +3 ");
  }

  @Test
  void beyond_ten_groups_the_sections_count_the_rest() throws Exception {
    for (int i = 1; i <= Texts.TOP_SOURCES + 2; i++) {
      other.dmarcFailure("example.com", ReportRows.ip(i), "2026-03-10T08:00:00Z", "spf");
    }
    WeeklySummary summary = summary(W11);

    assertThat(text(summary)).contains("  ... and 2 more groups\n");
    assertThat(SummaryFormat.MARKDOWN.render(summary)).contains("\n... and 2 more groups\n");
    assertThat(SummaryFormat.HTML.render(summary)).contains(">... and 2 more groups</p>");
    JsonNode reports = domain(json(summary), "example.com").get("failure_reports");
    assertThat(reports.get("groups").asLong()).isEqualTo(12);
    assertThat(reports.get("reports").asLong()).isEqualTo(12);
    assertThat(reports.get("top")).hasSize(Texts.TOP_SOURCES);
  }

  @Test
  void the_domain_filter_keeps_other_domains_tls_and_failure_reports_out() throws Exception {
    aggregateReportsForExampleCom();
    tlsReportsForExampleNet();
    other.dmarcFailure("example.org", "198.51.100.9", "2026-03-10T08:00:00Z", "dmarc");

    WeeklySummary summary = summary(W11, "example.com");

    assertThat(summary.domains()).extracting(DomainSummary::domain).containsExactly("example.com");
    assertThat(text(summary)).doesNotContain("SMTP TLS").doesNotContain("Failure reports");
    JsonNode d = domain(json(summary), "example.com");
    assertThat(d.get("smtp_tls").get("reports").asLong()).isZero();
    assertThat(d.get("failure_reports").get("reports").asLong()).isZero();
  }
}
