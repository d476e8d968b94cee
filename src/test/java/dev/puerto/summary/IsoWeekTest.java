package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IsoWeekTest {
  @Test
  void a_week_runs_from_monday_midnight_utc_to_the_next_monday() {
    IsoWeek week = IsoWeek.parse("2026-W11");
    assertThat(week.monday()).isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(week.start().toInstant()).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
    assertThat(week.end().toInstant()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
    assertThat(week.sunday()).isEqualTo(LocalDate.of(2026, 3, 15));
    assertThat(week).hasToString("2026-W11");
  }

  @Test
  void week_numbers_follow_iso_8601_across_the_year_boundary() {
    assertThat(IsoWeek.parse("2026-W01").monday()).isEqualTo(LocalDate.of(2025, 12, 29));
    assertThat(IsoWeek.parse("2026-W53").monday()).isEqualTo(LocalDate.of(2026, 12, 28));
    assertThat(IsoWeek.containing(LocalDate.of(2027, 1, 3))).hasToString("2026-W53");
    assertThat(IsoWeek.parse("2026-w47")).hasToString("2026-W47");
  }

  @Test
  void a_malformed_or_impossible_week_is_refused_with_the_expected_form() {
    assertThatThrownBy(() -> IsoWeek.parse("2026-47")).hasMessageContaining("YYYY-Www");
    assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).hasMessageContaining("2026-W47");
  }

  @Test
  void the_default_is_the_last_complete_week_in_utc_whatever_the_local_zone() {
    // Monday 00:30 in Berlin is still Sunday in UTC: the week before last is the last complete.
    Clock mondayInBerlin =
        Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneId.of("Europe/Berlin"));
    assertThat(IsoWeek.lastComplete(mondayInBerlin)).hasToString("2026-W46");
    Clock mondayUtc = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    assertThat(IsoWeek.lastComplete(mondayUtc)).hasToString("2026-W47");
  }
}
