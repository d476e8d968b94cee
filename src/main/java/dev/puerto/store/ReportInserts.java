package dev.puerto.store;

import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.store.ReportColumns.ReportRow;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The statements that write a report, their text built once from {@link ReportColumns}.
 *
 * <p>Further batches of a large report are written by COPY ({@link #copyMoreRows}), into the same
 * columns.
 *
 * <p>A report and its records are written by one statement of plain SQL (bound through jOOQ): the
 * new report's key comes from a common table expression that the inserts of the records, auth
 * results and reasons read, so a duplicate report (no key) writes nothing. Rendering the same
 * statement from the DSL for every report cost a fifth of the import's CPU; this text is parsed by
 * jOOQ cheaply and prepared once per connection by the server.
 */
final class ReportInserts {
  private ReportInserts() {}

  /**
   * The columns of a record table that name its report and the month it is filed under (its
   * partition), before the table's own columns.
   */
  private static final String REPORT_KEY = "report_key, period_month";

  /** The rows of a batch: one insert per table, in the order the batch binds them. */
  private static final String INSERT_ROWS = insertBatch(new RecordBatch().tables());

  /** The same rows by COPY: one statement per table, in the order the batch encodes them. */
  private static final List<String> COPY_ROWS =
      new RecordBatch().tables().stream().map(ReportInserts::copyRows).toList();

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

  private static String insertBatch(List<TableColumns<?>> tables) {
    return tables.stream().map(ReportInserts::insertRows).collect(Collectors.joining(",\n"))
        + "\nSELECT id, period_month FROM stored_report";
  }

  /**
   * One table's rows, from one array per column, keyed to the report just written and filed in its
   * month's partition.
   */
  private static String insertRows(TableColumns<?> table) {
    return """
        stored_%1$s AS (
          INSERT INTO %1$s (%4$s, %2$s)
          SELECT stored_report.id, stored_report.period_month, r.*
            FROM stored_report, unnest(%3$s) AS r)"""
        .formatted(table.table(), table.names(), table.arrayParameters(), REPORT_KEY);
  }

  /** One table's rows read from COPY text, each led by its report's key. */
  private static String copyRows(TableColumns<?> table) {
    return "COPY %s (%s, %s) FROM STDIN".formatted(table.table(), REPORT_KEY, table.names());
  }

  /**
   * Inserts the report and the batch of its records read so far in one statement; returns the new
   * report's key, or nothing when the report was stored before (and then no records either).
   */
  static Optional<StoredKey> insertReport(DSLContext dsl, Object[] binds) {
    return dsl.resultQuery(INSERT_REPORT, binds)
        .coerce(REPORTS.ID, REPORTS.PERIOD_MONTH)
        .fetchOptional(r -> new StoredKey(r.value1(), r.value2()));
  }

  /** A report just written: its key, and the month it is filed under (its partition). */
  record StoredKey(long id, LocalDate periodMonth) {}

  /** The values {@link #insertReport} binds: the report's, then the batch read so far (drained). */
  static Object[] reportBinds(ReportRow report, RecordBatch batch) {
    List<Object> binds = new ArrayList<>(ReportColumns.REPORT.binds(report));
    batch.drainTo(binds);
    return binds.toArray();
  }

  /**
   * The batch read since the last, encoded now as COPY rows, and the write that sends them (one
   * COPY per table that has rows), to run while the next batch is read. For a report's further
   * batches of 1000 records COPY costs the client about a third less CPU than binding the unnest
   * arrays and the server about a tenth less; for a small report its extra round trips cost more
   * than they save, so the first batch stays in the report's own statement.
   */
  static Callable<Void> copyMoreRows(DSLContext tx, StoredKey report, RecordBatch batch) {
    List<byte[]> rows = batch.drainToCopy(List.of(report.id(), report.periodMonth()));
    return () -> {
      tx.connection(
          connection -> {
            try {
              CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
              for (int i = 0; i < rows.size(); i++) {
                byte[] data = rows.get(i);
                if (data.length > 0) {
                  CopyIn in = copy.copyIn(COPY_ROWS.get(i));
                  try {
                    in.writeToCopy(data, 0, data.length);
                    in.endCopy();
                  } finally {
                    if (in.isActive()) {
                      in.cancelCopy();
                    }
                  }
                }
              }
            } catch (SQLException e) {
              throw ConnectionFailures.told(tx.configuration(), "copying a batch of records", e);
            }
          });
      return null;
    };
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
