package dev.puerto.store;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * Rows gathered one at a time and handed out column by column: one typed array bind per column,
 * ready for {@code unnest(...)}. A batch of rows then costs one bind per column, however many rows
 * it has; a multi-row VALUES list costs jOOQ and the server work per value and is several times
 * slower. The same rows can be drained as COPY rows instead ({@link #drainTo(CopyText, List)}).
 */
final class ColumnArrays<R> {
  private final TableColumns<R> table;
  private final List<List<Object>> values = new ArrayList<>();

  ColumnArrays(TableColumns<R> table) {
    this.table = table;
    table.columns().forEach(column -> values.add(new ArrayList<>()));
  }

  TableColumns<R> table() {
    return table;
  }

  /** Adds a row: its value of each column; null stays NULL. */
  void add(R row) {
    List<Column<R>> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      values.get(i).add(columns.get(i).value().apply(row));
    }
  }

  /** Adds one array bind per column to {@code binds}, in column order, and forgets the rows. */
  void drainTo(List<Object> binds) {
    List<Column<R>> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      Column<R> column = columns.get(i);
      List<Object> gathered = values.get(i);
      Object[] array = (Object[]) Array.newInstance(column.type().getType(), gathered.size());
      binds.add(DSL.val(gathered.toArray(array), column.arrayType()));
      gathered.clear();
    }
  }

  /** Whether no row was added since the last drain. */
  boolean isEmpty() {
    return values.get(0).isEmpty();
  }

  /**
   * Adds the rows to {@code out} as COPY rows, each led by the values of {@code key} (the report's
   * key columns), and forgets the rows.
   */
  void drainTo(CopyText out, List<?> key) {
    int rows = values.get(0).size();
    for (int row = 0; row < rows; row++) {
      key.forEach(out::value);
      for (List<Object> column : values) {
        out.value(column.get(row));
      }
      out.endRow();
    }
    values.forEach(List::clear);
  }
}
