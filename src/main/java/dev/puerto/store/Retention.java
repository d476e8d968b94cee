package dev.puerto.store;

import static dev.puerto.schema.Tables.DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.PRUNED_MONTHS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.TLS_POLICIES;
import static dev.puerto.schema.Tables.TLS_REPORTS;

import dev.puerto.schema.Routines;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code puerto prune}: drops the months of records older than a cutoff as whole partitions (V10),
 * keeping the reports (so that a report sent again is still known), the daily roll-ups (the history
 * the summary and the daily views read) and the inputs, unless told to drop roll-ups or raw bytes
 * too. A month goes only when all of it is older than the cutoff.
 */
public final class Retention {
  /** What happens to the raw bytes of inputs received before the cutoff. */
  public enum Raw {
    KEEP,
    DROP
  }

  /** What happens to the daily roll-ups of days before the cutoff. */
  public enum Rollups {
    KEEP,
    DROP
  }

  /** A month of records that goes, with what it holds. */
  public record Month(LocalDate month, long records, long tlsPolicies) {}

  /**
   * What a prune removes (or, in a dry run, would remove).
   *
   * @param cutoff records filed under months that end at or before it go
   * @param months the months whose partitions go, oldest first
   * @param raw whether raw bytes go
   * @param rawInputs inputs received before the cutoff whose raw bytes go (0 when kept)
   * @param rawBytes their raw bytes as stored (gzip)
   * @param rollups whether roll-ups go
   * @param rollupRows daily roll-up rows of days before the cutoff that go (0 when kept)
   */
  public record Plan(
      Instant cutoff,
      List<Month> months,
      Raw raw,
      long rawInputs,
      long rawBytes,
      Rollups rollups,
      long rollupRows) {
    public long records() {
      return months.stream().mapToLong(Month::records).sum();
    }

    public boolean empty() {
      return months.isEmpty() && rawInputs == 0 && rollupRows == 0;
    }
  }

  private final DSLContext dsl;

  public Retention(Database database) {
    this.dsl = database.dsl();
  }

  /** What {@link #prune} would remove, counted now. */
  public Plan plan(Instant cutoff, Raw raw, Rollups rollups) {
    try {
      return planWith(dsl, cutoff, raw, rollups);
    } catch (DataAccessException e) {
      throw DatabaseFailedException.whileDoing("counting what prune removes", e);
    }
  }

  /**
   * Removes what {@link #plan} counts, in one transaction, and returns it. The records not yet
   * rolled up are rolled up first, in a transaction of their own: the months' records then go
   * without taking their messages out of the roll-ups.
   */
  public Plan prune(Instant cutoff, Raw raw, Rollups rollups) {
    try {
      Routines.applyRollups(dsl.configuration());
      return dsl.transactionResult(
          configuration -> {
            DSLContext tx = DSL.using(configuration);
            Plan plan = planWith(tx, cutoff, raw, rollups);
            for (Month month : plan.months()) {
              Routines.dropMonthPartitions(tx.configuration(), month.month());
              tx.insertInto(PRUNED_MONTHS)
                  .set(PRUNED_MONTHS.PERIOD_MONTH, month.month())
                  .set(PRUNED_MONTHS.RECORDS, month.records())
                  .set(PRUNED_MONTHS.TLS_POLICIES, month.tlsPolicies())
                  .onConflictDoNothing()
                  .execute();
            }
            if (raw == Raw.DROP) {
              tx.update(INPUTS)
                  .set(INPUTS.RAW_GZIP, new byte[0])
                  .set(INPUTS.RAW_DROPPED_AT, DSL.currentOffsetDateTime())
                  .where(rawBefore(cutoff))
                  .execute();
            }
            if (rollups == Rollups.DROP) {
              tx.deleteFrom(DAILY_ROLLUPS).where(DAILY_ROLLUPS.DAY.lt(day(cutoff))).execute();
            }
            return plan;
          });
    } catch (DataAccessException e) {
      throw DatabaseFailedException.whileDoing("pruning", e);
    }
  }

  private static Plan planWith(DSLContext dsl, Instant cutoff, Raw raw, Rollups rollups) {
    List<Month> months =
        monthsBefore(dsl, cutoff).stream().map(month -> count(dsl, month)).toList();
    long rawInputs = 0;
    long rawBytes = 0;
    if (raw == Raw.DROP) {
      var row =
          dsl.select(DSL.count(), DSL.coalesce(DSL.sum(rawLength()), BigDecimal.ZERO))
              .from(INPUTS)
              .where(rawBefore(cutoff))
              .fetchSingle();
      rawInputs = row.value1();
      rawBytes = row.value2().longValue();
    }
    long rollupRows = rollups == Rollups.DROP ? rollupRowsBefore(dsl, cutoff) : 0;
    return new Plan(cutoff, months, raw, rawInputs, rawBytes, rollups, rollupRows);
  }

  /**
   * The roll-up rows of the days before the cutoff as {@link #prune} finds them once it has applied
   * the pending records: the keys of {@code dmarc_daily_rollups}, where a pending record of a day
   * already rolled up shows as a second row of the same key.
   */
  private static long rollupRowsBefore(DSLContext dsl, Instant cutoff) {
    var view = DMARC_DAILY_ROLLUPS;
    return dsl.fetchCount(
        dsl.selectDistinct(view.POLICY_DOMAIN, view.DAY, view.SOURCE_IP, view.ORG_NAME)
            .from(view)
            .where(view.DAY.lt(day(cutoff))));
  }

  /** Months of stored reports that end at or before the cutoff and are not pruned yet. */
  private static List<LocalDate> monthsBefore(DSLContext dsl, Instant cutoff) {
    LocalDate firstKept = day(cutoff).withDayOfMonth(1);
    TreeSet<LocalDate> months = new TreeSet<>();
    months.addAll(
        dsl.selectDistinct(REPORTS.PERIOD_MONTH)
            .from(REPORTS)
            .where(REPORTS.PERIOD_MONTH.lt(firstKept))
            .fetch(REPORTS.PERIOD_MONTH));
    months.addAll(
        dsl.selectDistinct(TLS_REPORTS.PERIOD_MONTH)
            .from(TLS_REPORTS)
            .where(TLS_REPORTS.PERIOD_MONTH.lt(firstKept))
            .fetch(TLS_REPORTS.PERIOD_MONTH));
    months.removeAll(
        dsl.select(PRUNED_MONTHS.PERIOD_MONTH).from(PRUNED_MONTHS).fetch(0, LocalDate.class));
    return List.copyOf(months);
  }

  private static Month count(DSLContext dsl, LocalDate month) {
    return new Month(
        month,
        dsl.fetchCount(RECORDS, RECORDS.PERIOD_MONTH.eq(month)),
        dsl.fetchCount(TLS_POLICIES, TLS_POLICIES.PERIOD_MONTH.eq(month)));
  }

  private static org.jooq.Condition rawBefore(Instant cutoff) {
    return INPUTS
        .RECEIVED_AT
        .lt(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .and(INPUTS.RAW_DROPPED_AT.isNull());
  }

  private static Field<Integer> rawLength() {
    return DSL.field("octet_length({0})", SQLDataType.INTEGER, INPUTS.RAW_GZIP);
  }

  private static LocalDate day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate();
  }
}
