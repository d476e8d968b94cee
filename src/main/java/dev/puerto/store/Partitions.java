package dev.puerto.store;

import dev.puerto.schema.Routines;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Makes sure the monthly partitions a report is written into exist (V10 of the schema): the first
 * report of a month this process has not seen costs one call of {@code ensure_report_partitions}, a
 * month seen before costs nothing. Which month a report is filed under is the database's decision
 * ({@code filing_month}); the months remembered here are those of the periods' beginnings.
 *
 * <p>A partition dropped since ({@code puerto prune} in another process) makes the insert fail as a
 * check violation; the stores then forget what they remembered, ask again and write once more.
 */
final class Partitions {
  /** Months remembered at most: a stream of hostile dates must not grow the set without end. */
  private static final int MAX_REMEMBERED = 256;

  /** PostgreSQL's check_violation, which a row without a partition for it also raises. */
  private static final String CHECK_VIOLATION = "23514";

  private final Set<YearMonth> ensured = ConcurrentHashMap.newKeySet();

  /** Creates the partitions of the report beginning at {@code begin} unless known to exist. */
  void ensureFor(DSLContext dsl, Instant begin) {
    YearMonth month = YearMonth.from(begin.atOffset(ZoneOffset.UTC));
    if (ensured.contains(month)) {
      return;
    }
    ensureNow(dsl, begin);
    if (ensured.size() >= MAX_REMEMBERED) {
      ensured.clear();
    }
    ensured.add(month);
  }

  /** Creates the partitions of the report beginning at {@code begin} where missing, now. */
  void ensureNow(DSLContext dsl, Instant begin) {
    Routines.ensureReportPartitions(dsl.configuration(), ReportColumns.utc(begin));
  }

  /**
   * Whether a write may have failed for a partition dropped after it was remembered; then the
   * months are forgotten, and the caller ensures and writes once more.
   */
  boolean forgetIfMissing(DataAccessException e) {
    boolean missing =
        DatabaseFailure.find(e).map(f -> CHECK_VIOLATION.equals(f.sqlState())).orElse(false);
    if (missing) {
      ensured.clear();
    }
    return missing;
  }
}
