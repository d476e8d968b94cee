package dev.puerto.schema;

/**
 * What became of an input; {@code inputs.status} holds it (as its lower-case name, see {@link
 * ColumnValues}).
 */
public enum InputStatus implements ColumnValue {
  /** Being processed, or the process was interrupted: the next run completes it. */
  PENDING,
  /** At least one new report was stored. */
  IMPORTED,
  /** Every report in it was stored before (or the same bytes were seen before). */
  DUPLICATE,
  /** Nothing usable in it. */
  REJECTED,
  /** Some reports stored, some rejected. */
  PARTIAL
}
