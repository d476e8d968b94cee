package dev.puerto.schema;

/**
 * How far an alert's delivery on one channel got; {@code alert_deliveries.state} holds it (as its
 * lower-case name, see {@link ColumnValues}).
 */
public enum DeliveryState implements ColumnValue {
  /** Not tried yet. */
  PENDING,
  /** Delivered. */
  SENT,
  /** The last attempt failed; the next evaluation tries again. */
  FAILED,
  /** Failed for too long: no longer tried. */
  GAVE_UP
}
