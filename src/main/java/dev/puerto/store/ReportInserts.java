package dev.puerto.store;

import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.store.ReportColumns.ReportRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * The statements that write a report, their text built once from {@link ReportColumns}.
 *
 * <p>A report and its records are written by one statement of plain SQL (bound through jOOQ): the
 * new report's key comes from a common table expression that the inserts of the records, auth
 * results and reasons read, so a duplicate report (no key) writes nothing. Rendering the same
 * statement from the DSL for every report cost a fifth of the import's CPU; this text is parsed by
 * jOOQ cheaply and prepared once per connection by the server.
 */
final class ReportInserts {
  private ReportInserts() {}

  /** The rows of a batch: one insert per table, in the order the batch binds them. */
  private static final String INSERT_ROWS = insertBatch(new RecordBatch().tables());

  /** A new report and its first batch of rows. */
  private static final String INSERT_REPORT =
      """
      WITH stored_report (id, period_month) AS (
        INSERT INTO %s (%s)
        VALUES (%s)
        ON CONFLICT ON CONSTRAINT reports_natural_key DO NOTHING
        RETURNING id, period_month),
      """
              .formatted(
                  ReportColumns.REPORT.table(),
                  ReportColumns.REPORT.names(),
                  ReportColumns.REPORT.rowParameters())
          + INSERT_ROWS;

  /** A further batch of rows of the report whose key is the first ?. */
  private static final String INSERT_MORE_ROWS =
      "WITH stored_report (id, period_month) AS (SELECT id, period_month FROM reports WHERE id = ?),\n"
          + INSERT_ROWS;

  private static String insertBatch(List<TableColumns<?>> tables) {
    return tables.stream().map(ReportInserts::insertRows).collect(Collectors.joining(",\n"))
        + "\nSELECT id FROM stored_report";
  }

  /**
   * One table's rows, from one array per column, keyed to the report just written and filed in its
   * month's partition.
   */
  private static String insertRows(TableColumns<?> table) {
    return """
        stored_%1$s AS (
          INSERT INTO %1$s (report_key, period_month, %2$s)
          SELECT stored_report.id, stored_report.period_month, r.*
            FROM stored_report, unnest(%3$s) AS r)"""
        .formatted(table.table(), table.names(), table.arrayParameters());
  }

  /**
   * Inserts the report and the batch of its records read so far in one statement; returns the new
   * report's key, or nothing when the report was stored before (and then no records either).
   */
  static Optional<Long> insertReport(DSLContext dsl, Object[] binds) {
    return dsl.resultQuery(INSERT_REPORT, binds).coerce(REPORTS.ID).fetchOptional(REPORTS.ID);
  }

  /** The values {@link #insertReport} binds: the report's, then the batch read so far (drained). */
  static Object[] reportBinds(ReportRow report, RecordBatch batch) {
    List<Object> binds = new ArrayList<>(ReportColumns.REPORT.binds(report));
    batch.drainTo(binds);
    return binds.toArray();
  }

  /** The insert of the batch read since the last, bound now, to run while the next is read. */
  static ResultQuery<Record> insertMoreRows(DSLContext tx, long reportKey, RecordBatch batch) {
    List<Object> binds = new ArrayList<>(List.of(DSL.val(reportKey, REPORTS.ID)));
    batch.drainTo(binds);
    return tx.resultQuery(INSERT_MORE_ROWS, binds.toArray());
  }

  /**
   * The report's totals once all its batches are written, and its extensions: they may follow the
   * records.
   */
  static void updateTotals(DSLContext tx, long reportKey, RecordBatch batch, String extensions) {
    tx.update(REPORTS)
        .set(REPORTS.RECORD_COUNT, batch.recordCount())
        .set(REPORTS.MESSAGE_COUNT, batch.messageCount())
        .set(REPORTS.EXTENSIONS, extensions)
        .where(REPORTS.ID.eq(reportKey))
        .execute();
  }
}
