package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.schema.Verdict;
import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overview says of every domain what the domain's own summary says at its top: read for all
 * domains at once, from the per-day views, it must agree with {@link Summarizer#summarize} on
 * reports-samples/ (with its failure and SMTP TLS reports, and analyze's findings) week by week.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewTest {
  private final Database database;
  private Summarizer summarizer;

  OverviewTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
  }

  @BeforeAll
  void importSamples() throws Exception {
    SampleData.importInto(database);
    SampleData.importFiles(database, files("reports-samples/failure", "reports-samples/tls"));
    ReportRows rows = new ReportRows(database.dsl());
    rows.finding(
        "example.com", "203.0.113.66", SampleData.W11, Verdict.UNAUTHORIZED, "spoofing", null);
    rows.finding(
        "example.com",
        "198.51.100.90",
        SampleData.W11,
        Verdict.LEGITIMATE_NOT_ALIGNED,
        "add include:hubspotemail.net",
        "HubSpot");
    summarizer = new Summarizer(new SummaryReader(database.dsl()));
  }

  @AfterAll
  void close() {
    database.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W14"})
  void each_domain_line_agrees_with_the_domains_summary(String isoWeek) {
    IsoWeek week = IsoWeek.parse(isoWeek);
    WeeklySummary summary = summarizer.summarize(week, List.of());
    WeekOverview overview = summarizer.overview(week, 12);

    assertThat(overview.domains())
        .extracting(DomainWeek::domain)
        .containsExactlyElementsOf(summary.domains().stream().map(DomainSummary::domain).toList());
    assertThat(overview.rejectedInputs()).isEqualTo(summary.rejectedInputs().size());
    assertThat(overview.failureReportsWithoutDomain())
        .isEqualTo(summary.failureReportsWithoutDomain());
    for (int i = 0; i < summary.domains().size(); i++) {
      DomainSummary full = summary.domains().get(i);
      DomainWeek line = overview.domains().get(i);
      assertThat(line.counts()).as(full.domain()).isEqualTo(full.counts());
      assertThat(line.previousWeek()).as(full.domain()).isEqualTo(full.previousWeek());
      assertThat(line.trend()).hasSize(12);
      assertThat(line.trend().get(11)).isEqualTo(full.counts());
      assertThat(line.trend().get(10)).isEqualTo(full.previousWeek());
      assertThat(line.policy()).as(full.domain()).isEqualTo(full.policy());
      assertThat(line.advice().status()).as(full.domain()).isEqualTo(full.advice().status());
      assertThat(line.advice().message()).as(full.domain()).isEqualTo(full.advice().message());
      assertThat(line.analyzed()).isEqualTo(full.analyzed());
      assertThat(line.silentReporters()).isEqualTo(full.silentReporters());
      assertThat(line.failureReports()).isEqualTo(full.failureReports().reports());
      assertThat(line.failedTlsSessions()).isEqualTo(full.smtpTls().sessions().failed());
      List<Source> judgedFailing =
          full.failingSources().stream().filter(s -> s.verdict() != null).toList();
      assertThat(line.failingSources()).as(full.domain()).isEqualTo(judgedFailing.size());
      assertThat(line.newFailingSources())
          .isEqualTo(judgedFailing.stream().filter(Source::firstSeen).count());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-W11"})
  void the_trend_is_each_weeks_counts(String isoWeek) {
    IsoWeek week = IsoWeek.parse(isoWeek);
    WeekOverview overview = summarizer.overview(week, 12);
    for (DomainWeek line : overview.domains()) {
      for (int back = 0; back < 12; back++) {
        IsoWeek w = week.minusWeeks(back);
        assertThat(line.trend().get(11 - back))
            .as(line.domain() + " " + w)
            .isEqualTo(summarizer.summarize(w, List.of(line.domain())).domains().get(0).counts());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-W11"})
  void the_sources_analyze_judged_failing_are_counted_once_analyzed(String isoWeek) {
    IsoWeek week = IsoWeek.parse(isoWeek);
    DomainWeek line =
        summarizer.overview(week, 12).domains().stream()
            .filter(d -> d.domain().equals("example.com"))
            .findFirst()
            .orElseThrow();
    assertThat(line.analyzed()).isTrue();
    assertThat(line.failingSources()).isEqualTo(2);
  }

  private static List<String> files(String... directories) throws Exception {
    List<String> files = new java.util.ArrayList<>();
    for (String d : directories) {
      try (Stream<Path> listing = Files.list(Path.of(d))) {
        listing
            .filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().endsWith(".md"))
            .map(Path::toString)
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }
}
