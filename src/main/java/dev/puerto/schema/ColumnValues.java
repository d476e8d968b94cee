package dev.puerto.schema;

import java.util.Locale;
import org.jooq.impl.AbstractConverter;

/**
 * The converter between an enumerated text column and its enum: the column holds the constant's
 * name in lower case ({@code rejected}, {@code unauthorized}), as users read and write it in SQL.
 * The generated schema applies it to every such column, so Java code never spells a value.
 */
public final class ColumnValues<E extends Enum<E> & ColumnValue>
    extends AbstractConverter<String, E> {
  private static final long serialVersionUID = 1L;

  public ColumnValues(Class<E> type) {
    super(String.class, type);
  }

  @Override
  public E from(String column) {
    return column == null ? null : Enum.valueOf(toType(), column.toUpperCase(Locale.ROOT));
  }

  @Override
  public String to(E value) {
    return value == null ? null : value.code();
  }
}
