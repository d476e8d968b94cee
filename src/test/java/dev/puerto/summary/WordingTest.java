package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.InputStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the summary words counts, commands and collection health, in every format. */
class WordingTest {
  /** The sentences of the English summary, the default language. */
  private static final Texts EN = new Texts(Messages.of(Lang.EN));

  private static final IsoWeek WEEK = Summaries.WEEK;

  @Test
  void aSourceIsShownWithItsServiceNameAndNetwork() {
    Source named =
        new Source(
            "167.89.1.1",
            new Counts(1, 1, 1, 1, 1, 0, 0),
            "o1.ptr1.sendgrid.net",
            "SendGrid (Twilio)",
            11377L,
            "SENDGRID",
            "US",
            null,
            null,
            false);
    Source placedOnly =
        new Source(
            "192.0.2.9",
            new Counts(1, 1, 1, 1, 1, 0, 0),
            null,
            null,
            null,
            null,
            "ES",
            null,
            null,
            false);

    assertThat(Texts.host(named))
        .isEqualTo("SendGrid (Twilio), o1.ptr1.sendgrid.net, AS11377 SENDGRID, US");
    assertThat(Texts.host(placedOnly)).isEqualTo("ES");
  }

  @Test
  void a_count_takes_the_singular_for_one_only() {
    assertThat(EN.counted("report", 0)).isEqualTo("0 reports");
    assertThat(EN.counted("report", 1)).isEqualTo("1 report");
    assertThat(EN.counted("report", 2)).isEqualTo("2 reports");
    assertThat(EN.counted("message", 1_234)).isEqualTo("1,234 messages");
    assertThat(EN.counted("moreInput", 1)).isEqualTo("1 more input");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void the_scope_line_counts_messages_reports_and_reporters_in_every_format(int n) {
    List<Reporter> reporters =
        IntStream.range(0, n).mapToObj(i -> new Reporter("reporter-" + i, 1, 1)).toList();
    WeeklySummary summary = summary(domain(n, reporters, sources(1), false), List.of());
    String scope =
        n == 1
            ? "1 message in 1 report from 1 reporter"
            : "2 messages in 2 reports from 2 reporters";
    for (SummaryFormat format :
        List.of(SummaryFormat.TEXT, SummaryFormat.MARKDOWN, SummaryFormat.HTML)) {
      assertThat(format.render(summary)).as(format.name()).contains(scope);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void reporter_rows_and_rate_rows_count_1_message_and_2_messages(int n) {
    WeeklySummary summary =
        summary(domain(n, List.of(new Reporter("reporter-a", n, n)), sources(1), false), List.of());
    String text = SummaryFormat.TEXT.render(summary);
    if (n == 1) {
      assertThat(text)
          .containsPattern("reporter-a +1 report +1 message\n")
          .containsPattern("DMARC pass +100% +\\(1 message\\)\n");
    } else {
      assertThat(text)
          .containsPattern("reporter-a +2 reports +2 messages\n")
          .containsPattern("DMARC pass +100% +\\(2 messages\\)\n");
    }
    // The reports column stays aligned whatever the number.
    assertThat(text.lines().filter(l -> l.contains("reporter-a")).findFirst().orElseThrow())
        .hasSize(2 + 50 + 1 + 5 + 1 + 7 + 1 + 14 + 1 + (n == 1 ? 7 : 8));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void sources_beyond_the_top_ten_and_inputs_beyond_the_first_five_are_counted(int n) {
    WeeklySummary summary =
        summary(
            domain(100, List.of(new Reporter("r", 1, 100)), sources(Texts.TOP_SOURCES + n), false),
            rejected(Texts.REJECTED_NAMED + n));
    String more = n == 1 ? "... and 1 more source" : "... and 2 more sources";
    String inputs = n == 1 ? "... and 1 more input" : "... and 2 more inputs";
    assertThat(SummaryFormat.TEXT.render(summary)).contains(more).contains(inputs);
    assertThat(SummaryFormat.MARKDOWN.render(summary)).contains(inputs);
    assertThat(SummaryFormat.HTML.render(summary)).contains(inputs);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void advice_and_the_mail_subject_count_messages_right(int n) {
    Source failing =
        new Source(
            "203.0.113.9",
            new Counts(n, 0, 0, 0, n, 0, 0),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false);
    Advice advice =
        PolicyAdvisor.advise(
            EN.m,
            new PublishedPolicy("none", null, 100, false),
            List.of(new WeekRate(WEEK, n, 0)),
            List.of(failing),
            true);
    String messages = n == 1 ? "1 message" : "2 messages";
    assertThat(advice.blockers())
        .extracting(Prose::plain)
        .contains("203.0.113.9 fails DMARC with " + messages);
    DomainSummary d = domain(n, List.of(new Reporter("r", 1, n)), sources(1), false);
    assertThat(SummaryMailer.subject(d)).endsWith("pass (" + messages + ")");
  }

  @Test
  void commands_are_code_in_html_and_markdown_and_plain_in_text_and_json() throws Exception {
    WeeklySummary summary =
        summary(
            domain(100, List.of(new Reporter("r", 1, 100)), failingSources(), false), rejected(1));
    String html = SummaryFormat.HTML.render(summary);
    String text = SummaryFormat.TEXT.render(summary);
    String markdown = SummaryFormat.MARKDOWN.render(summary);
    JsonNode json = new ObjectMapper().readTree(SummaryFormat.JSON.render(summary));

    assertThat(html).doesNotContain("`");
    assertThat(html)
        .contains(">puerto analyze</code> to classify the failing sources")
        .contains("run <code style=")
        .contains(">puerto reparse --input</code>")
        .containsPattern("<code style=\"[^\"]*\">SELECT id, received_at, [^<]*</code>");
    assertThat(text)
        .doesNotContain("`")
        .contains("run puerto analyze to classify")
        .contains("  - run puerto analyze: until it classifies");
    assertThat(markdown)
        .contains("run `puerto analyze` to classify")
        .contains("- run `puerto analyze`: until it classifies")
        .contains("`SELECT id, received_at, status, origin, error FROM dmarc_inputs");
    JsonNode blockers = json.get("domains").get(0).get("advice").get("blockers");
    assertThat(blockers.toString()).doesNotContain("`").contains("run puerto analyze: until");
  }

  @Test
  void backticks_in_report_data_stay_text_in_markdown() {
    WeeklySummary summary =
        summary(domain(1, List.of(new Reporter("`rm -rf /`", 1, 1)), sources(1), false), List.of());
    assertThat(SummaryFormat.MARKDOWN.render(summary))
        .contains("\\`rm -rf /\\`")
        .doesNotContain("| `rm");
  }

  @Test
  void collection_health_says_it_counts_inputs_by_when_they_were_received() {
    WeeklySummary none =
        summary(domain(1, List.of(new Reporter("r", 1, 1)), sources(1), false), List.of());
    String counted = "(inputs count by when Puerto received them, not by report period)";
    for (SummaryFormat format :
        List.of(SummaryFormat.TEXT, SummaryFormat.MARKDOWN, SummaryFormat.HTML)) {
      assertThat(oneLine(format.render(none)))
          .as(format.name())
          .contains("Collection health: no input received in 2026-W47 was rejected " + counted)
          .doesNotContain("dmarc_inputs");
    }
    WeeklySummary one =
        summary(domain(1, List.of(new Reporter("r", 1, 1)), sources(1), false), rejected(1));
    assertThat(oneLine(SummaryFormat.TEXT.render(one)))
        .contains("Collection health: 1 input received in 2026-W47 was rejected " + counted + ":")
        .contains("  - /mail/input-0.eml (rejected: reason 0 for input 0)");
  }

  @Test
  void collection_health_names_the_first_five_rejections_and_gives_the_sql_for_all() {
    WeeklySummary summary =
        summary(domain(1, List.of(new Reporter("r", 1, 1)), sources(1), false), rejected(7));
    String sql =
        "SELECT id, received_at, status, origin, error FROM dmarc_inputs WHERE status IN"
            + " ('rejected', 'partial') AND received_at >= '2026-11-16T00:00:00Z' AND received_at"
            + " < '2026-11-23T00:00:00Z' ORDER BY received_at, id";
    for (SummaryFormat format :
        List.of(SummaryFormat.TEXT, SummaryFormat.MARKDOWN, SummaryFormat.HTML)) {
      String out = oneLine(format.render(summary));
      assertThat(out)
          .as(format.name())
          .contains("7 inputs received in 2026-W47 were rejected (inputs count by when")
          .contains("/mail/input-0.eml (rejected: reason 0 for input 0)")
          .contains("/mail/input-1.eml (rejected: reason 1 for input 1)")
          .contains("/mail/input-2.eml (rejected: report.xml: reason 2 for input 2)")
          .contains("/mail/input-4.eml (partial: reason 4 for input 4)")
          .doesNotContain("input-5.eml")
          .doesNotContain("second line")
          .contains("... and 2 more inputs")
          .contains(sql);
    }
  }

  /** Text wraps long lines and HTML escapes quotes; the words are what the tests look at. */
  static String oneLine(String rendered) {
    return rendered
        .replaceAll("\n {2,}(?!- )", " ")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
  }

  private static WeeklySummary summary(DomainSummary d, List<RejectedInput> rejected) {
    return new WeeklySummary(WEEK, List.of(d), rejected);
  }

  private static List<RejectedInput> rejected(int n) {
    List<RejectedInput> inputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String origin = "/mail/input-" + i + ".eml";
      // Errors name the part that failed, which may be the input itself or a part of it.
      String part = i == 1 ? origin + ": " : i == 2 ? origin + "!report.xml: " : "";
      inputs.add(
          new RejectedInput(
              origin,
              i == 4 ? InputStatus.PARTIAL : InputStatus.REJECTED,
              part + "reason " + i + " for input " + i + "\nsecond line",
              OffsetDateTime.parse("2026-11-17T10:00:00Z").plusMinutes(i)));
    }
    return inputs;
  }

  private static List<Source> sources(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new Source(
                    "192.0.2." + (i + 1),
                    new Counts(1, 1, 1, 1, 1, 0, 0),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false))
        .toList();
  }

  private static List<Source> failingSources() {
    return List.of(
        new Source(
            "203.0.113.9",
            new Counts(100, 90, 90, 90, 100, 0, 0),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false));
  }

  /** A domain-week of {@code messages} messages, all passing unless the sources say otherwise. */
  private static DomainSummary domain(
      long messages, List<Reporter> reporters, List<Source> sources, boolean analyzed) {
    long pass = sources.stream().mapToLong(s -> s.counts().dmarcPass()).sum();
    boolean allPass = pass == sources.stream().mapToLong(s -> s.counts().messages()).sum();
    Counts counts =
        allPass
            ? new Counts(messages, messages, messages, messages, messages, 0, 0)
            : new Counts(messages, pass, pass, pass, messages, 0, 0);
    List<Day> days = WEEK.days().stream().map(day -> new Day(day, 1, Counts.ZERO)).toList();
    PublishedPolicy policy = new PublishedPolicy("none", null, 100, false);
    List<WeekRate> history = List.of(new WeekRate(WEEK, counts.messages(), counts.dmarcPass()));
    return new DomainSummary(
        "example.com",
        WEEK,
        counts,
        Counts.ZERO,
        days,
        reporters,
        List.of(),
        sources,
        analyzed,
        policy,
        history,
        PolicyAdvisor.advise(EN.m, policy, history, sources, analyzed));
  }
}
