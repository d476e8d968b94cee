package dev.puerto.schema;

/**
 * How bad one verdict of {@code puerto check} is; {@code domain_check_items.level} holds it (as its
 * lower-case name, see {@link ColumnValues}). FAIL and ERROR make {@code check} exit non-zero.
 */
public enum CheckLevel implements ColumnValue {
  OK,
  WARN,
  FAIL,
  /**
   * DNS did not answer (timeout, SERVFAIL), or the MTA-STS policy server could not be reached:
   * unknown, not wrong.
   */
  ERROR
}
