package dev.puerto.summary;

import dev.puerto.schema.InputStatus;
import dev.puerto.schema.Verdict;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Summaries built in memory, with the awkward values renderers must survive. */
final class Summaries {
  static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
  static final String HOSTILE = "<script>alert(1)</script> | *x* [a](http://evil.example/p.png)";

  private Summaries() {}

  static Counts counts(long messages, long pass) {
    return new Counts(messages, pass, pass / 2, pass, messages - 3, 2, 1);
  }

  static DomainSummary domain(String name) {
    List<Day> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      days.add(
          i == 5
              ? new Day(WEEK.monday().plusDays(i), 0, Counts.ZERO)
              : new Day(WEEK.monday().plusDays(i), 3, counts(1000L * (i + 1), 990L * (i + 1))));
    }
    List<Source> sources = new ArrayList<>();
    sources.add(
        new Source(
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
            counts(20_000, 19_999),
            "a-very-long-reverse-dns-name-for-a-mail-server.outbound.mail.example-service.com",
            "A Mail Service With An Unusually Long Name",
            null,
            null,
            null,
            null,
            null,
            true));
    sources.add(
        new Source(
            "203.0.113.66",
            counts(1_234, 0),
            null,
            HOSTILE,
            null,
            null,
            null,
            Verdict.UNAUTHORIZED,
            "Nothing to fix in DNS: this is spoofing, which p=reject will stop. " + HOSTILE,
            false));
    for (int i = 0; i < 15; i++) {
      sources.add(
          new Source(
              "192.0.2." + i,
              counts(100 - i, 100 - i),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              false));
    }
    return new DomainSummary(
        name,
        WEEK,
        counts(28_000, 27_700),
        counts(26_800, 26_000),
        days,
        List.of(
            new Reporter("google.com", 7, 20_000),
            new Reporter("Enterprise Outlook " + "x".repeat(80), 6, 7_000),
            new Reporter(HOSTILE, 1, 1)),
        List.of("Yahoo", HOSTILE),
        sources,
        true,
        new PublishedPolicy("none", null, 100, true),
        List.of(
            new WeekRate(WEEK.minusWeeks(3), 0, 0),
            new WeekRate(WEEK.minusWeeks(2), 100, 99),
            new WeekRate(WEEK.minusWeeks(1), 100, 97),
            new WeekRate(WEEK, 26_766, 26_700)),
        new Advice(
            "keep",
            "Stay at p=none for now: p=quarantine would block legitimate mail.",
            List.of(
                Prose.of("2026-W44: no reports, so no evidence"),
                Prose.of("a blocker " + "y".repeat(150)),
                Prose.of("run ").code("puerto analyze").then(" first"))));
  }

  static DomainSummary empty(String name) {
    List<Day> days = WEEK.days().stream().map(d -> new Day(d, 0, Counts.ZERO)).toList();
    return new DomainSummary(
        name,
        WEEK,
        Counts.ZERO,
        counts(10, 10),
        days,
        List.of(),
        List.of("google.com"),
        List.of(),
        false,
        null,
        List.of(),
        new Advice("keep", "No published policy was reported this week.", List.of()));
  }

  static WeeklySummary full() {
    return new WeeklySummary(
        WEEK,
        List.of(domain("example.com"), empty("example.net")),
        List.of(
            new RejectedInput(
                "/var/mail/reports/" + "z".repeat(120) + ".xml",
                InputStatus.REJECTED,
                "not well-formed XML: line 1\nsecond line " + HOSTILE,
                OffsetDateTime.parse("2026-11-18T10:00:00Z"))));
  }
}
