package dev.puerto.store;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.OVERRIDE_REASONS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;
import static dev.puerto.schema.Tables.SPF_RESULTS;

import dev.puerto.parse.AggregateReport;
import dev.puerto.parse.DkimResult;
import dev.puerto.parse.OverrideReason;
import dev.puerto.parse.PolicyPublished;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.SpfAuthResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * What a report writes, table by table: each column once, in order, with where its value comes
 * from. The statements of {@link ReportInserts} take their column lists, casts and binds from here,
 * so adding a column is the migration and one line below. The {@code report_key} of the record
 * tables is not listed: the statement takes it from the report it has just written.
 */
final class ReportColumns {
  private ReportColumns() {}

  /**
   * A report's own row: where it came from, its header, its records counted so far, and its
   * extensions read so far.
   */
  record ReportRow(
      long inputId,
      String part,
      AggregateReport report,
      int recordCount,
      long messageCount,
      String extensions) {
    PolicyPublished policy() {
      return report.policy();
    }
  }

  /** A record and its position in the report, from 1. */
  record RecordRow(int recordNo, ReportRecord record) {}

  /** An auth result or reason of record {@code recordNo}, the {@code no}-th of its kind from 1. */
  record Numbered<T>(int recordNo, int no, T item) {}

  static final TableColumns<ReportRow> REPORT =
      TableColumns.<ReportRow>into(REPORTS)
          .column(REPORTS.INPUT_ID, ReportRow::inputId)
          .column(REPORTS.INPUT_PART, ReportRow::part)
          .column(REPORTS.XML_NAMESPACE, r -> r.report().xmlNamespace())
          .column(REPORTS.VERSION, r -> r.report().version())
          .column(REPORTS.ORG_NAME, r -> r.report().orgName())
          .column(REPORTS.EMAIL, r -> r.report().email())
          .column(REPORTS.EXTRA_CONTACT_INFO, r -> r.report().extraContactInfo())
          .column(REPORTS.REPORT_ID, r -> r.report().reportId())
          .column(REPORTS.BEGIN_AT, r -> utc(r.report().begin()))
          .column(REPORTS.END_AT, r -> utc(r.report().end()))
          .column(REPORTS.ERRORS, r -> r.report().errors().toArray(String[]::new))
          .column(REPORTS.GENERATOR, r -> r.report().generator())
          .column(REPORTS.POLICY_DOMAIN, r -> r.policy().domain())
          .column(REPORTS.ADKIM, r -> r.policy().adkim())
          .column(REPORTS.ASPF, r -> r.policy().aspf())
          .column(REPORTS.P, r -> r.policy().p())
          .column(REPORTS.SP, r -> r.policy().sp())
          .column(REPORTS.PCT, r -> r.policy().pct())
          .column(REPORTS.NP, r -> r.policy().np())
          .column(REPORTS.FO, r -> r.policy().fo())
          .column(REPORTS.TESTING, r -> r.policy().testing())
          .column(REPORTS.DISCOVERY_METHOD, r -> r.policy().discoveryMethod())
          .column(REPORTS.RECORD_COUNT, ReportRow::recordCount)
          .column(REPORTS.MESSAGE_COUNT, ReportRow::messageCount)
          .column(REPORTS.EXTENSIONS, ReportRow::extensions);

  static final TableColumns<RecordRow> RECORD =
      TableColumns.<RecordRow>into(RECORDS)
          .column(RECORDS.RECORD_NO, RecordRow::recordNo)
          // bound as text, which the server casts to inet
          .column(
              RECORDS.SOURCE_IP,
              SQLDataType.VARCHAR,
              "inet",
              r -> r.record().sourceIp().getHostAddress())
          .column(RECORDS.MESSAGE_COUNT, r -> r.record().count())
          .column(RECORDS.DISPOSITION, r -> r.record().disposition())
          .column(RECORDS.DKIM_RESULT, r -> r.record().dkim())
          .column(RECORDS.SPF_RESULT, r -> r.record().spf())
          .column(RECORDS.HEADER_FROM, r -> r.record().headerFrom())
          .column(RECORDS.ENVELOPE_FROM, r -> r.record().envelopeFrom())
          .column(RECORDS.ENVELOPE_TO, r -> r.record().envelopeTo())
          .column(RECORDS.EXTENSIONS, r -> r.record().extensions());

  static final TableColumns<Numbered<DkimResult>> DKIM_RESULT =
      ReportColumns.<DkimResult>numbered(
              DKIM_RESULTS, DKIM_RESULTS.RECORD_NO, DKIM_RESULTS.RESULT_NO)
          .column(DKIM_RESULTS.DOMAIN, d -> d.item().domain())
          .column(DKIM_RESULTS.SELECTOR, d -> d.item().selector())
          .column(DKIM_RESULTS.RESULT, d -> d.item().result())
          .column(DKIM_RESULTS.HUMAN_RESULT, d -> d.item().humanResult());

  static final TableColumns<Numbered<SpfAuthResult>> SPF_RESULT =
      ReportColumns.<SpfAuthResult>numbered(
              SPF_RESULTS, SPF_RESULTS.RECORD_NO, SPF_RESULTS.RESULT_NO)
          .column(SPF_RESULTS.DOMAIN, s -> s.item().domain())
          .column(SPF_RESULTS.SCOPE, s -> s.item().scope())
          .column(SPF_RESULTS.RESULT, s -> s.item().result())
          .column(SPF_RESULTS.HUMAN_RESULT, s -> s.item().humanResult());

  static final TableColumns<Numbered<OverrideReason>> OVERRIDE_REASON =
      ReportColumns.<OverrideReason>numbered(
              OVERRIDE_REASONS, OVERRIDE_REASONS.RECORD_NO, OVERRIDE_REASONS.REASON_NO)
          .column(OVERRIDE_REASONS.TYPE, o -> o.item().type())
          .column(OVERRIDE_REASONS.COMMENT, o -> o.item().comment());

  /**
   * A table of auth results or reasons: its columns start with the record's and the row's number.
   */
  private static <T> TableColumns<Numbered<T>> numbered(
      Table<?> table, Field<Integer> recordNo, Field<Integer> no) {
    return TableColumns.<Numbered<T>>into(table)
        .column(recordNo, Numbered::recordNo)
        .column(no, Numbered::no);
  }

  /** Periods are epoch seconds: stored as UTC instants, whatever the host's time zone. */
  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
