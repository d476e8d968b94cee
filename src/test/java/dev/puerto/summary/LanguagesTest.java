package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.InputStatus;
import dev.puerto.schema.Verdict;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The summary in every language Puerto speaks: a summary with every section renders in each without
 * a missing key, and the Spanish one has no English left in it.
 */
class LanguagesTest {
  private static final IsoWeek WEEK = Summaries.WEEK;
  private static final Messages EN = Messages.of(Lang.EN);
  private static final Messages ES = Messages.of(Lang.ES);

  /**
   * English words of the summary's sentences and labels that no Spanish sentence uses. Codes,
   * commands and data (p=none, result types, SQL) are taken out of the output before the search.
   */
  private static final Pattern ENGLISH =
      Pattern.compile(
          "(?i)\\b(the|and|with|for|this|week|weeks|report|reports|message|messages|source|sources"
              + "|passed|failed|failing|fails|none|not|of|in|to|at|fix|advice|health|received"
              + "|daily|volume|policy|policies|session|sessions|summary|generated|reporter"
              + "|reporters|day|days|more|new|change|previous|quarantined|rejected|stay|ready"
              + "|legitimate|mail|run|until|what|verdict|kind|arrived|successful|rate|top"
              + "|silent|collection|inputs?|named|shows|them|it|was|were|seen|first|above)\\b");

  @ParameterizedTest
  @EnumSource(Lang.class)
  void every_section_renders_in_every_language_without_a_missing_key(Lang lang) {
    Messages m = Messages.of(lang);
    WeeklySummary summary = everySection(m);
    for (SummaryFormat format : SummaryFormat.values()) {
      // a key missing from the language's bundle throws MissingResourceException here
      assertThat(format.render(summary, m)).as(format + " " + lang).isNotBlank();
    }
    for (DomainSummary d : summary.domains()) {
      assertThat(SummaryMailer.subject(d, m)).contains(d.domain());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SummaryFormat.class,
      names = {"TEXT", "MARKDOWN", "HTML"})
  void the_spanish_summary_has_every_section_in_spanish_and_no_english_left(SummaryFormat format) {
    String spanish = format.render(everySection(ES), ES);
    assertThat(spanish)
        .contains("Resumen DMARC 2026-W47 (del 2026-11-16 al 2026-11-22, UTC)")
        .contains("Emisores de informes")
        .contains("Orígenes principales")
        .contains("Orígenes con fallos")
        .contains("Informes de fallo")
        .contains("SMTP TLS")
        .contains("Estado de la recogida")
        .contains("no indicaron ningún dominio")
        .contains("Mantenga p=none por ahora")
        .contains("ejecute")
        .contains("28.000")
        .contains("98,9\u00a0%")
        .contains("+1,9\u00a0p.\u00a0p.")
        .contains("lun 2026-11-16");
    assertThat(leftoverEnglish(spanish)).as(format.name()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = SummaryFormat.class,
      names = {"TEXT", "MARKDOWN", "HTML"})
  void the_english_summary_of_the_same_week_is_english(SummaryFormat format) {
    String english = format.render(everySection(EN), EN);
    assertThat(english)
        .contains("DMARC summary 2026-W47 (2026-11-16 to 2026-11-22, UTC)")
        .contains("Stay at p=none for now")
        .contains("28,000")
        .contains("98.9%")
        .doesNotContain("informe");
    assertThat(leftoverEnglish(english)).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void html_says_which_language_it_is_in(Lang lang) {
    Messages m = Messages.of(lang);
    assertThat(SummaryFormat.HTML.render(everySection(m), m))
        .contains("<html lang=\"" + lang.tag() + "\">");
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void json_keys_and_codes_are_the_same_in_every_language(Lang lang) {
    Messages m = Messages.of(lang);
    String json = SummaryFormat.JSON.render(everySection(m), m);
    String english = SummaryFormat.JSON.render(everySection(EN), EN);
    assertThat(keys(json)).isEqualTo(keys(english));
    assertThat(json).contains("\"status\" : \"keep\"");
  }

  /** The English words left once codes, SQL and data are taken out. */
  private static List<String> leftoverEnglish(String rendered) {
    String text =
        rendered
            .replaceAll("<[^>]*>", " ")
            .replaceAll("&[a-z#0-9]+;", " ")
            .replaceAll("(?s)SELECT .*?ORDER BY [\\w, ]+", " ")
            .replaceAll("puerto [a-z]+( --[a-z]+)?", " ")
            .replaceAll("\\b(p|sp|pct)=\\S*", " ")
            .replaceAll("[\\w.]+(-[\\w.]+)+", " ")
            .replace("DKIM d=", " ");
    List<String> found = new ArrayList<>();
    Matcher m = ENGLISH.matcher(text);
    while (m.find()) {
      int from = Math.max(0, m.start() - 30);
      found.add(m.group() + " in «" + text.substring(from, Math.min(text.length(), m.end() + 30)));
    }
    return found;
  }

  private static List<String> keys(String json) {
    List<String> keys = new ArrayList<>();
    Matcher m = Pattern.compile("\"(\\w+)\" :").matcher(json);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  /**
   * A week in which every section of the summary has something: two domains (one analyzed, one
   * not), an unreported day, silent reporters, more sources than the top, failure reports, SMTP TLS
   * with failures, more rejected inputs than are named, failure reports without a domain. Its data
   * is words of neither language, so that any English in the output is the summary's own.
   */
  static WeeklySummary everySection(Messages m) {
    return new WeeklySummary(
        WEEK,
        List.of(domain(m, "example.com", true), domain(m, "example.org", false)),
        rejected(),
        3);
  }

  private static DomainSummary domain(Messages m, String name, boolean analyzed) {
    List<Day> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      days.add(
          i == 5
              ? new Day(WEEK.monday().plusDays(i), 0, Counts.ZERO)
              : new Day(
                  WEEK.monday().plusDays(i), 3, Summaries.counts(1000L * (i + 1), 990L * (i + 1))));
    }
    List<Source> sources = new ArrayList<>();
    sources.add(
        new Source(
            "198.51.100.7",
            Summaries.counts(1_234, 0),
            "mx.example.net",
            "Ejemplo",
            null,
            null,
            null,
            analyzed ? Verdict.DKIM_KEY_PROBLEM : null,
            analyzed ? "DKIM selector1._domainkey" : null,
            true));
    for (int i = 0; i < 12; i++) {
      sources.add(
          new Source(
              "192.0.2." + i,
              Summaries.counts(100 - i, 100 - i),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              false));
    }
    PublishedPolicy policy = new PublishedPolicy("none", null, 100, true);
    List<WeekRate> history =
        List.of(
            new WeekRate(WEEK.minusWeeks(3), 0, 0),
            new WeekRate(WEEK.minusWeeks(2), 100, 99),
            new WeekRate(WEEK.minusWeeks(1), 100, 97),
            new WeekRate(WEEK, 26_766, 26_700));
    OffsetDateTime arrived = WEEK.start().plusDays(2);
    FailureReports failures =
        new FailureReports(
            7,
            12,
            List.of(
                new FailureGroup(
                    "198.51.100.7",
                    FailureGroup.AUTH_FAILURE,
                    "dkim",
                    5,
                    arrived,
                    arrived.plusHours(5),
                    List.of("sub." + name),
                    List.of("example.net"),
                    analyzed ? Verdict.DKIM_KEY_PROBLEM : null),
                new FailureGroup(
                    null, "abuse", null, 2, arrived, arrived, List.of(), List.of(), null)));
    SmtpTls tls =
        new SmtpTls(
            4,
            new SmtpTls.Sessions(1_200, 50),
            13,
            List.of(
                new SmtpTls.Policy(
                    "sts", List.of("mx1." + name), 3, new SmtpTls.Sessions(1_000, 50)),
                new SmtpTls.Policy("no-policy-found", List.of(), 1, new SmtpTls.Sessions(200, 0))),
            14,
            List.of(
                new SmtpTls.Failure(
                    "certificate-expired",
                    "mx1." + name,
                    30,
                    TlsFix.of("certificate-expired").action(m, name, "certificate-expired", null)),
                new SmtpTls.Failure(
                    "sts-policy-fetch-error",
                    null,
                    20,
                    TlsFix.of("sts-policy-fetch-error")
                        .action(m, name, "sts-policy-fetch-error", null)),
                new SmtpTls.Failure(
                    "x-nuevo",
                    null,
                    1,
                    TlsFix.of("x-nuevo").action(m, name, "x-nuevo", "mx2." + name))));
    return new DomainSummary(
        name,
        WEEK,
        Summaries.counts(28_000, 27_700),
        Summaries.counts(26_800, 26_000),
        days,
        List.of(new Reporter("google.com", 7, 20_000), new Reporter("Yahoo", 1, 1)),
        List.of("Seznam", "Yandex"),
        sources,
        analyzed,
        policy,
        history,
        PolicyAdvisor.advise(m, policy, history, sources, analyzed),
        failures,
        tls);
  }

  private static List<RejectedInput> rejected() {
    List<RejectedInput> inputs = new ArrayList<>();
    for (int i = 0; i < Texts.REJECTED_NAMED + 2; i++) {
      inputs.add(
          new RejectedInput(
              "/srv/dmarc/" + i + ".xml",
              InputStatus.PARTIAL,
              "XML: 1, 7",
              OffsetDateTime.parse("2026-11-18T10:00:00Z")));
    }
    return inputs;
  }
}
