package dev.puerto.store;

import static dev.puerto.schema.Tables.TLS_REPORTS;

import dev.puerto.schema.tables.records.TlsFailuresRecord;
import dev.puerto.schema.tables.records.TlsPoliciesRecord;
import dev.puerto.schema.tables.records.TlsReportsRecord;
import dev.puerto.tlsrpt.TlsFailure;
import dev.puerto.tlsrpt.TlsPolicy;
import dev.puerto.tlsrpt.TlsReport;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.postgres.extensions.types.Inet;

/**
 * Writes SMTP TLS reports: each report with its policies and failure details in one transaction,
 * once per organization and report id (RFC 8460 section 4.1 makes the pair unique), also when two
 * imports race.
 */
public final class TlsReportStore {
  // Rows per INSERT: far below PostgreSQL's 65,535 bind values at a dozen columns a row.
  private static final int ROWS_PER_STATEMENT = 1000;

  private final DSLContext dsl;
  private final Partitions partitions = new Partitions();

  public TlsReportStore(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * @return whether the report was new (false: stored before, nothing written)
   * @throws RefusedByDatabaseException when the database refuses a value of the report
   * @throws DatabaseFailedException when the database itself fails
   */
  public boolean store(long inputId, String part, TlsReport report)
      throws RefusedByDatabaseException {
    try {
      partitions.ensureFor(dsl, report.begin());
      try {
        return dsl.transactionResult(c -> insert(DSL.using(c), inputId, part, report));
      } catch (DataAccessException e) {
        if (!partitions.forgetIfMissing(e)) {
          throw e;
        }
        partitions.ensureNow(dsl, report.begin());
        return dsl.transactionResult(c -> insert(DSL.using(c), inputId, part, report));
      }
    } catch (DataAccessException e) {
      throw ReportStore.refusedOrFailed("storing an SMTP TLS report", e);
    }
  }

  private static boolean insert(DSLContext tx, long inputId, String part, TlsReport report) {
    Optional<TlsReportsRecord> stored =
        tx.insertInto(TLS_REPORTS)
            .set(TLS_REPORTS.INPUT_ID, inputId)
            .set(TLS_REPORTS.INPUT_PART, DatabaseText.clean(part))
            .set(TLS_REPORTS.ORG_NAME, report.organizationName())
            .set(TLS_REPORTS.REPORT_ID, report.reportId())
            .set(TLS_REPORTS.CONTACT_INFO, report.contactInfo())
            .set(TLS_REPORTS.BEGIN_AT, ReportColumns.utc(report.begin()))
            .set(TLS_REPORTS.END_AT, ReportColumns.utc(report.end()))
            .set(TLS_REPORTS.POLICY_COUNT, report.policies().size())
            .set(TLS_REPORTS.UNKNOWN_FIELDS, JSONB.valueOf(report.unknownFields()))
            .onConflictDoNothing()
            .returning(TLS_REPORTS.ID, TLS_REPORTS.PERIOD_MONTH)
            .fetchOptional();
    if (stored.isEmpty()) {
      return false;
    }
    long id = stored.get().getId();
    LocalDate month = stored.get().getPeriodMonth();
    List<TlsPoliciesRecord> policies = new ArrayList<>();
    List<TlsFailuresRecord> failures = new ArrayList<>();
    for (int p = 0; p < report.policies().size(); p++) {
      TlsPolicy policy = report.policies().get(p);
      policies.add(policyRow(id, month, p + 1, policy));
      for (int f = 0; f < policy.failures().size(); f++) {
        failures.add(failureRow(id, month, p + 1, f + 1, policy.failures().get(f)));
      }
    }
    insertAll(tx, policies);
    insertAll(tx, failures);
    return true;
  }

  private static TlsPoliciesRecord policyRow(
      long reportId, LocalDate month, int number, TlsPolicy policy) {
    TlsPoliciesRecord row = new TlsPoliciesRecord();
    row.setTlsReportId(reportId);
    row.setPeriodMonth(month);
    row.setPolicyNo(number);
    row.setPolicyType(policy.type().value());
    row.setPolicyDomain(policy.domain());
    row.setPolicyStrings(policy.strings().toArray(String[]::new));
    row.setMxHosts(policy.mxHosts().toArray(String[]::new));
    row.setSuccessfulSessions(policy.successfulSessions());
    row.setFailedSessions(policy.failedSessions());
    row.setUnknownFields(JSONB.valueOf(policy.unknownFields()));
    return row;
  }

  private static TlsFailuresRecord failureRow(
      long reportId, LocalDate month, int policyNumber, int number, TlsFailure failure) {
    TlsFailuresRecord row = new TlsFailuresRecord();
    row.setTlsReportId(reportId);
    row.setPeriodMonth(month);
    row.setPolicyNo(policyNumber);
    row.setFailureNo(number);
    row.setResultType(failure.resultType());
    row.setSendingMtaIp(inet(failure.sendingMtaIp()));
    row.setReceivingMxHostname(failure.receivingMxHostname());
    row.setReceivingMxHelo(failure.receivingMxHelo());
    row.setReceivingIp(inet(failure.receivingIp()));
    row.setFailedSessions(failure.failedSessions());
    row.setAdditionalInformation(failure.additionalInformation());
    row.setFailureReasonCode(failure.failureReasonCode());
    row.setUnknownFields(JSONB.valueOf(failure.unknownFields()));
    return row;
  }

  private static <R extends TableRecord<R>> void insertAll(DSLContext tx, List<R> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<R> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      tx.insertInto(chunk.get(0).getTable())
          .columns(chunk.get(0).fields())
          .valuesOfRecords(chunk)
          .execute();
    }
  }

  static Inet inet(InetAddress address) {
    return address == null ? null : Inet.valueOf(address);
  }
}
