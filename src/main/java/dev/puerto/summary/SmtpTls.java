package dev.puerto.summary;

import java.util.List;

/**
 * The SMTP TLS reports of a policy domain-week: sessions per policy and MX hosts, and the failures
 * by result type and MX, most sessions first. A report belongs to the week its period begins in
 * ({@link DomainFilter#tlsPolicies}).
 *
 * @param reports TLS reports with a policy for the domain
 * @param policyGroups how many groups (policy type and MX hosts) there are in all
 * @param policies the first {@value Texts#TOP_SOURCES} of them
 * @param failureGroups how many groups (result type and MX) of failure details there are in all
 * @param failures the first {@value Texts#TOP_SOURCES} of them
 */
public record SmtpTls(
    long reports,
    Sessions sessions,
    long policyGroups,
    List<Policy> policies,
    long failureGroups,
    List<Failure> failures) {
  static final SmtpTls NONE = new SmtpTls(0, new Sessions(0, 0), 0, List.of(), 0, List.of());

  public SmtpTls {
    policies = List.copyOf(policies);
    failures = List.copyOf(failures);
  }

  public boolean any() {
    return reports > 0;
  }

  /** Sessions as the reports' summaries count them. */
  public record Sessions(long successful, long failed) {
    long total() {
      return successful + failed;
    }

    /** Share of sessions that failed, 0..1; 0 for none. */
    double failureRate() {
      return total() == 0 ? 0 : (double) failed / total();
    }
  }

  /**
   * The sessions under one policy type and set of MX host patterns.
   *
   * @param type sts, tlsa or no-policy-found
   * @param mxHosts the policy's MX host patterns, as sent (often none for no-policy-found)
   */
  public record Policy(String type, List<String> mxHosts, long reports, Sessions sessions) {
    public Policy {
      mxHosts = List.copyOf(mxHosts);
    }
  }

  /**
   * Failed sessions of one result type at one MX, and what the domain's postmaster should do.
   *
   * @param mx the receiving MX the sender named; null when it named none
   * @param fix the action, from {@link TlsFix}
   */
  public record Failure(String resultType, String mx, long sessions, String fix) {}
}
