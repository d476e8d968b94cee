package dev.puerto.schema;

/**
 * The condition an alert reports; {@code alerts.rule} holds it (as its lower-case name, see {@link
 * ColumnValues}).
 */
public enum AlertRule implements ColumnValue {
  /** A source IP not seen for the domain in the days before fails DMARC above a threshold. */
  NEW_FAILING_SOURCE,
  /** A domain's DMARC pass rate fell by more than a threshold against its previous 7 days. */
  PASS_RATE_DROP,
  /** A reporter that sent reports daily has been silent for some days. */
  SILENT_REPORTER,
  /** SMTP TLS failures for a policy domain above a threshold. */
  TLS_FAILURES,
  /** Inputs Puerto could not use (rejected, or partly) since the last such alert. */
  REJECTED_INPUTS
}
