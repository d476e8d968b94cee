package dev.puerto.store;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.impl.DSL;

/**
 * Rows gathered one at a time and handed out column by column: one typed array bind per column,
 * ready for {@code unnest(...)}. A batch of rows then costs one bind per column, however many rows
 * it has; a multi-row VALUES list costs jOOQ and the server work per value and is several times
 * slower.
 */
final class ColumnArrays {
  /** The element types of a table's columns, in order, with their array types; shared. */
  record Columns(List<DataType<?>> types, List<DataType<?>> arrayTypes) {
    static Columns of(DataType<?>... types) {
      return new Columns(
          List.of(types),
          List.of(types).stream().<DataType<?>>map(DataType::getArrayDataType).toList());
    }
  }

  private final Columns columns;
  private final List<List<Object>> values = new ArrayList<>();

  ColumnArrays(Columns columns) {
    this.columns = columns;
    columns.types().forEach(type -> values.add(new ArrayList<>()));
  }

  /** Adds a row: one value per column, in order; null stays NULL. */
  void row(Object... row) {
    if (row.length != values.size()) {
      throw new IllegalArgumentException(
          "a row needs " + values.size() + " values, not " + row.length);
    }
    for (int i = 0; i < row.length; i++) {
      values.get(i).add(row[i]);
    }
  }

  /** Adds one array bind per column to {@code binds}, in column order, and forgets the rows. */
  void drainTo(List<Object> binds) {
    for (int i = 0; i < values.size(); i++) {
      List<Object> column = values.get(i);
      Object[] array =
          (Object[]) Array.newInstance(columns.types().get(i).getType(), column.size());
      binds.add(DSL.val(column.toArray(array), columns.arrayTypes().get(i)));
      column.clear();
    }
  }
}
