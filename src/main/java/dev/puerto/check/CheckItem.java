package dev.puerto.check;

/**
 * One verdict of {@code puerto check}.
 *
 * @param area SPF, DKIM, DMARC, MX, MTA-STS, TLS-RPT, PTR or blocklist
 * @param code a stable name for the verdict, e.g. {@code spf_too_many_lookups}
 * @param fix what to change, or null when nothing needs to
 */
public record CheckItem(String area, Level level, String code, String message, String fix) {
  /** How bad it is; FAIL and ERROR make {@code check} exit non-zero. */
  public enum Level {
    OK,
    WARN,
    FAIL,
    /**
     * DNS did not answer (timeout, SERVFAIL), or the MTA-STS policy server could not be reached:
     * unknown, not wrong.
     */
    ERROR
  }
}
