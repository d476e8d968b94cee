package dev.puerto.generate;

/** What SMTP TLS reports (RFC 8460) hold, summed: policies, sessions and failure details. */
public record TlsTotals(
    int reports, int policies, long successfulSessions, long failedSessions, int failureDetails) {
  public static final TlsTotals NONE = new TlsTotals(0, 0, 0, 0, 0);

  TlsTotals plus(TlsTotals other) {
    return new TlsTotals(
        reports + other.reports,
        policies + other.policies,
        successfulSessions + other.successfulSessions,
        failedSessions + other.failedSessions,
        failureDetails + other.failureDetails);
  }

  long sessions() {
    return successfulSessions + failedSessions;
  }
}
