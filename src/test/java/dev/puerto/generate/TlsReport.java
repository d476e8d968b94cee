package dev.puerto.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMTP TLS report (RFC 8460) for one UTC day, written as JSON in the RFC's field order. The
 * payload reports its policies and sessions, so the README's figures come from what was written.
 */
record TlsReport(
    String organization, String contact, String reportId, LocalDate day, List<Policy> policies) {

  TlsReport {
    policies = List.copyOf(policies);
  }

  /**
   * One policy and its sessions; {@code strings} and {@code mxHosts} are null when the reporter
   * leaves them out (RFC 8460 makes both optional).
   */
  record Policy(
      String type,
      String domain,
      List<String> strings,
      List<String> mxHosts,
      long successful,
      long failed,
      List<FailureDetail> failures) {

    Policy {
      strings = strings == null ? null : List.copyOf(strings);
      mxHosts = mxHosts == null ? null : List.copyOf(mxHosts);
      failures = List.copyOf(failures);
    }

    Map<String, Object> toJson() {
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("policy-type", type);
      putIfPresent(policy, "policy-string", strings);
      policy.put("policy-domain", domain);
      putIfPresent(policy, "mx-host", mxHosts);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("total-successful-session-count", successful);
      summary.put("total-failure-session-count", failed);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("policy", policy);
      entry.put("summary", summary);
      if (!failures.isEmpty()) {
        entry.put("failure-details", failures.stream().map(FailureDetail::toJson).toList());
      }
      return entry;
    }
  }

  /** One failure-details entry, fields in RFC 8460 order; a null field is left out. */
  record FailureDetail(
      String resultType,
      String sendingMtaIp,
      String receivingMxHostname,
      String receivingMxHelo,
      String receivingIp,
      long failedSessions,
      String additionalInformation,
      String failureReasonCode) {

    Map<String, Object> toJson() {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("result-type", resultType);
      putIfPresent(detail, "sending-mta-ip", sendingMtaIp);
      putIfPresent(detail, "receiving-mx-hostname", receivingMxHostname);
      putIfPresent(detail, "receiving-mx-helo", receivingMxHelo);
      putIfPresent(detail, "receiving-ip", receivingIp);
      detail.put("failed-session-count", failedSessions);
      putIfPresent(detail, "additional-information", additionalInformation);
      putIfPresent(detail, "failure-reason-code", failureReasonCode);
      return detail;
    }
  }

  /** The report as pretty JSON (with a final newline) or on one line, as reporters send both. */
  Payload json(boolean pretty) {
    Map<String, Object> json = toJson();
    byte[] bytes =
        (pretty ? Json.pretty(json) : Json.compact(json)).getBytes(StandardCharsets.UTF_8);
    ReportTotals totals = ReportTotals.of(totals());
    return out -> {
      out.write(bytes);
      return totals;
    };
  }

  TlsTotals totals() {
    return new TlsTotals(
        1,
        policies.size(),
        policies.stream().mapToLong(Policy::successful).sum(),
        policies.stream().mapToLong(Policy::failed).sum(),
        policies.stream().mapToInt(policy -> policy.failures().size()).sum());
  }

  private Map<String, Object> toJson() {
    Map<String, Object> dateRange = new LinkedHashMap<>();
    dateRange.put("start-datetime", day + "T00:00:00Z");
    dateRange.put("end-datetime", day + "T23:59:59Z");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("organization-name", organization);
    report.put("date-range", dateRange);
    report.put("contact-info", contact);
    report.put("report-id", reportId);
    report.put("policies", policies.stream().map(Policy::toJson).toList());
    return report;
  }

  private static void putIfPresent(Map<String, Object> json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
