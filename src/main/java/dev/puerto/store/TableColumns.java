package dev.puerto.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Table;

/**
 * The columns a statement writes into one table, in order. The column list of the statement, the
 * casts of its binds and the order of its binds all follow from it, so they cannot disagree.
 */
final class TableColumns<R> {
  private final String table;
  private final List<Column<R>> columns;

  private TableColumns(String table, List<Column<R>> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  /** No columns yet; {@link #column} adds them in order. */
  static <R> TableColumns<R> into(Table<?> table) {
    return new TableColumns<>(table.getName(), List.of());
  }

  /** These columns, then {@code field} with its value for a row. */
  <T> TableColumns<R> column(Field<T> field, Function<? super R, ? extends T> value) {
    return with(Column.of(field, value));
  }

  /** These columns, then {@code field} bound as {@code type} and cast to {@code sqlType}. */
  <T> TableColumns<R> column(
      Field<?> field, DataType<T> type, String sqlType, Function<? super R, ? extends T> value) {
    return with(Column.boundAs(field, type, sqlType, value));
  }

  private TableColumns<R> with(Column<R> column) {
    List<Column<R>> more = new ArrayList<>(columns);
    more.add(column);
    return new TableColumns<>(table, more);
  }

  String table() {
    return table;
  }

  List<Column<R>> columns() {
    return columns;
  }

  /** The column list of an INSERT: {@code a, b, c}. */
  String names() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  /** One bind per column, for a VALUES list: {@code CAST(? AS text), ...}. */
  String rowParameters() {
    return parameters("");
  }

  /** One array bind per column, for {@code unnest}: {@code CAST(? AS text[]), ...}. */
  String arrayParameters() {
    return parameters("[]");
  }

  private String parameters(String suffix) {
    return columns.stream()
        .map(column -> "CAST(? AS " + column.sqlType() + suffix + ")")
        .collect(Collectors.joining(", "));
  }

  /** The binds of one row, in the order of {@link #rowParameters}. */
  List<Param<?>> binds(R row) {
    return columns.stream().<Param<?>>map(column -> column.bind(row)).toList();
  }
}
