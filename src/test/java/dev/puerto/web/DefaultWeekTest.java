package dev.puerto.web;

import static dev.puerto.schema.Tables.INPUTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.Database;
import dev.puerto.summary.IsoWeek;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The week a page shows without {@code ?week=}: the last complete week that has reports; the week
 * under way when only it has any; never a week a wrong clock put reports in.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultWeekTest {
  private static final IsoWeek LAST_COMPLETE = IsoWeek.parse("2026-W11");

  private final Database database;
  private final Reads reads;

  DefaultWeekTest(TestDatabase testDatabase) throws Exception {
    database = testDatabase.open();
    reads = new Reads(database.dsl());
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    database.dsl().truncate(INPUTS).cascade().execute();
  }

  @Test
  void without_reports_it_is_the_last_complete_week() {
    assertThat(reads.latestWeekWithData(LAST_COMPLETE)).isEqualTo(LAST_COMPLETE);
  }

  @Test
  void it_is_the_last_complete_week_with_reports_even_when_the_week_under_way_has_some()
      throws Exception {
    report("2026-W08", "older");
    report("2026-W12", "under-way");
    assertThat(reads.latestWeekWithData(LAST_COMPLETE)).isEqualTo(IsoWeek.parse("2026-W08"));
  }

  @Test
  void only_the_week_under_way_has_reports_so_it_is_that_week() throws Exception {
    report("2026-W12", "under-way");
    assertThat(reads.latestWeekWithData(LAST_COMPLETE)).isEqualTo(IsoWeek.parse("2026-W12"));
  }

  @Test
  void reports_dated_after_the_week_under_way_never_make_the_default() throws Exception {
    report("2026-W30", "wrong-clock");
    assertThat(reads.latestWeekWithData(LAST_COMPLETE)).isEqualTo(LAST_COMPLETE);
    report("2026-W10", "before");
    assertThat(reads.latestWeekWithData(LAST_COMPLETE)).isEqualTo(IsoWeek.parse("2026-W10"));
  }

  private void report(String week, String id) throws Exception {
    AggregateXml.report(
            "example.com",
            id,
            IsoWeek.parse(week).monday().plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC))
        .record(Row.passing("192.0.2.1", 10))
        .importInto(database);
  }
}
