package dev.puerto.store;

import static dev.puerto.schema.Tables.DKIM_RESULTS;
import static dev.puerto.schema.Tables.IMAP_ORIGINS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.OVERRIDE_REASONS;
import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.parse.AggregateReport;
import dev.puerto.parse.PolicyPublished;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.schema.InputStatus;
import dev.puerto.schema.tables.records.InputsRecord;
import dev.puerto.source.ImapPosition;
import dev.puerto.source.Origin;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Writes inputs and reports through jOOQ. Each report is one transaction: a crash never leaves half
 * a report, and a report already stored (same reporter, report id, policy domain and period) is
 * recognised by the unique key and written once, also when two imports race.
 */
public final class ReportStore {
  /** Records per statement: bounded memory, few round trips. */
  private static final int BATCH_SIZE = 1000;

  /**
   * Auth results and reasons per statement: a record may carry many (RFC 9990 allows 100 DKIM
   * results), and a batch is bounded by its rows, not only its records.
   */
  private static final int BATCH_CHILD_ROWS = 20_000;

  /** Longest error text kept for an input, and longest line of it, in characters. */
  private static final int MAX_ERROR_CHARS = 64 * 1024;

  private static final int MAX_ERROR_LINE_CHARS = 2000;

  /** The column that takes the streamed raw bytes. */
  private static final Field<RawInput> RAW_GZIP_STREAMED =
      DSL.field(INPUTS.RAW_GZIP.getUnqualifiedName(), StreamedBytes.TYPE);

  private static final StoredReport DUPLICATE = new StoredReport(true, 0, 0);

  /*
   * A report and its records are written by one statement of plain SQL (bound through jOOQ): the
   * new report's key comes from a common table expression that the inserts of the records, auth
   * results and reasons read, so a duplicate report (no key) writes nothing. Rendering the same
   * statement from the DSL for every report cost a fifth of the import's CPU; this text is parsed
   * by jOOQ cheaply and prepared once per connection by the server.
   */

  /** Child rows of a batch of records, one array per column; ? in the order of RecordBatch. */
  private static final String INSERT_ROWS =
      """
      stored_records AS (
        INSERT INTO records (report_key, record_no, source_ip, message_count, disposition,
                             dkim_result, spf_result, header_from, envelope_from, envelope_to)
        SELECT stored_report.id, r.*
          FROM stored_report,
               unnest(CAST(? AS integer[]), CAST(? AS inet[]), CAST(? AS bigint[]),
                      CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                      CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS r),
      stored_dkim_results AS (
        INSERT INTO dkim_results (report_key, record_no, result_no, domain, selector, result,
                                  human_result)
        SELECT stored_report.id, d.*
          FROM stored_report,
               unnest(CAST(? AS integer[]), CAST(? AS integer[]), CAST(? AS text[]),
                      CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS d),
      stored_spf_results AS (
        INSERT INTO spf_results (report_key, record_no, result_no, domain, scope, result,
                                 human_result)
        SELECT stored_report.id, s.*
          FROM stored_report,
               unnest(CAST(? AS integer[]), CAST(? AS integer[]), CAST(? AS text[]),
                      CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS s),
      stored_override_reasons AS (
        INSERT INTO override_reasons (report_key, record_no, reason_no, type, comment)
        SELECT stored_report.id, o.*
          FROM stored_report,
               unnest(CAST(? AS integer[]), CAST(? AS integer[]), CAST(? AS text[]),
                      CAST(? AS text[])) AS o)
      SELECT id FROM stored_report
      """;

  /** A new report (its columns in the order of the VALUES list) and its first batch of rows. */
  private static final String INSERT_REPORT =
      """
      WITH stored_report (id) AS (
        INSERT INTO reports (input_id, input_part, xml_namespace, version, org_name, email,
                             extra_contact_info, report_id, begin_at, end_at, errors, generator,
                             policy_domain, adkim, aspf, p, sp, pct, np, fo, testing,
                             discovery_method, record_count, message_count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS timestamptz), CAST(? AS timestamptz),
                ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT ON CONSTRAINT reports_natural_key DO NOTHING
        RETURNING id),
      """
          + INSERT_ROWS;

  /** A further batch of rows of the report whose key is the first ?. */
  private static final String INSERT_MORE_ROWS =
      "WITH stored_report (id) AS (SELECT CAST(? AS bigint)),\n" + INSERT_ROWS;

  private final DSLContext dsl;

  public ReportStore(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * Records an input by the SHA-256 of its bytes; when the same bytes were recorded before, returns
   * that row and its status instead. An IMAP origin is recorded either way, so every place the
   * message was seen is kept.
   *
   * @throws RefusedByDatabaseException when the database refuses a value of the input
   * @throws DatabaseFailedException when the database itself fails
   */
  public RegisteredInput registerInput(Origin origin, RawInput raw)
      throws RefusedByDatabaseException {
    try {
      RegisteredInput input = insertInput(origin, raw);
      if (origin.imap() != null) {
        recordImapOrigin(input.id(), origin.imap());
      }
      return input;
    } catch (DataAccessException e) {
      throw refusedOrFailed("recording an input", e);
    }
  }

  private RegisteredInput insertInput(Origin origin, RawInput raw) {
    Optional<Long> inserted =
        dsl.insertInto(INPUTS)
            .set(INPUTS.SHA256, raw.sha256())
            .set(INPUTS.ORIGIN_KIND, origin.kind().label())
            .set(INPUTS.ORIGIN, DatabaseText.clean(origin.name()))
            .set(INPUTS.SIZE_BYTES, raw.size())
            .set(RAW_GZIP_STREAMED, raw)
            .set(INPUTS.RAW_TRUNCATED, raw.truncated())
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
            .where(INPUTS.SHA256.eq(raw.sha256()))
            .fetchSingleInto(InputsRecord.class);
    return new RegisteredInput(existing.getId(), Optional.of(existing.getStatus()));
  }

  private void recordImapOrigin(long inputId, ImapPosition imap) {
    dsl.insertInto(IMAP_ORIGINS)
        .set(IMAP_ORIGINS.INPUT_ID, inputId)
        .set(IMAP_ORIGINS.SERVER, imap.server())
        .set(IMAP_ORIGINS.ACCOUNT, imap.account())
        .set(IMAP_ORIGINS.FOLDER, DatabaseText.clean(imap.folder()))
        .set(IMAP_ORIGINS.UID_VALIDITY, imap.uidValidity())
        .set(IMAP_ORIGINS.UID, imap.uid())
        .set(IMAP_ORIGINS.MESSAGE_ID, DatabaseText.clean(imap.messageId()))
        .set(
            IMAP_ORIGINS.SENT_AT,
            imap.sentAt() == null ? null : OffsetDateTime.ofInstant(imap.sentAt(), ZoneOffset.UTC))
        .onConflictDoNothing()
        .execute();
  }

  /**
   * Records what became of an input and returns the status recorded. A report of this input that is
   * already stored counts as imported from it, whoever stored it: an earlier run that was killed,
   * or another import of the same bytes at the same time.
   */
  public InputStatus finishInput(long inputId, InputStatus status, int reportCount, String error) {
    InputStatus recorded =
        status == InputStatus.DUPLICATE && storedFrom(inputId) ? InputStatus.IMPORTED : status;
    try {
      dsl.update(INPUTS)
          .set(INPUTS.STATUS, recorded)
          .set(INPUTS.REPORT_COUNT, reportCount)
          .set(INPUTS.ERROR, errorText(error))
          .set(INPUTS.PROCESSED_AT, DSL.currentOffsetDateTime())
          .where(INPUTS.ID.eq(inputId))
          .execute();
      return recorded;
    } catch (DataAccessException e) {
      throw DatabaseFailedException.whileDoing("recording what became of an input", e);
    }
  }

  private boolean storedFrom(long inputId) {
    try {
      return dsl.fetchExists(REPORTS, REPORTS.INPUT_ID.eq(inputId));
    } catch (DataAccessException e) {
      throw DatabaseFailedException.whileDoing("recording what became of an input", e);
    }
  }

  /** The error text as stored: no NUL (PostgreSQL refuses it), lines and total bounded. */
  private static String errorText(String error) {
    if (error == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (String line : error.split("\n")) {
      String kept =
          line.length() > MAX_ERROR_LINE_CHARS
              ? line.substring(0, MAX_ERROR_LINE_CHARS) + "\u2026"
              : line;
      if (text.length() + kept.length() > MAX_ERROR_CHARS) {
        text.append("\u2026 (more lines left out)");
        break;
      }
      text.append(text.length() == 0 ? "" : "\n").append(kept);
    }
    return DatabaseText.clean(text.toString());
  }

  /**
   * Stores a report with all its records. A report of up to {@value #BATCH_SIZE} records is written
   * by one statement (its own transaction); a larger one in a transaction of one statement per
   * batch. A record the source rejects writes nothing of the report.
   *
   * @throws ReportRejectedException when the source rejects a record
   * @throws RefusedByDatabaseException when the database refuses a value of the report
   * @throws DatabaseFailedException when the database itself fails
   */
  public StoredReport store(long inputId, String part, AggregateReport report, Records records)
      throws ReportRejectedException, RefusedByDatabaseException {
    String cleanPart = DatabaseText.clean(part);
    try {
      RecordBatch batch = new RecordBatch();
      if (batch.fill(records)) {
        return insertReport(dsl, inputId, cleanPart, report, batch).isPresent()
            ? batch.stored()
            : DUPLICATE;
      }
      return dsl.transactionResult(
          configuration ->
              storeInBatches(DSL.using(configuration), inputId, cleanPart, report, batch, records));
    } catch (DataAccessException e) {
      if (e.getCause() instanceof ReportRejectedException rejected) {
        // jOOQ rolled the transaction back on this checked failure of the records and hands it on
        throw rejected;
      }
      throw refusedOrFailed("storing a report", e);
    }
  }

  /**
   * A value of the input refused (the input is rejected and the run goes on), or the database or
   * Puerto's statement failing (the run stops; the input stays pending for the next run).
   */
  private static RefusedByDatabaseException refusedOrFailed(String doing, DataAccessException e) {
    DatabaseFailure failure = DatabaseFailure.find(e).orElse(null);
    if (failure == null || failure.kind() != DatabaseFailure.Kind.DATA) {
      throw DatabaseFailedException.whileDoing(doing, e);
    }
    return new RefusedByDatabaseException(
        "the database refused it: "
            + failure.serverMessage()
            + (failure.sqlState() == null ? "" : " (SQLState " + failure.sqlState() + ")"),
        e);
  }

  /** Inputs for {@code puerto reparse}: those with the given ids, or else with these statuses. */
  public List<StoredInput> findInputs(Collection<InputStatus> statuses, Collection<Long> ids) {
    return dsl.select(
            INPUTS.ID,
            INPUTS.ORIGIN_KIND,
            INPUTS.ORIGIN,
            INPUTS.SIZE_BYTES,
            INPUTS.STATUS,
            INPUTS.RAW_TRUNCATED)
        .from(INPUTS)
        .where(ids.isEmpty() ? INPUTS.STATUS.in(statuses) : INPUTS.ID.in(ids))
        .orderBy(INPUTS.ID)
        .fetch(
            row ->
                new StoredInput(
                    row.value1(),
                    new Origin(
                        Origin.Kind.valueOf(row.value2().toUpperCase(Locale.ROOT)), row.value3()),
                    row.value4(),
                    row.value5(),
                    row.value6()));
  }

  /**
   * The gzip-compressed raw bytes of an input, read from the database a piece at a time as the
   * stream is read.
   */
  public InputStream openRaw(long inputId) {
    return new RawPieceStream(dsl, inputId);
  }

  /**
   * Writes the report with its first batch, then each further batch while the next is parsed; one
   * transaction throughout.
   */
  private static StoredReport storeInBatches(
      DSLContext tx,
      long inputId,
      String part,
      AggregateReport report,
      RecordBatch batch,
      Records records)
      throws ReportRejectedException {
    Optional<Long> reportKey = insertReport(tx, inputId, part, report, batch);
    if (reportKey.isEmpty()) {
      return DUPLICATE;
    }
    Param<Long> key = DSL.val(reportKey.get(), REPORTS.ID);
    try (BatchWriter writer = new BatchWriter()) {
      boolean complete;
      do {
        complete = batch.fill(records);
        List<Object> binds = new ArrayList<>(List.of(key));
        batch.drainTo(binds);
        writer.submit(() -> tx.resultQuery(INSERT_MORE_ROWS, binds.toArray()).execute());
      } while (!complete);
      writer.awaitPrevious();
    }
    tx.update(REPORTS)
        .set(REPORTS.RECORD_COUNT, batch.recordCount())
        .set(REPORTS.MESSAGE_COUNT, batch.messageCount())
        .where(REPORTS.ID.eq(reportKey.get()))
        .execute();
    return batch.stored();
  }

  /**
   * Inserts the report and the batch of its records read so far in one statement; returns the new
   * report's key, or nothing when the report was stored before (and then no records either).
   */
  private static Optional<Long> insertReport(
      DSLContext dsl, long inputId, String part, AggregateReport report, RecordBatch batch) {
    List<Object> binds = new ArrayList<>(reportBinds(inputId, part, report, batch));
    batch.drainTo(binds);
    return dsl.resultQuery(INSERT_REPORT, binds.toArray())
        .coerce(REPORTS.ID)
        .fetchOptional(REPORTS.ID);
  }

  /** The report's columns in the order of {@link #INSERT_REPORT}, counting the batch so far. */
  private static List<Object> reportBinds(
      long inputId, String part, AggregateReport report, RecordBatch batch) {
    PolicyPublished policy = report.policy();
    return List.of(
        DSL.val(inputId, REPORTS.INPUT_ID),
        DSL.val(part, REPORTS.INPUT_PART),
        DSL.val(report.xmlNamespace(), REPORTS.XML_NAMESPACE),
        DSL.val(report.version(), REPORTS.VERSION),
        DSL.val(report.orgName(), REPORTS.ORG_NAME),
        DSL.val(report.email(), REPORTS.EMAIL),
        DSL.val(report.extraContactInfo(), REPORTS.EXTRA_CONTACT_INFO),
        DSL.val(report.reportId(), REPORTS.REPORT_ID),
        DSL.val(OffsetDateTime.ofInstant(report.begin(), ZoneOffset.UTC), REPORTS.BEGIN_AT),
        DSL.val(OffsetDateTime.ofInstant(report.end(), ZoneOffset.UTC), REPORTS.END_AT),
        DSL.val(report.errors().toArray(String[]::new), REPORTS.ERRORS),
        DSL.val(report.generator(), REPORTS.GENERATOR),
        DSL.val(policy.domain(), REPORTS.POLICY_DOMAIN),
        DSL.val(policy.adkim(), REPORTS.ADKIM),
        DSL.val(policy.aspf(), REPORTS.ASPF),
        DSL.val(policy.p(), REPORTS.P),
        DSL.val(policy.sp(), REPORTS.SP),
        DSL.val(policy.pct(), REPORTS.PCT),
        DSL.val(policy.np(), REPORTS.NP),
        DSL.val(policy.fo(), REPORTS.FO),
        DSL.val(policy.testing(), REPORTS.TESTING),
        DSL.val(policy.discoveryMethod(), REPORTS.DISCOVERY_METHOD),
        DSL.val(batch.recordCount(), REPORTS.RECORD_COUNT),
        DSL.val(batch.messageCount(), REPORTS.MESSAGE_COUNT));
  }

  private static final ColumnArrays.Columns RECORD_COLUMNS =
      ColumnArrays.Columns.of(
          RECORDS.RECORD_NO.getDataType(),
          SQLDataType.VARCHAR, // source_ip, cast to inet on the server
          RECORDS.MESSAGE_COUNT.getDataType(),
          RECORDS.DISPOSITION.getDataType(),
          RECORDS.DKIM_RESULT.getDataType(),
          RECORDS.SPF_RESULT.getDataType(),
          RECORDS.HEADER_FROM.getDataType(),
          RECORDS.ENVELOPE_FROM.getDataType(),
          RECORDS.ENVELOPE_TO.getDataType());

  /** record_no, result_no, domain, selector or scope, result, human_result: alike for both. */
  private static final ColumnArrays.Columns AUTH_RESULT_COLUMNS =
      ColumnArrays.Columns.of(
          DKIM_RESULTS.RECORD_NO.getDataType(),
          DKIM_RESULTS.RESULT_NO.getDataType(),
          DKIM_RESULTS.DOMAIN.getDataType(),
          DKIM_RESULTS.SELECTOR.getDataType(),
          DKIM_RESULTS.RESULT.getDataType(),
          DKIM_RESULTS.HUMAN_RESULT.getDataType());

  private static final ColumnArrays.Columns REASON_COLUMNS =
      ColumnArrays.Columns.of(
          OVERRIDE_REASONS.RECORD_NO.getDataType(),
          OVERRIDE_REASONS.REASON_NO.getDataType(),
          OVERRIDE_REASONS.TYPE.getDataType(),
          OVERRIDE_REASONS.COMMENT.getDataType());

  /** Records of one report read and waiting to be written, with their auth results and reasons. */
  private static final class RecordBatch {
    private final ColumnArrays records = new ColumnArrays(RECORD_COLUMNS);
    private final ColumnArrays dkim = new ColumnArrays(AUTH_RESULT_COLUMNS);
    private final ColumnArrays spf = new ColumnArrays(AUTH_RESULT_COLUMNS);
    private final ColumnArrays reasons = new ColumnArrays(REASON_COLUMNS);
    private int recordCount;
    private long messageCount;
    private int childRows;

    /**
     * Reads records until the batch is full or the report ends; returns whether the report ended.
     */
    boolean fill(Records source) throws ReportRejectedException {
      for (int read = 0; read < BATCH_SIZE && childRows < BATCH_CHILD_ROWS; read++) {
        ReportRecord record = source.next();
        if (record == null) {
          return true;
        }
        add(record);
      }
      return false;
    }

    private void add(ReportRecord record) {
      int recordNo = ++recordCount;
      messageCount += record.count();
      childRows +=
          record.dkimResults().size() + record.spfResults().size() + record.reasons().size();
      records.row(
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
            recordNo,
            ++resultNo,
            result.domain(),
            result.scope(),
            result.result(),
            result.humanResult());
      }
      resultNo = 0;
      for (var reason : record.reasons()) {
        reasons.row(recordNo, ++resultNo, reason.type(), reason.comment());
      }
    }

    int recordCount() {
      return recordCount;
    }

    long messageCount() {
      return messageCount;
    }

    StoredReport stored() {
      return new StoredReport(false, recordCount, messageCount);
    }

    /** Binds the rows read since the last call, in the order of {@link #INSERT_ROWS}. */
    void drainTo(List<Object> binds) {
      childRows = 0;
      records.drainTo(binds);
      dkim.drainTo(binds);
      spf.drainTo(binds);
      reasons.drainTo(binds);
    }
  }
}
