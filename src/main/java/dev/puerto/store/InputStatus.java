package dev.puerto.store;

import java.util.Locale;

/** What became of an input; stored in {@code inputs.status}. */
public enum InputStatus {
  /** Being processed, or the process was interrupted: the next run completes it. */
  PENDING,
  /** At least one new report was stored. */
  IMPORTED,
  /** Every report in it was stored before (or the same bytes were seen before). */
  DUPLICATE,
  /** Nothing usable in it. */
  REJECTED,
  /** Some reports stored, some rejected. */
  PARTIAL;

  String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  static InputStatus ofColumn(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
