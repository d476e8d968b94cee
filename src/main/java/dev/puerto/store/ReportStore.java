package dev.puerto.store;

import static dev.puerto.schema.Tables.IMAP_ORIGINS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;

import dev.puerto.parse.AggregateReport;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.schema.InputStatus;
import dev.puerto.schema.Routines;
import dev.puerto.schema.tables.records.InputsRecord;
import dev.puerto.source.ImapPosition;
import dev.puerto.source.Origin;
import dev.puerto.store.ReportColumns.ReportRow;
import dev.puerto.store.ReportInserts.StoredKey;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Writes inputs and reports through jOOQ. Each report is one transaction: a crash never leaves half
 * a report, and a report already stored (same reporter, report id, policy domain and period) is
 * recognised by the unique key and written once, also when two imports race.
 */
public final class ReportStore {
  /** Longest error text kept for an input, and longest line of it, in characters. */
  private static final int MAX_ERROR_CHARS = 64 * 1024;

  private static final int MAX_ERROR_LINE_CHARS = 2000;

  /** The column that takes the streamed raw bytes. */
  private static final Field<RawInput> RAW_GZIP_STREAMED =
      DSL.field(INPUTS.RAW_GZIP.getUnqualifiedName(), StreamedBytes.TYPE);

  private static final StoredReport DUPLICATE = new StoredReport(true, 0, 0);

  /**
   * True, and makes the statement's own transaction wait for the disk when it commits: an input's
   * finish is durable before anything acts on the input, and with it everything written before (see
   * {@link Database#openForImport}). One statement, so nothing else can fail in between.
   */
  private static final Condition COMMIT_DURABLY =
      DSL.function(
              "set_config",
              String.class,
              DSL.inline("synchronous_commit"),
              DSL.inline("on"),
              DSL.inline(true))
          .eq(DSL.inline("on"));

  /**
   * Records stored since the roll-ups were last applied after which the store applies them: a few
   * hundred small reports at a time, each application one statement (see V12).
   */
  static final long APPLY_ROLLUPS_EVERY_RECORDS = 20_000;

  private final DSLContext dsl;
  private final Partitions partitions = new Partitions();
  private final AtomicLong unappliedRecords = new AtomicLong();
  private final AtomicBoolean applying = new AtomicBoolean();

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
    return insertNewInput(origin, raw)
        .map(id -> new RegisteredInput(id, Optional.empty()))
        .orElseGet(() -> knownInput(raw.sha256()));
  }

  /** The new row's id, or nothing when these bytes were recorded before. */
  private Optional<Long> insertNewInput(Origin origin, RawInput raw) {
    return dsl.insertInto(INPUTS)
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
  }

  /** The input recorded before with these bytes, and what became of it. */
  private RegisteredInput knownInput(byte[] sha256) {
    InputsRecord known =
        dsl.select(INPUTS.ID, INPUTS.STATUS)
            .from(INPUTS)
            .where(INPUTS.SHA256.eq(sha256))
            .fetchSingleInto(InputsRecord.class);
    return new RegisteredInput(known.getId(), Optional.of(known.getStatus()));
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
          .and(COMMIT_DURABLY)
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
   * Stores a report with all its records, pulled from {@code records} as they are written. A report
   * of up to {@value RecordBatch#MAX_RECORDS} records is written by one statement (its own
   * transaction); a larger one in one transaction: that statement with its first batch, then a COPY
   * per table and further batch. A record the source rejects writes nothing of the report.
   *
   * @throws ReportRejectedException when the source rejects a record
   * @throws RefusedByDatabaseException when the database refuses a value of the report
   * @throws DatabaseFailedException when the database itself fails
   */
  public StoredReport store(long inputId, String part, AggregateReport report, Records records)
      throws ReportRejectedException, RefusedByDatabaseException {
    try {
      RecordBatch batch = new RecordBatch();
      boolean complete = batch.fill(records);
      ReportRow row =
          new ReportRow(
              inputId,
              DatabaseText.clean(part),
              report,
              batch.recordCount(),
              batch.messageCount(),
              records.reportExtensions());
      StoredReport stored;
      if (complete) {
        stored = storeInOne(row, batch);
      } else {
        partitions.ensureNow(dsl, report.begin());
        stored =
            dsl.transactionResult(
                configuration -> storeInBatches(DSL.using(configuration), row, batch, records));
      }
      if (unappliedRecords.addAndGet(stored.records()) >= APPLY_ROLLUPS_EVERY_RECORDS
          && applying.compareAndSet(false, true)) {
        // one worker applies, the others import on rather than wait for its lock
        try {
          applyRollups();
        } finally {
          applying.set(false);
        }
      }
      return stored;
    } catch (DataAccessException e) {
      if (e.getCause() instanceof ReportRejectedException rejected) {
        // jOOQ rolled the transaction back on this checked failure of the records and hands it on
        throw rejected;
      }
      throw refusedOrFailed("storing a report", e);
    }
  }

  /**
   * Adds the records stored so far, by anyone, to the daily roll-ups ({@code apply_rollups} in V12)
   * and returns how many that was. Until then readers count them from {@code dmarc_daily_rollups}
   * all the same, only slower: the store applies them every {@value #APPLY_ROLLUPS_EVERY_RECORDS}
   * records, and whoever imports calls this when a run or a pass over a mailbox ends.
   *
   * @throws DatabaseFailedException when the database fails
   */
  public long applyRollups() {
    unappliedRecords.set(0);
    try {
      Long applied = Routines.applyRollups(dsl.configuration());
      return applied == null ? 0 : applied;
    } catch (DataAccessException e) {
      throw DatabaseFailedException.whileDoing(
          "adding the stored records to the daily roll-ups", e);
    }
  }

  /** Writes the report and all its records in one statement, its own transaction. */
  private StoredReport storeInOne(ReportRow row, RecordBatch batch) {
    Object[] binds = ReportInserts.reportBinds(row, batch);
    partitions.ensureFor(dsl, row.report().begin());
    Optional<StoredKey> key;
    try {
      key = ReportInserts.insertReport(dsl, binds);
    } catch (DataAccessException e) {
      if (!partitions.forgetIfMissing(e)) {
        throw e;
      }
      partitions.ensureNow(dsl, row.report().begin());
      key = ReportInserts.insertReport(dsl, binds);
    }
    return key.isPresent() ? batch.stored() : DUPLICATE;
  }

  /**
   * Writes the report with its first batch, then each further batch while the next is read; one
   * transaction throughout.
   */
  private static StoredReport storeInBatches(
      DSLContext tx, ReportRow report, RecordBatch batch, Records records)
      throws ReportRejectedException {
    Optional<StoredKey> stored =
        ReportInserts.insertReport(tx, ReportInserts.reportBinds(report, batch));
    if (stored.isEmpty()) {
      return DUPLICATE;
    }
    writeFurtherBatches(tx, stored.get(), batch, records);
    ReportInserts.updateTotals(tx, stored.get().id(), batch, records.reportExtensions());
    return batch.stored();
  }

  /** The batches after the first, each copied on the writer's thread while the next is read. */
  private static void writeFurtherBatches(
      DSLContext tx, StoredKey report, RecordBatch batch, Records records)
      throws ReportRejectedException {
    try (BatchWriter writer = new BatchWriter()) {
      boolean complete;
      do {
        complete = batch.fill(records);
        writer.submit(ReportInserts.copyMoreRows(tx, report, batch));
      } while (!complete);
      writer.awaitPrevious();
    }
  }

  /**
   * A value of the input refused (the input is rejected and the run goes on), or the database or
   * Puerto's statement failing (the run stops; the input stays pending for the next run).
   */
  static RefusedByDatabaseException refusedOrFailed(String doing, DataAccessException e) {
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
        // pruned with --raw drop: nothing left to parse
        .and(INPUTS.RAW_DROPPED_AT.isNull())
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
}
