package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.Verdict;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every number of the JSON summary of reports-samples/ for 2026-W11, against SQL written
 * independently: straight over the V1 contract view dmarc_records, grouped by the UTC day a report
 * begins (every sample report lies within one UTC day, which the test checks first, so no spreading
 * is involved), never through dmarc_record_days.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryCorrectnessTest {
  /** The sentences of the English summary, the default language. */
  private static final Texts EN = new Texts(Messages.of(Lang.EN));

  private static final String WEEK_RECORDS =
      "FROM dmarc_records WHERE policy_domain = ? AND begin_at >= ?::timestamptz"
          + " AND begin_at < ?::timestamptz";
  private static final String COUNTS =
      "sum(message_count) AS messages,"
          + " coalesce(sum(message_count) FILTER (WHERE dmarc_pass), 0) AS dmarc_pass,"
          + " coalesce(sum(message_count) FILTER (WHERE spf_aligned_pass), 0) AS spf,"
          + " coalesce(sum(message_count) FILTER (WHERE dkim_aligned_pass), 0) AS dkim,"
          + " coalesce(sum(message_count) FILTER (WHERE disposition = 'quarantine'), 0) AS q,"
          + " coalesce(sum(message_count) FILTER (WHERE disposition = 'reject'), 0) AS r";

  private final Database database;
  private JsonNode json;

  SummaryCorrectnessTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
  }

  @BeforeAll
  void importSamplesAndSummarize() throws Exception {
    SampleData.importInto(database);
    ReportRows rows = new ReportRows(database.dsl());
    rows.finding(
        "example.com",
        "203.0.113.66",
        SampleData.W11,
        Verdict.UNAUTHORIZED,
        "nothing: spoofing",
        null);
    rows.finding(
        "example.com",
        "198.51.100.90",
        SampleData.W11,
        Verdict.LEGITIMATE_NOT_ALIGNED,
        "add include:hubspotemail.net",
        "HubSpot");
    rows.host("198.51.100.40", "o1.sendgrid.net", "SendGrid");
    json =
        new ObjectMapper()
            .readTree(
                SummaryFormat.JSON.render(
                    new Summarizer(new SummaryReader(database.dsl()))
                        .summarize(SampleData.W11, List.of())));
  }

  @AfterAll
  void close() {
    database.close();
  }

  private DSLContext sql() {
    return database.dsl();
  }

  @Test
  void every_sample_report_lies_within_one_utc_day_so_the_sql_below_needs_no_spreading() {
    assertThat(
            sql()
                .fetchValue(
                    "SELECT count(*) FROM reports WHERE (begin_at AT TIME ZONE 'UTC')::date"
                        + " <> ((end_at - interval '1 microsecond') AT TIME ZONE 'UTC')::date"
                        + " AND end_at > begin_at"))
        .isEqualTo(0L);
    assertThat(sql().fetchValue("SELECT count(*) FROM reports"))
        .isEqualTo(21L); // three-kinds.mbox adds one, of 2026-W06
  }

  @Test
  void the_domains_are_those_with_reports_and_the_week_is_named() {
    assertThat(json.get("schema").asText()).isEqualTo("puerto-summary/1");
    assertThat(json.get("week").asText()).isEqualTo("2026-W11");
    assertThat(json.get("start").asText()).isEqualTo("2026-03-09T00:00:00Z");
    assertThat(json.get("domains").findValuesAsText("domain"))
        .containsExactly("example.com", "example.net", "example.org");
  }

  @Test
  void totals_and_dispositions_match_sql_for_this_week_and_the_previous() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      assertCounts(domain, weekCounts(name, SampleData.W11));
      assertCounts(domain.get("previous_week"), weekCounts(name, SampleData.W11.minusWeeks(1)));
      assertThat(domain.get("previous_week").get("week").asText()).isEqualTo("2026-W10");
    }
    // All three domains, both weeks: every message of the samples is in one of the two weeks.
    long both = 0;
    for (JsonNode domain : json.get("domains")) {
      both +=
          domain.get("messages").asLong() + domain.get("previous_week").get("messages").asLong();
    }
    assertThat(both).isEqualTo(23_571);
  }

  @Test
  void days_match_sql_grouped_by_the_day_each_report_begins() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      Map<String, Record> byDay = new HashMap<>();
      for (Record r :
          sql()
              .fetch(
                  "SELECT (begin_at AT TIME ZONE 'UTC')::date::text AS day,"
                      + " count(DISTINCT report_key) AS reports, "
                      + COUNTS
                      + " "
                      + WEEK_RECORDS
                      + " GROUP BY 1",
                  weekArgs(name, SampleData.W11))) {
        byDay.put(r.get("day", String.class), r);
      }
      assertThat(domain.get("days")).hasSize(7);
      for (JsonNode day : domain.get("days")) {
        Record expected = byDay.get(day.get("date").asText());
        if (expected == null) {
          assertThat(day.get("reports").asLong()).isZero();
          assertThat(day.get("messages").asLong()).isZero();
        } else {
          assertThat(day.get("reports").asLong()).isEqualTo(expected.get("reports", Long.class));
          assertCounts(day, expected);
        }
      }
    }
  }

  @Test
  void sources_match_sql_per_ip_with_host_and_finding() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      var expected =
          sql()
              .fetch(
                  "SELECT host(source_ip) AS ip, "
                      + COUNTS
                      + " "
                      + WEEK_RECORDS
                      + " GROUP BY source_ip ORDER BY messages DESC, host(source_ip)",
                  weekArgs(name, SampleData.W11));
      JsonNode sources = domain.get("sources");
      assertThat(sources).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(sources.get(i).get("ip").asText()).isEqualTo(expected.get(i).get("ip"));
        assertCounts(sources.get(i), expected.get(i));
      }
    }
    JsonNode com = domain("example.com");
    assertThat(source(com, "203.0.113.66").get("verdict").asText()).isEqualTo("unauthorized");
    assertThat(source(com, "198.51.100.90").get("action").asText())
        .isEqualTo("add include:hubspotemail.net");
    assertThat(source(com, "198.51.100.90").get("service").asText()).isEqualTo("HubSpot");
    assertThat(source(com, "198.51.100.40").get("ptr").asText()).isEqualTo("o1.sendgrid.net");
    assertThat(source(com, "198.51.100.40").get("service").asText()).isEqualTo("SendGrid");
    assertThat(source(com, "192.0.2.25").get("verdict").isNull()).isTrue();
    assertThat(com.get("analyzed").asBoolean()).isTrue();
    assertThat(domain("example.org").get("analyzed").asBoolean()).isFalse();
  }

  @Test
  void new_sources_are_those_no_earlier_report_of_the_domain_named() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      List<String> expected =
          sql()
              .fetch(
                  "SELECT DISTINCT host(source_ip) AS ip "
                      + WEEK_RECORDS
                      + " AND source_ip NOT IN (SELECT source_ip FROM dmarc_records"
                      + " WHERE policy_domain = ? AND begin_at < ?::timestamptz)",
                  name,
                  SampleData.W11.start().toString(),
                  SampleData.W11.end().toString(),
                  name,
                  SampleData.W11.start().toString())
              .getValues("ip", String.class);
      assertThat(texts(domain.get("new_sources"))).containsExactlyInAnyOrderElementsOf(expected);
      for (JsonNode source : domain.get("sources")) {
        assertThat(source.get("new").asBoolean())
            .isEqualTo(expected.contains(source.get("ip").asText()));
      }
    }
    assertThat(texts(domain("example.org").get("new_sources"))).contains("2001:db8:bad::66");
  }

  @Test
  void reporters_and_silent_reporters_match_sql() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      Map<String, List<Long>> expected = new HashMap<>();
      for (Record r :
          sql()
              .fetch(
                  "SELECT org_name, count(DISTINCT report_key) AS reports,"
                      + " sum(message_count) AS messages "
                      + WEEK_RECORDS
                      + " GROUP BY org_name",
                  weekArgs(name, SampleData.W11))) {
        expected.put(
            r.get("org_name", String.class),
            List.of(r.get("reports", Long.class), r.get("messages", Long.class)));
      }
      Map<String, List<Long>> actual = new HashMap<>();
      long reports = 0;
      for (JsonNode r : domain.get("reporters")) {
        actual.put(
            r.get("name").asText(), List.of(r.get("reports").asLong(), r.get("messages").asLong()));
        reports += r.get("reports").asLong();
      }
      assertThat(actual).isEqualTo(expected);
      assertThat(domain.get("reports").asLong()).isEqualTo(reports);

      Set<String> before =
          new HashSet<>(
              sql()
                  .fetch(
                      "SELECT DISTINCT org_name FROM dmarc_reports WHERE policy_domain = ?"
                          + " AND begin_at >= ?::timestamptz AND begin_at < ?::timestamptz",
                      name,
                      SampleData.W11.minusWeeks(4).start().toString(),
                      SampleData.W11.start().toString())
                  .getValues(0, String.class));
      before.removeAll(expected.keySet());
      assertThat(texts(domain.get("silent_reporters"))).containsExactlyInAnyOrderElementsOf(before);
    }
  }

  @Test
  void policy_is_the_latest_reported_and_advice_follows_the_legitimate_pass_rates() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      Record latest =
          sql()
              .fetchOne(
                  "SELECT p, sp, pct FROM dmarc_reports WHERE policy_domain = ?"
                      + " AND begin_at >= ?::timestamptz AND begin_at < ?::timestamptz"
                      + " ORDER BY begin_at DESC LIMIT 1",
                  weekArgs(name, SampleData.W11));
      JsonNode policy = domain.get("policy");
      assertThat(policy.get("p").asText()).isEqualTo(latest.get("p", String.class));
      assertThat(policy.get("pct").asInt()).isEqualTo(latest.get("pct", Integer.class));
      JsonNode history = domain.get("history");
      assertThat(history).hasSize(4);
      assertThat(history.get(3).get("week").asText()).isEqualTo("2026-W11");
    }
    // example.com: the unauthorized spoofer is not legitimate volume.
    JsonNode com = domain("example.com");
    long spoofed = source(com, "203.0.113.66").get("messages").asLong();
    JsonNode w11 = com.get("history").get(3);
    assertThat(w11.get("legitimate_messages").asLong())
        .isEqualTo(com.get("messages").asLong() - spoofed);
    assertThat(w11.get("dmarc_pass").asLong()).isEqualTo(com.get("dmarc_pass").asLong());
    // The samples hold two weeks, so four weeks of evidence are missing everywhere below reject.
    assertThat(com.get("advice").get("status").asText()).isEqualTo("keep");
    assertThat(texts(com.get("advice").get("blockers")))
        .anyMatch(b -> b.startsWith("2026-W09: no reports"))
        .anyMatch(b -> b.contains("198.51.100.90 (HubSpot) fails DMARC"))
        .noneMatch(b -> b.contains("203.0.113.66"));
    assertThat(domain("example.org").get("advice").get("status").asText()).isEqualTo("at_reject");
  }

  @Test
  void rejected_inputs_of_the_week_are_listed() {
    JsonNode rejected = json.get("rejected_inputs");
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).get("origin").asText()).endsWith("bad/malformed.xml");
    assertThat(rejected.get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(rejected.get(0).get("error").asText()).isNotBlank();
  }

  @Test
  void the_sql_that_collection_health_gives_lists_exactly_the_rejected_inputs_of_the_week() {
    WeeklySummary summary =
        new Summarizer(new SummaryReader(database.dsl())).summarize(SampleData.W11, List.of());
    String query =
        EN.rejectedSql(summary).spans().stream()
            .filter(Prose.Span::code)
            .map(Prose.Span::text)
            .filter(t -> t.startsWith("SELECT"))
            .findFirst()
            .orElseThrow();
    assertThat(sql().fetch(query).getValues("origin", String.class))
        .containsExactlyElementsOf(
            summary.rejectedInputs().stream().map(RejectedInput::origin).toList())
        .hasSize(1);
    assertThat(SummaryFormat.TEXT.render(summary))
        .contains("Collection health: 1 input received in 2026-W11 was rejected")
        .contains("bad/malformed.xml (rejected: ");
  }

  @Test
  void the_sql_views_agree_with_the_summary() {
    for (JsonNode domain : json.get("domains")) {
      String name = domain.get("domain").asText();
      Record daily =
          sql()
              .fetchOne(
                  "SELECT sum(messages) AS m, sum(dmarc_pass_messages) AS p,"
                      + " sum(rejected_messages) AS r FROM dmarc_daily_domains"
                      + " WHERE policy_domain = ? AND day BETWEEN ?::date AND ?::date",
                  name,
                  SampleData.W11.monday().toString(),
                  SampleData.W11.sunday().toString());
      assertThat(daily.get("m", Long.class)).isEqualTo(domain.get("messages").asLong());
      assertThat(daily.get("p", Long.class)).isEqualTo(domain.get("dmarc_pass").asLong());
      assertThat(daily.get("r", Long.class))
          .isEqualTo(domain.get("dispositions").get("reject").asLong());
      Long perSource =
          (Long)
              sql()
                  .fetchValue(
                      "SELECT sum(messages)::bigint FROM dmarc_daily_sources WHERE policy_domain = ?"
                          + " AND day BETWEEN ?::date AND ?::date",
                      name,
                      SampleData.W11.monday().toString(),
                      SampleData.W11.sunday().toString());
      Long perReporter =
          (Long)
              sql()
                  .fetchValue(
                      "SELECT sum(messages)::bigint FROM dmarc_daily_reporters WHERE policy_domain = ?"
                          + " AND day BETWEEN ?::date AND ?::date",
                      name,
                      SampleData.W11.monday().toString(),
                      SampleData.W11.sunday().toString());
      assertThat(perSource).isEqualTo(domain.get("messages").asLong());
      assertThat(perReporter).isEqualTo(domain.get("messages").asLong());
    }
  }

  private Record weekCounts(String domain, IsoWeek week) {
    return sql().fetchOne("SELECT " + COUNTS + " " + WEEK_RECORDS, weekArgs(domain, week));
  }

  private static Object[] weekArgs(String domain, IsoWeek week) {
    return new Object[] {domain, week.start().toString(), week.end().toString()};
  }

  private static void assertCounts(JsonNode node, Record expected) {
    long messages = value(expected, "messages");
    assertThat(node.get("messages").asLong()).isEqualTo(messages);
    assertThat(node.get("dmarc_pass").asLong()).isEqualTo(value(expected, "dmarc_pass"));
    assertThat(node.get("spf_aligned_pass").asLong()).isEqualTo(value(expected, "spf"));
    assertThat(node.get("dkim_aligned_pass").asLong()).isEqualTo(value(expected, "dkim"));
    JsonNode dispositions = node.get("dispositions");
    assertThat(dispositions.get("quarantine").asLong()).isEqualTo(value(expected, "q"));
    assertThat(dispositions.get("reject").asLong()).isEqualTo(value(expected, "r"));
    assertThat(dispositions.get("none").asLong())
        .isEqualTo(messages - value(expected, "q") - value(expected, "r"));
  }

  private static long value(Record record, String field) {
    Number n = record.get(field, Number.class);
    return n == null ? 0 : n.longValue();
  }

  private JsonNode domain(String name) {
    for (JsonNode d : json.get("domains")) {
      if (d.get("domain").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no domain " + name);
  }

  private static JsonNode source(JsonNode domain, String ip) {
    for (JsonNode s : domain.get("sources")) {
      if (s.get("ip").asText().equals(ip)) {
        return s;
      }
    }
    throw new AssertionError("no source " + ip);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
