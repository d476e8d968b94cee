package dev.puerto.store;

import dev.puerto.parse.DkimResult;
import dev.puerto.parse.OverrideReason;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.parse.SpfAuthResult;
import dev.puerto.store.ReportColumns.Numbered;
import dev.puerto.store.ReportColumns.RecordRow;
import java.util.List;

/**
 * Records of one report read and waiting to be written, with their auth results and reasons, one
 * {@link ColumnArrays} per table. A batch is bounded by its records and by its child rows.
 */
final class RecordBatch {
  /** Records per statement: bounded memory, few round trips. */
  static final int MAX_RECORDS = 1000;

  /**
   * Auth results and reasons per statement: a record may carry many (RFC 9990 allows 100 DKIM
   * results), and a batch is bounded by its rows, not only its records.
   */
  private static final int MAX_CHILD_ROWS = 20_000;

  private final ColumnArrays<RecordRow> records = new ColumnArrays<>(ReportColumns.RECORD);
  private final ColumnArrays<Numbered<DkimResult>> dkim =
      new ColumnArrays<>(ReportColumns.DKIM_RESULT);
  private final ColumnArrays<Numbered<SpfAuthResult>> spf =
      new ColumnArrays<>(ReportColumns.SPF_RESULT);
  private final ColumnArrays<Numbered<OverrideReason>> reasons =
      new ColumnArrays<>(ReportColumns.OVERRIDE_REASON);

  /** The order of the tables' inserts in the statement, and so of their binds. */
  private final List<ColumnArrays<?>> tables = List.of(records, dkim, spf, reasons);

  private int recordCount;
  private long messageCount;
  private int childRows;

  /** Reads records until the batch is full or the report ends; returns whether the report ended. */
  boolean fill(Records source) throws ReportRejectedException {
    for (int read = 0; read < MAX_RECORDS && childRows < MAX_CHILD_ROWS; read++) {
      ReportRecord record = source.next();
      if (record == null) {
        return true;
      }
      add(record);
    }
    return false;
  }

  private void add(ReportRecord record) {
    int recordNo = ++recordCount;
    messageCount += record.count();
    childRows += record.dkimResults().size() + record.spfResults().size() + record.reasons().size();
    records.add(new RecordRow(recordNo, record));
    addNumbered(dkim, recordNo, record.dkimResults());
    addNumbered(spf, recordNo, record.spfResults());
    addNumbered(reasons, recordNo, record.reasons());
  }

  private static <T> void addNumbered(
      ColumnArrays<Numbered<T>> table, int recordNo, List<T> items) {
    int no = 0;
    for (T item : items) {
      table.add(new Numbered<>(recordNo, ++no, item));
    }
  }

  int recordCount() {
    return recordCount;
  }

  long messageCount() {
    return messageCount;
  }

  StoredReport stored() {
    return new StoredReport(false, recordCount, messageCount);
  }

  /** The tables in the order {@link #drainTo} binds them. */
  List<TableColumns<?>> tables() {
    return tables.stream().<TableColumns<?>>map(ColumnArrays::table).toList();
  }

  /** Binds the rows read since the last call, table by table in the order of {@link #tables}. */
  void drainTo(List<Object> binds) {
    childRows = 0;
    tables.forEach(table -> table.drainTo(binds));
  }

  /**
   * The rows read since the last call as COPY rows led by {@code key}, one block per table in the
   * order of {@link #tables} (empty for a table without rows).
   */
  List<byte[]> drainToCopy(List<?> key) {
    childRows = 0;
    CopyText text = new CopyText();
    return tables.stream()
        .map(
            table -> {
              table.drainTo(text, key);
              return text.drain();
            })
        .toList();
  }
}
