package dev.puerto.schema;

import java.util.Locale;

/**
 * A value of an enumerated column: its {@link #code()}, the constant's name in lower case, is what
 * the column holds and what output shows ({@code rejected}, {@code unauthorized}).
 */
public interface ColumnValue {
  String name();

  default String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
