package dev.puerto.analyze;

import static dev.puerto.schema.Tables.FINDINGS;
import static dev.puerto.schema.Tables.HOSTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.schema.Verdict;
import dev.puerto.schema.tables.records.FindingsRecord;
import dev.puerto.sender.Catalogue;
import dev.puerto.store.Database;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.Source;
import dev.puerto.summary.Summarizer;
import dev.puerto.summary.SummaryReader;
import dev.puerto.summary.WeeklySummary;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run of analyze whose DNS fails must not undo what a good run found: the verdicts judged before
 * stay, and the findings say when a run last tried and why it could not judge. The tests run in
 * order, one analyze run each, on one database.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyzerDnsDownTest {
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
  private static final Window WINDOW =
      new Window(DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(2)));
  private static final Window NEXT_DAY =
      new Window(WINDOW.start().plus(Duration.ofDays(1)), WINDOW.end().plus(Duration.ofDays(1)));
  private static final Instant GOOD_RUN = Instant.parse("2026-11-21T06:00:00Z");
  private static final Instant DOWN_RUN = Instant.parse("2026-11-22T06:00:00Z");
  private static final String SPOOFER = "203.0.113.66";
  private static final String ESP = "167.89.1.1";
  private static final String FLAKY = "203.0.113.5";

  private final Database database;
  private DnsTestServer good;
  private DnsTestServer down;

  AnalyzerDnsDownTest(TestDatabase db) throws Exception {
    this.database = db.open();
  }

  @BeforeAll
  void importReports() throws Exception {
    good = TestZones.start();
    // The same world, except that example.com's own names and the ESP's PTR now time out.
    down = TestZones.start();
    down.timeOut("example.com");
    down.timeOut("_dmarc.example.com");
    down.timeOut("1.1.89.167.in-addr.arpa");
    AggregateXml.report("example.com", "r1", DAY)
        .record(Row.failing(SPOOFER, 9))
        .record(Row.failing(ESP, 40).envelopeFrom("sendgrid.net").spfAuth("sendgrid.net", "pass"))
        .importInto(database);
    AggregateXml.report("flaky.example", "r2", DAY)
        .record(Row.failing(FLAKY, 7))
        .importInto(database);
  }

  @AfterAll
  void stop() {
    good.close();
    down.close();
    database.close();
  }

  private Analyzer.Analysis analyze(DnsTestServer server, Instant at, Window window)
      throws InterruptedException {
    DnsClient dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(200), 1, 8),
            Clock.systemUTC());
    return new Analyzer(
            database,
            dns,
            new Blocklists(dns, List.of()),
            Catalogue.load(),
            Clock.fixed(at, ZoneOffset.UTC),
            8)
        .analyze(window, Optional.empty());
  }

  private FindingsRecord finding(String ip, Window window) {
    return database
        .dsl()
        .selectFrom(FINDINGS)
        .where(FINDINGS.SOURCE_IP.eq(Inet.inet(InetAddresses.forString(ip))))
        .and(FINDINGS.WINDOW_START.eq(window.start().atOffset(ZoneOffset.UTC)))
        .fetchOne();
  }

  @Test
  @Order(1)
  void a_good_run_judges_the_sources_and_records_its_attempt() throws Exception {
    Analyzer.Analysis analysis = analyze(good, GOOD_RUN, WINDOW);
    assertThat(analysis.kept()).isEmpty();
    FindingsRecord spoofer = finding(SPOOFER, WINDOW);
    assertThat(spoofer.getVerdict()).isEqualTo(Verdict.UNAUTHORIZED);
    assertThat(spoofer.getCheckedAt().toInstant()).isEqualTo(GOOD_RUN);
    assertThat(spoofer.getLastAttemptAt().toInstant()).isEqualTo(GOOD_RUN);
    assertThat(spoofer.getLastError()).isNull();
    assertThat(finding(ESP, WINDOW).getVerdict()).isEqualTo(Verdict.LEGITIMATE_NOT_ALIGNED);
    assertThat(finding(FLAKY, WINDOW).getVerdict()).isEqualTo(Verdict.DNS_ERROR);
    assertThat(finding(FLAKY, WINDOW).getLastError()).contains("TIMEOUT");
  }

  @Test
  @Order(2)
  void a_run_whose_dns_times_out_keeps_the_verdicts_and_says_it_could_not_judge() throws Exception {
    Analyzer.Analysis analysis = analyze(down, DOWN_RUN, WINDOW);
    // The run itself could not judge them ...
    assertThat(analysis.findings())
        .filteredOn(f -> f.policyDomain().equals("example.com"))
        .allSatisfy(f -> assertThat(f.verdict()).isEqualTo(Verdict.DNS_ERROR))
        .hasSize(2);
    assertThat(analysis.resolverProblem()).isNull();
    // ... so what was judged before stays, with the time it was judged.
    assertThat(analysis.kept())
        .extracting(k -> InetAddresses.toAddrString(k.sourceIp()), KeptVerdict::verdict)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(SPOOFER, Verdict.UNAUTHORIZED),
            org.assertj.core.groups.Tuple.tuple(ESP, Verdict.LEGITIMATE_NOT_ALIGNED));
    FindingsRecord spoofer = finding(SPOOFER, WINDOW);
    assertThat(spoofer.getVerdict()).isEqualTo(Verdict.UNAUTHORIZED);
    assertThat(spoofer.getAction()).contains("Likely spoofing");
    assertThat(spoofer.getCheckedAt().toInstant()).isEqualTo(GOOD_RUN);
    assertThat(spoofer.getLastAttemptAt().toInstant()).isEqualTo(DOWN_RUN);
    assertThat(spoofer.getLastError()).contains("example.com").contains("TIMEOUT");
    assertThat(spoofer.getEvidence().data()).doesNotContain("dns_error");
    FindingsRecord esp = finding(ESP, WINDOW);
    assertThat(esp.getVerdict()).isEqualTo(Verdict.LEGITIMATE_NOT_ALIGNED);
    assertThat(esp.getService()).isEqualTo("SendGrid (Twilio)");
    // A source that was never judged stays unjudged, now with this run's time.
    FindingsRecord flaky = finding(FLAKY, WINDOW);
    assertThat(flaky.getVerdict()).isEqualTo(Verdict.DNS_ERROR);
    assertThat(flaky.getCheckedAt().toInstant()).isEqualTo(DOWN_RUN);
    assertThat(database.dsl().fetchCount(FINDINGS)).isEqualTo(3);
  }

  @Test
  @Order(3)
  void a_failed_ptr_lookup_does_not_erase_the_hosts_ptr() {
    var esp =
        database
            .dsl()
            .selectFrom(HOSTS)
            .where(HOSTS.IP.eq(Inet.inet(InetAddresses.forString(ESP))))
            .fetchOne();
    assertThat(esp.getPtr()).isEqualTo("o1.ptr1.sendgrid.net");
    assertThat(esp.getForwardConfirmed()).isTrue();
    assertThat(esp.getService()).isEqualTo("SendGrid (Twilio)");
    assertThat(esp.getCheckedAt().toInstant()).isEqualTo(GOOD_RUN);
  }

  @Test
  @Order(4)
  void the_weekly_summary_still_shows_the_verdict_judged_before() {
    WeeklySummary summary =
        new Summarizer(new SummaryReader(database.dsl()))
            .summarize(IsoWeek.parse("2026-W47"), List.of("example.com"));
    assertThat(summary.domains().get(0).sources())
        .filteredOn(s -> s.ip().equals(SPOOFER))
        .extracting(Source::verdict)
        .containsExactly(Verdict.UNAUTHORIZED);
  }

  @Test
  @Order(5)
  void a_dns_down_run_over_another_window_carries_the_last_judged_verdict_into_it()
      throws Exception {
    analyze(down, DOWN_RUN.plus(Duration.ofHours(1)), NEXT_DAY);
    FindingsRecord spoofer = finding(SPOOFER, NEXT_DAY);
    assertThat(spoofer.getVerdict()).isEqualTo(Verdict.UNAUTHORIZED);
    assertThat(spoofer.getCheckedAt().toInstant()).isEqualTo(GOOD_RUN);
    assertThat(spoofer.getLastAttemptAt().toInstant())
        .isEqualTo(DOWN_RUN.plus(Duration.ofHours(1)));
    assertThat(spoofer.getMessages()).isEqualTo(9);
  }

  @Test
  @Order(6)
  void a_run_whose_resolver_does_not_answer_stores_nothing() throws Exception {
    var before = database.dsl().selectFrom(FINDINGS).orderBy(FINDINGS.ID).fetch();
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      DnsClient dns =
          DnsClient.server(
              "127.0.0.1:" + silent.getLocalPort(),
              new DnsClient.Settings(Duration.ofMillis(100), 1, 8));
      Analyzer.Analysis analysis =
          new Analyzer(
                  database,
                  dns,
                  new Blocklists(dns, List.of()),
                  Catalogue.load(),
                  Clock.fixed(DOWN_RUN.plus(Duration.ofHours(2)), ZoneOffset.UTC),
                  8)
              .analyze(WINDOW, Optional.empty());
      assertThat(analysis.resolverProblem())
          .isEqualTo(
              "the DNS resolver 127.0.0.1:"
                  + silent.getLocalPort()
                  + " did not answer (check --dns-server / your network)");
    }
    assertThat(database.dsl().selectFrom(FINDINGS).orderBy(FINDINGS.ID).fetch()).isEqualTo(before);
  }

  @Test
  @Order(7)
  void a_later_good_run_judges_again() throws Exception {
    Instant later = DOWN_RUN.plus(Duration.ofDays(1));
    Analyzer.Analysis analysis = analyze(good, later, WINDOW);
    assertThat(analysis.kept()).isEmpty();
    FindingsRecord spoofer = finding(SPOOFER, WINDOW);
    assertThat(spoofer.getVerdict()).isEqualTo(Verdict.UNAUTHORIZED);
    assertThat(spoofer.getCheckedAt().toInstant()).isEqualTo(later);
    assertThat(spoofer.getLastError()).isNull();
  }
}
