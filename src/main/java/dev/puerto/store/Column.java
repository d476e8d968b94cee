package dev.puerto.store;

import java.util.function.Function;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One column a statement writes: its name, the type its values are bound as (and its array type,
 * computed once), the SQL type the server casts each bind to, and where a row's value comes from.
 */
record Column<R>(
    String name,
    DataType<?> type,
    DataType<?> arrayType,
    String sqlType,
    Function<? super R, ?> value) {

  /** The column bound and cast as the generated schema types it. */
  static <R, T> Column<R> of(Field<T> field, Function<? super R, ? extends T> value) {
    DataType<T> type = field.getDataType();
    return boundAs(field, type, postgresName(type), value);
  }

  /** The column bound as {@code type} and cast to {@code sqlType} on the server. */
  static <R, T> Column<R> boundAs(
      Field<?> field, DataType<T> type, String sqlType, Function<? super R, ? extends T> value) {
    return new Column<>(field.getName(), type, type.getArrayDataType(), sqlType, value);
  }

  /** What PostgreSQL calls the type in a cast: {@code bigint}, {@code text[]}. */
  private static String postgresName(DataType<?> type) {
    return type.getTypeName(DSL.using(SQLDialect.POSTGRES).configuration());
  }

  /** The value of this column for {@code row}, bound as its type. */
  Param<?> bind(R row) {
    return DSL.val(value.apply(row), type);
  }
}
