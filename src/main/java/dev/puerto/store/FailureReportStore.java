package dev.puerto.store;

import static dev.puerto.schema.Tables.FAILURE_REPORTS;

import dev.puerto.arf.FailureReport;
import dev.puerto.arf.ReturnedMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Writes DMARC failure reports (and other ARF feedback reports), one row each, once: a report
 * delivered twice, in the same bytes or in new ones with the same reporter, returned Message-ID and
 * arrival date, is stored the first time only.
 */
public final class FailureReportStore {
  private final DSLContext dsl;

  public FailureReportStore(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * @return whether the report was new (false: stored before, nothing written)
   * @throws RefusedByDatabaseException when the database refuses a value of the report
   * @throws DatabaseFailedException when the database itself fails
   */
  public boolean store(long inputId, String part, FailureReport report)
      throws RefusedByDatabaseException {
    ReturnedMessage returned = report.returned();
    try {
      return dsl.insertInto(FAILURE_REPORTS)
              .set(FAILURE_REPORTS.INPUT_ID, inputId)
              .set(FAILURE_REPORTS.INPUT_PART, DatabaseText.clean(part))
              .set(FAILURE_REPORTS.REPORTER, report.reporter())
              .set(FAILURE_REPORTS.REPORT_SUBJECT, DatabaseText.clean(report.reportSubject()))
              .set(FAILURE_REPORTS.REPORT_DATE, utc(report.reportDate()))
              .set(FAILURE_REPORTS.FEEDBACK_TYPE, report.feedbackType())
              .set(FAILURE_REPORTS.VERSION, report.version())
              .set(FAILURE_REPORTS.USER_AGENT, report.userAgent())
              .set(FAILURE_REPORTS.REPORTING_MTA, report.reportingMta())
              .set(FAILURE_REPORTS.REPORTED_DOMAIN, report.reportedDomain())
              .set(FAILURE_REPORTS.SOURCE_IP, TlsReportStore.inet(report.sourceIp()))
              .set(FAILURE_REPORTS.ARRIVAL_AT, utc(report.arrivalDate()))
              .set(FAILURE_REPORTS.AUTH_FAILURE, report.authFailure())
              .set(FAILURE_REPORTS.ORIGINAL_MAIL_FROM, report.originalMailFrom())
              .set(FAILURE_REPORTS.ORIGINAL_RCPT_TO, report.originalRcptTo())
              .set(FAILURE_REPORTS.DELIVERY_RESULT, report.deliveryResult())
              .set(FAILURE_REPORTS.IDENTITY_ALIGNMENT, report.identityAlignment())
              .set(FAILURE_REPORTS.DKIM_DOMAIN, report.dkimDomain())
              .set(FAILURE_REPORTS.DKIM_SELECTOR, report.dkimSelector())
              .set(FAILURE_REPORTS.DKIM_IDENTITY, report.dkimIdentity())
              .set(FAILURE_REPORTS.SPF_DNS, report.spfDns())
              .set(FAILURE_REPORTS.AUTHENTICATION_RESULTS, report.authenticationResults())
              .set(FAILURE_REPORTS.HEADER_FROM, returnedText(returned, ReturnedMessage::headerFrom))
              .set(FAILURE_REPORTS.FROM_HEADER, returnedText(returned, ReturnedMessage::from))
              .set(FAILURE_REPORTS.SUBJECT, returnedText(returned, ReturnedMessage::subject))
              .set(FAILURE_REPORTS.MESSAGE_ID, returnedText(returned, ReturnedMessage::messageId))
              .set(FAILURE_REPORTS.MESSAGE_DATE, returned == null ? null : utc(returned.date()))
              .set(
                  FAILURE_REPORTS.MESSAGE_AUTHENTICATION_RESULTS,
                  returnedText(returned, ReturnedMessage::authenticationResults))
              .set(
                  FAILURE_REPORTS.RETURNED_HEADERS,
                  returnedText(returned, ReturnedMessage::headers))
              .set(FAILURE_REPORTS.RETURNED_BODY, returnedText(returned, ReturnedMessage::body))
              .set(FAILURE_REPORTS.MISSING, report.missing().toArray(String[]::new))
              .onConflictDoNothing()
              .execute()
          == 1;
    } catch (DataAccessException e) {
      throw ReportStore.refusedOrFailed("storing a failure report", e);
    }
  }

  /** The returned message's text is the sender's: cleaned of what PostgreSQL cannot hold. */
  private static String returnedText(
      ReturnedMessage returned, Function<ReturnedMessage, String> field) {
    return returned == null ? null : DatabaseText.clean(field.apply(returned));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : ReportColumns.utc(instant);
  }
}
