package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RenderersTest {
  private final WeeklySummary summary = Summaries.full();

  @Test
  void text_fits_100_columns_even_with_long_ipv6_names_and_actions() {
    String text = SummaryFormat.TEXT.render(summary);
    assertThat(text.lines())
        .allSatisfy(
            line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(100));
    assertThat(text)
        .contains("== example.com ")
        .contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff *")
        .contains("Days with no reports: Sat 2026-11-21")
        .contains("Silent this week")
        .contains("example.net: no reports for 2026-W47.")
        .contains("Collection health: 1 input received in 2026-W47 was rejected");
  }

  @Test
  void text_shows_each_figure_with_its_change_against_the_previous_week() {
    String text = SummaryFormat.TEXT.render(summary);
    assertThat(text)
        .containsPattern("Messages\\s+28,000\\s+\\+1,200")
        .containsPattern("DMARC pass\\s+98\\.9%\\s+\\+1\\.9 pp")
        .containsPattern("Quarantined\\s+2\\s+±0");
  }

  @Test
  void an_empty_domain_is_one_line() {
    String text =
        SummaryFormat.TEXT.render(
            new WeeklySummary(Summaries.WEEK, List.of(Summaries.empty("example.net")), List.of()));
    assertThat(text.lines().filter(l -> l.contains("example.net")))
        .containsExactly("example.net: no reports for 2026-W47.");
    assertThat(text).doesNotContain("Top sources").doesNotContain("Advice");
  }

  @Test
  void html_is_self_contained_and_escapes_everything_from_reports() {
    String html = SummaryFormat.HTML.render(summary);
    assertThat(html.toLowerCase())
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("<img")
        .doesNotContain("@import")
        .doesNotContain("url(");
    assertThat(
            Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find())
        .isFalse();
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("<meta charset=\"utf-8\">")
        .contains("passed DMARC")
        .contains("no reports");
    // Every opened table is closed: mail clients render broken tables badly.
    assertThat(count(html, "<table")).isEqualTo(count(html, "</table>"));
    assertThat(count(html, "<tr>")).isEqualTo(count(html, "</tr>"));
  }

  @Test
  void html_chart_has_a_row_per_day_with_pass_and_fail_bars() {
    String html = SummaryFormat.HTML.render(summary);
    assertThat(count(html, "background:#2e7d32")).isEqualTo(6);
    assertThat(count(html, "background:#c62828")).isEqualTo(6);
  }

  @Test
  void markdown_has_tables_and_keeps_report_text_from_becoming_markup() {
    String md = SummaryFormat.MARKDOWN.render(summary);
    assertThat(md)
        .startsWith("# DMARC summary 2026-W47")
        .contains("## example.com")
        .contains("|---|---:|---:|---:|")
        .contains("### Top sources")
        .contains("### Policy advice")
        .contains("\\| \\*x\\* \\[a\\](http://evil.example/p.png)")
        .doesNotContain("<script>");
    for (String line : md.lines().filter(l -> l.startsWith("| ")).toList()) {
      assertThat(line).endsWith("|");
    }
  }

  @Test
  void json_has_the_documented_shape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(SummaryFormat.JSON.render(summary));
    assertThat(fields(root))
        .containsExactly(
            "schema",
            "week",
            "start",
            "end",
            "domains",
            "rejected_inputs",
            "failure_reports_without_domain");
    JsonNode d = root.get("domains").get(0);
    assertThat(fields(d))
        .containsExactly(
            "domain",
            "week",
            "start",
            "end",
            "no_data",
            "messages",
            "dmarc_pass",
            "spf_aligned_pass",
            "dkim_aligned_pass",
            "dispositions",
            "previous_week",
            "policy",
            "reports",
            "reporters",
            "silent_reporters",
            "days",
            "analyzed",
            "sources",
            "new_sources",
            "history",
            "advice",
            "failure_reports",
            "smtp_tls");
    assertThat(fields(d.get("dispositions"))).containsExactly("none", "quarantine", "reject");
    assertThat(fields(d.get("previous_week")))
        .containsExactly(
            "week",
            "start",
            "end",
            "messages",
            "dmarc_pass",
            "spf_aligned_pass",
            "dkim_aligned_pass",
            "dispositions");
    assertThat(d.get("previous_week").get("messages").asLong()).isEqualTo(26_800);
    assertThat(fields(d.get("sources").get(0)))
        .containsExactly(
            "ip",
            "messages",
            "dmarc_pass",
            "spf_aligned_pass",
            "dkim_aligned_pass",
            "dispositions",
            "ptr",
            "service",
            "asn",
            "as_name",
            "country",
            "verdict",
            "action",
            "new");
    assertThat(fields(d.get("days").get(0)))
        .containsExactly(
            "date",
            "reports",
            "messages",
            "dmarc_pass",
            "spf_aligned_pass",
            "dkim_aligned_pass",
            "dispositions");
    assertThat(fields(d.get("reporters").get(0))).containsExactly("name", "reports", "messages");
    assertThat(fields(d.get("advice"))).containsExactly("status", "message", "blockers");
    assertThat(fields(d.get("policy"))).containsExactly("p", "sp", "pct", "changed_during_week");
    assertThat(d.get("sources")).hasSize(17);
    assertThat(d.get("new_sources").get(0).asText())
        .isEqualTo("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(d.get("sources").get(0).get("verdict").isNull()).isTrue();
    assertThat(d.get("days")).hasSize(7);
    JsonNode empty = root.get("domains").get(1);
    assertThat(empty.get("no_data").asBoolean()).isTrue();
    assertThat(empty.get("policy").isNull()).isTrue();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
