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
  private final List<DataType<?>> types;
  private final List<DataType<?>> arrayTypes;
  private final List<List<Object>> columns = new ArrayList<>();

  /** Columns of these element types, in order. */
  ColumnArrays(DataType<?>... types) {
    this.types = List.of(types);
    this.arrayTypes = this.types.stream().<DataType<?>>map(DataType::getArrayDataType).toList();
    this.types.forEach(type -> columns.add(new ArrayList<>()));
  }

  /** Adds a row: one value per column, in order; null stays NULL. */
  void row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row needs " + columns.size() + " values, not " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      columns.get(i).add(values[i]);
    }
  }

  /** Adds one array bind per column to {@code binds}, in column order, and forgets the rows. */
  void drainTo(List<Object> binds) {
    for (int i = 0; i < columns.size(); i++) {
      List<Object> column = columns.get(i);
      Object[] array = (Object[]) Array.newInstance(types.get(i).getType(), column.size());
      binds.add(DSL.val(column.toArray(array), arrayTypes.get(i)));
      column.clear();
    }
  }
}
