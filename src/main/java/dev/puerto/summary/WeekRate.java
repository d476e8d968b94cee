package dev.puerto.summary;

/**
 * The DMARC pass rate of a domain's legitimate mail in one week: all messages except those from
 * sources the analyzer classified as unauthorized.
 */
public record WeekRate(IsoWeek week, long legitimate, long dmarcPass) {
  public double rate() {
    return legitimate == 0 ? 0 : (double) dmarcPass / legitimate;
  }
}
