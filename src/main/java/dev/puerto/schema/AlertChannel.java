package dev.puerto.schema;

/**
 * Where an alert goes; {@code alert_deliveries.channel} holds it (as its lower-case name, see
 * {@link ColumnValues}).
 */
public enum AlertChannel implements ColumnValue {
  /** By SMTP, with the summary's mail settings. */
  MAIL,
  /** A signed JSON POST to a URL. */
  WEBHOOK
}
