package dev.puerto.store;

import static dev.puerto.store.db.Tables.DKIM_RESULTS;
import static dev.puerto.store.db.Tables.IMAP_ORIGINS;
import static dev.puerto.store.db.Tables.INPUTS;
import static dev.puerto.store.db.Tables.OVERRIDE_REASONS;
import static dev.puerto.store.db.Tables.RECORDS;
import static dev.puerto.store.db.Tables.REPORTS;
import static dev.puerto.store.db.Tables.SPF_RESULTS;

import dev.puerto.parse.AggregateReport;
import dev.puerto.parse.PolicyPublished;
import dev.puerto.parse.ReportReader;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.source.ImapPosition;
import dev.puerto.source.Origin;
import dev.puerto.store.db.Keys;
import dev.puerto.store.db.tables.records.InputsRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes inputs and reports through jOOQ. Each report is one transaction: a crash never leaves half
 * a report, and a report already stored (same reporter, report id, policy domain and period) is
 * recognised by the unique key and written once, also when two imports race.
 */
public final class ReportStore {
  /** Records per multi-row INSERT: bounded memory, few round trips. */
  private static final int BATCH_SIZE = 1000;

  private final DSLContext dsl;

  public ReportStore(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * Records an input by the SHA-256 of its bytes; when the same bytes were recorded before, returns
   * that row and its status instead. An IMAP origin is recorded either way, so every place the
   * message was seen is kept.
   */
  public RegisteredInput registerInput(Origin origin, byte[] sha256, long size, byte[] rawGzip) {
    RegisteredInput input = insertInput(origin, sha256, size, rawGzip);
    if (origin.imap() != null) {
      recordImapOrigin(input.id(), origin.imap());
    }
    return input;
  }

  private RegisteredInput insertInput(Origin origin, byte[] sha256, long size, byte[] rawGzip) {
    Optional<Long> inserted =
        dsl.insertInto(INPUTS)
            .set(INPUTS.SHA256, sha256)
            .set(INPUTS.ORIGIN_KIND, origin.kind().label())
            .set(INPUTS.ORIGIN, origin.name())
            .set(INPUTS.SIZE_BYTES, size)
            .set(INPUTS.RAW_GZIP, rawGzip)
            .onConflict(INPUTS.SHA256)
            .doNothing()
            .returning(INPUTS.ID)
            .fetchOptional(INPUTS.ID);
    if (inserted.isPresent()) {
      return new RegisteredInput(inserted.get(), Optional.empty());
    }
    InputsRecord existing =
        dsl.select(INPUTS.ID, INPUTS.STATUS)
            .from(INPUTS)
            .where(INPUTS.SHA256.eq(sha256))
            .fetchSingleInto(InputsRecord.class);
    return new RegisteredInput(
        existing.getId(), Optional.of(InputStatus.ofColumn(existing.getStatus())));
  }

  private void recordImapOrigin(long inputId, ImapPosition imap) {
    dsl.insertInto(IMAP_ORIGINS)
        .set(IMAP_ORIGINS.INPUT_ID, inputId)
        .set(IMAP_ORIGINS.SERVER, imap.server())
        .set(IMAP_ORIGINS.ACCOUNT, imap.account())
        .set(IMAP_ORIGINS.FOLDER, imap.folder())
        .set(IMAP_ORIGINS.UID_VALIDITY, imap.uidValidity())
        .set(IMAP_ORIGINS.UID, imap.uid())
        .set(IMAP_ORIGINS.MESSAGE_ID, imap.messageId())
        .set(
            IMAP_ORIGINS.SENT_AT,
            imap.sentAt() == null ? null : OffsetDateTime.ofInstant(imap.sentAt(), ZoneOffset.UTC))
        .onConflictDoNothing()
        .execute();
  }

  public void finishInput(long inputId, InputStatus status, int reportCount, String error) {
    dsl.update(INPUTS)
        .set(INPUTS.STATUS, status.column())
        .set(INPUTS.REPORT_COUNT, reportCount)
        .set(INPUTS.ERROR, error)
        .set(INPUTS.PROCESSED_AT, DSL.currentOffsetDateTime())
        .where(INPUTS.ID.eq(inputId))
        .execute();
  }

  /**
   * Stores the report the reader is positioned on, with all its records, in one transaction. A
   * record the reader rejects rolls the whole report back.
   */
  public StoredReport store(long inputId, String part, ReportReader reader)
      throws ReportRejectedException {
    try {
      return dsl.transactionResult(
          configuration -> storeInTransaction(DSL.using(configuration), inputId, part, reader));
    } catch (RejectedInTransaction e) {
      throw e.rejection;
    }
  }

  /** Inputs for {@code puerto reparse}: those with the given ids, or else with these statuses. */
  public List<StoredInput> findInputs(Collection<InputStatus> statuses, Collection<Long> ids) {
    return dsl.select(
            INPUTS.ID, INPUTS.ORIGIN_KIND, INPUTS.ORIGIN, INPUTS.SIZE_BYTES, INPUTS.STATUS)
        .from(INPUTS)
        .where(
            ids.isEmpty()
                ? INPUTS.STATUS.in(statuses.stream().map(InputStatus::column).toList())
                : INPUTS.ID.in(ids))
        .orderBy(INPUTS.ID)
        .fetch(
            row ->
                new StoredInput(
                    row.value1(),
                    new Origin(
                        Origin.Kind.valueOf(row.value2().toUpperCase(Locale.ROOT)), row.value3()),
                    row.value4(),
                    InputStatus.ofColumn(row.value5())));
  }

  /** The gzip-compressed raw bytes of an input. */
  public byte[] rawGzip(long inputId) {
    return dsl.select(INPUTS.RAW_GZIP)
        .from(INPUTS)
        .where(INPUTS.ID.eq(inputId))
        .fetchSingle(INPUTS.RAW_GZIP);
  }

  private static StoredReport storeInTransaction(
      DSLContext tx, long inputId, String part, ReportReader reader) {
    AggregateReport report = reader.report();
    Optional<Long> reportKey = insertReport(tx, inputId, part, report);
    if (reportKey.isEmpty()) {
      return new StoredReport(true, 0, 0);
    }
    RecordBatch batch = new RecordBatch(reportKey.get());
    try {
      for (ReportRecord record = reader.next(); record != null; record = reader.next()) {
        batch.add(record);
        if (batch.size() == BATCH_SIZE) {
          batch.flush(tx);
        }
      }
    } catch (ReportRejectedException e) {
      throw new RejectedInTransaction(e);
    }
    batch.flush(tx);
    tx.update(REPORTS)
        .set(REPORTS.RECORD_COUNT, batch.recordCount())
        .set(REPORTS.MESSAGE_COUNT, batch.messageCount())
        .where(REPORTS.ID.eq(reportKey.get()))
        .execute();
    return new StoredReport(false, batch.recordCount(), batch.messageCount());
  }

  private static Optional<Long> insertReport(
      DSLContext tx, long inputId, String part, AggregateReport report) {
    PolicyPublished policy = report.policy();
    return tx.insertInto(REPORTS)
        .set(REPORTS.INPUT_ID, inputId)
        .set(REPORTS.INPUT_PART, part)
        .set(REPORTS.XML_NAMESPACE, report.xmlNamespace())
        .set(REPORTS.VERSION, report.version())
        .set(REPORTS.ORG_NAME, report.orgName())
        .set(REPORTS.EMAIL, report.email())
        .set(REPORTS.EXTRA_CONTACT_INFO, report.extraContactInfo())
        .set(REPORTS.REPORT_ID, report.reportId())
        .set(REPORTS.BEGIN_AT, OffsetDateTime.ofInstant(report.begin(), ZoneOffset.UTC))
        .set(REPORTS.END_AT, OffsetDateTime.ofInstant(report.end(), ZoneOffset.UTC))
        .set(REPORTS.ERRORS, report.errors().toArray(String[]::new))
        .set(REPORTS.GENERATOR, report.generator())
        .set(REPORTS.POLICY_DOMAIN, policy.domain())
        .set(REPORTS.ADKIM, policy.adkim())
        .set(REPORTS.ASPF, policy.aspf())
        .set(REPORTS.P, policy.p())
        .set(REPORTS.SP, policy.sp())
        .set(REPORTS.PCT, policy.pct())
        .set(REPORTS.NP, policy.np())
        .set(REPORTS.FO, policy.fo())
        .set(REPORTS.TESTING, policy.testing())
        .set(REPORTS.DISCOVERY_METHOD, policy.discoveryMethod())
        .onConflictOnConstraint(Keys.REPORTS_NATURAL_KEY)
        .doNothing()
        .returning(REPORTS.ID)
        .fetchOptional(REPORTS.ID);
  }

  /** Records of one report waiting to be written, with their auth results and reasons. */
  private static final class RecordBatch {
    private final long reportKey;
    private final UnnestInsert records =
        new UnnestInsert(
            RECORDS,
            RECORDS.REPORT_KEY,
            RECORDS.RECORD_NO,
            RECORDS.SOURCE_IP,
            RECORDS.MESSAGE_COUNT,
            RECORDS.DISPOSITION,
            RECORDS.DKIM_RESULT,
            RECORDS.SPF_RESULT,
            RECORDS.HEADER_FROM,
            RECORDS.ENVELOPE_FROM,
            RECORDS.ENVELOPE_TO);
    private final UnnestInsert dkim = new UnnestInsert(DKIM_RESULTS, DKIM_RESULTS.fields());
    private final UnnestInsert spf = new UnnestInsert(SPF_RESULTS, SPF_RESULTS.fields());
    private final UnnestInsert reasons =
        new UnnestInsert(OVERRIDE_REASONS, OVERRIDE_REASONS.fields());
    private int pending;
    private int recordCount;
    private long messageCount;

    RecordBatch(long reportKey) {
      this.reportKey = reportKey;
    }

    void add(ReportRecord record) {
      int recordNo = ++recordCount;
      messageCount += record.count();
      pending++;
      records.row(
          reportKey,
          recordNo,
          record.sourceIp().getHostAddress(),
          record.count(),
          record.disposition(),
          record.dkim(),
          record.spf(),
          record.headerFrom(),
          record.envelopeFrom(),
          record.envelopeTo());
      int resultNo = 0;
      for (var result : record.dkimResults()) {
        dkim.row(
            reportKey,
            recordNo,
            ++resultNo,
            result.domain(),
            result.selector(),
            result.result(),
            result.humanResult());
      }
      resultNo = 0;
      for (var result : record.spfResults()) {
        spf.row(
            reportKey,
            recordNo,
            ++resultNo,
            result.domain(),
            result.scope(),
            result.result(),
            result.humanResult());
      }
      resultNo = 0;
      for (var reason : record.reasons()) {
        reasons.row(reportKey, recordNo, ++resultNo, reason.type(), reason.comment());
      }
    }

    int size() {
      return pending;
    }

    int recordCount() {
      return recordCount;
    }

    long messageCount() {
      return messageCount;
    }

    void flush(DSLContext tx) {
      records.execute(tx);
      dkim.execute(tx);
      spf.execute(tx);
      reasons.execute(tx);
      pending = 0;
    }
  }

  /** Carries a checked rejection out of jOOQ's transaction lambda, which rolls back on it. */
  private static final class RejectedInTransaction extends RuntimeException {
    private final ReportRejectedException rejection;

    RejectedInTransaction(ReportRejectedException rejection) {
      super(rejection.getMessage(), rejection, false, false);
      this.rejection = rejection;
    }
  }
}
