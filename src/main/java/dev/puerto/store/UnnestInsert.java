package dev.puerto.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.postgres.extensions.types.Inet;

/**
 * Rows for one table gathered column by column and written with a single {@code INSERT ... SELECT *
 * FROM unnest(...)}: one statement and one array bind per column, however many rows. A multi-row
 * VALUES list costs jOOQ and the server work per value; this is several times faster.
 */
final class UnnestInsert {
  private final Table<?> table;
  private final List<Field<?>> targets;
  private final List<String> sqlTypes;
  private final List<List<String>> columns = new ArrayList<>();

  /** Rows for {@code table}, with values given for {@code targets} in this order. */
  UnnestInsert(Table<?> table, Field<?>... targets) {
    this.table = table;
    this.targets = List.of(targets);
    this.sqlTypes = this.targets.stream().map(UnnestInsert::sqlType).toList();
    this.targets.forEach(target -> columns.add(new ArrayList<>()));
  }

  /** Adds a row: one value per declared column, in order; null stays NULL. */
  void row(Object... values) {
    for (int i = 0; i < values.length; i++) {
      columns.get(i).add(values[i] == null ? null : values[i].toString());
    }
  }

  boolean isEmpty() {
    return columns.get(0).isEmpty();
  }

  /** The values travel as text[] and are cast back on the server, so one bind type fits all. */
  private static String sqlType(Field<?> field) {
    Class<?> type = field.getType();
    if (type == Long.class) {
      return "bigint";
    }
    if (type == Integer.class) {
      return "integer";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Inet.class) {
      return "inet";
    }
    throw new IllegalArgumentException("no array type for " + field + " of " + type);
  }

  void execute(DSLContext tx) {
    if (isEmpty()) {
      return;
    }
    QueryPart[] arrays =
        IntStream.range(0, columns.size())
            .mapToObj(
                i ->
                    DSL.field(
                        "cast({0} as " + sqlTypes.get(i) + "[])",
                        Object.class,
                        DSL.val(
                            columns.get(i).toArray(String[]::new), SQLDataType.VARCHAR.array())))
            .toArray(QueryPart[]::new);
    String placeholders =
        IntStream.range(0, arrays.length)
            .mapToObj(i -> "{" + i + "}")
            .collect(Collectors.joining(", ", "unnest(", ")"));
    tx.insertInto(table)
        .columns(targets)
        .select(DSL.selectFrom(DSL.table(placeholders, arrays)))
        .execute();
    columns.forEach(List::clear);
  }
}
