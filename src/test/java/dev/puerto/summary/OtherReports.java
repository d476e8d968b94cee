package dev.puerto.summary;

import dev.puerto.arf.FailureReport;
import dev.puerto.arf.ReturnedMessage;
import dev.puerto.store.Database;
import dev.puerto.store.FailureReportStore;
import dev.puerto.store.TlsReportStore;
import dev.puerto.tlsrpt.TlsFailure;
import dev.puerto.tlsrpt.TlsPolicy;
import dev.puerto.tlsrpt.TlsPolicyType;
import dev.puerto.tlsrpt.TlsReport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failure and SMTP TLS reports built by hand and written with Puerto's stores (the parsers are not
 * involved), all from the input of a {@link ReportRows}.
 */
final class OtherReports {
  private final FailureReportStore failureStore;
  private final TlsReportStore tlsStore;
  private final long inputId;
  private final AtomicInteger parts = new AtomicInteger();

  OtherReports(Database database, ReportRows rows) {
    failureStore = new FailureReportStore(database);
    tlsStore = new TlsReportStore(database);
    inputId = rows.inputId();
  }

  /** A DMARC failure report (Feedback-Type auth-failure) that arrived at {@code arrival}. */
  void dmarcFailure(String domain, String ip, String arrival, String authFailure) {
    failure("auth-failure", domain, ip, at(arrival), null, authFailure, domain, null);
  }

  /** Any ARF report; null for what the report does not say. */
  void failure(
      String feedbackType,
      String domain,
      String ip,
      Instant arrival,
      Instant reportDate,
      String authFailure,
      String headerFrom,
      String dkimDomain) {
    int n = parts.incrementAndGet();
    ReturnedMessage returned =
        new ReturnedMessage(
            headerFrom, "x@" + headerFrom, "subject " + n, "m" + n + "@test", null, null, "", null);
    try {
      failureStore.store(
          inputId,
          "failure-" + n,
          new FailureReport(
              "failure-" + n,
              "reports@receiver.example",
              "Report " + n,
              reportDate,
              feedbackType,
              "1",
              null,
              null,
              domain,
              ip == null ? null : InetAddress.getByName(ip),
              arrival,
              authFailure,
              null,
              null,
              null,
              null,
              dkimDomain,
              null,
              null,
              null,
              null,
              returned,
              List.of()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An SMTP TLS report of {@code org} for the period [begin, end). */
  void tls(String org, String begin, String end, TlsPolicy... policies) {
    int n = parts.incrementAndGet();
    try {
      tlsStore.store(
          inputId,
          "tls-" + n,
          new TlsReport(
              "tls-" + n, org, "report-" + n, at(begin), at(end), null, List.of(policies), "{}"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static TlsPolicy policy(
      TlsPolicyType type,
      String domain,
      List<String> mxHosts,
      long successful,
      long failed,
      TlsFailure... failures) {
    return new TlsPolicy(
        type, domain, List.of(), mxHosts, successful, failed, List.of(failures), "{}");
  }

  /** A failure detail; {@code mx} null when the sender named none. */
  static TlsFailure failure(String resultType, String mx, long sessions) {
    try {
      return new TlsFailure(
          resultType,
          InetAddress.getByName("192.0.2.250"),
          mx,
          null,
          null,
          sessions,
          null,
          null,
          "{}");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Instant at(String isoInstant) {
    return Instant.parse(isoInstant);
  }
}
