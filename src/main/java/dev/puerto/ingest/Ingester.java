package dev.puerto.ingest;

import dev.puerto.arf.FailureReport;
import dev.puerto.parse.FeedbackDocument;
import dev.puerto.parse.ReportReader;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.DatabaseFailedException;
import dev.puerto.store.Records;
import dev.puerto.store.RefusedByDatabaseException;
import dev.puerto.store.RegisteredInput;
import dev.puerto.store.ReportStore;
import dev.puerto.store.StoredInput;
import dev.puerto.store.StoredReport;
import dev.puerto.tlsrpt.TlsReport;
import dev.puerto.unpack.DocumentKind;
import dev.puerto.unpack.ReportDocument;
import dev.puerto.unpack.UnpackProblem;
import dev.puerto.unpack.UnpackVisitor;
import dev.puerto.unpack.Unpacker;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import pipeline for one input: record it (raw bytes and hash) first, then unpack, parse and
 * store every report in it (aggregate, failure and SMTP TLS reports, each by its own parser and
 * store), one transaction per report. Nothing that arrives is lost: a rejected part is recorded
 * with its reason and the rest of the input is still imported.
 *
 * <p>Whatever goes wrong inside one input, a value the database refuses or a bug included, is
 * confined to that input: it ends rejected or partial with the reason. Only the database itself
 * failing ({@link DatabaseFailedException}) and the input becoming unreadable (an {@link
 * IOException}) end {@link #ingest} otherwise; the input then stays pending for the next run.
 */
public final class Ingester {
  private static final Logger log = LoggerFactory.getLogger(Ingester.class);

  private final Unpacker unpacker;
  private final ReportParsers parsers;
  private final ReportStores stores;
  private final ReportStore store;

  public Ingester(Unpacker unpacker, ReportParsers parsers, ReportStores stores) {
    this.unpacker = unpacker;
    this.parsers = parsers;
    this.stores = stores;
    this.store = stores.inputs();
  }

  /**
   * Imports one input. An input whose bytes were recorded before is not read again, whatever became
   * of it, unless an interrupted run left it pending ({@code puerto reparse} reads the others
   * again).
   *
   * @throws IOException when the input itself cannot be read (e.g. a file vanished)
   */
  public InputResult ingest(InboundMessage message) throws IOException {
    String name = message.displayName();
    try (RawCopy raw = RawCopy.of(message, unpacker.limits().maxInputBytes())) {
      RegisteredInput input;
      try {
        input = store.registerInput(message.origin(), raw);
      } catch (RefusedByDatabaseException e) {
        return InputResult.unrecorded(
            name, DocumentResult.unusable(name, name + ": " + e.getMessage()));
      }
      if (input.alreadyProcessed()) {
        return InputResult.seenBefore(name, input.id(), input.previousStatus().orElseThrow());
      }
      if (raw.truncated()) {
        return finish(input.id(), name, List.of(overLimit(name, raw.size())));
      }
      try (InputStream content = message.open()) {
        return process(input.id(), name, content);
      }
    }
  }

  /**
   * Adds what was stored so far to the daily roll-ups ({@link ReportStore#applyRollups}): when a
   * run or a pass over a mailbox ends, so that the readers' fast path holds it.
   */
  public void applyRollups() {
    long applied = store.applyRollups();
    log.debug("{} records added to the daily roll-ups", applied);
  }

  /** Parses a recorded input again from its stored raw bytes (after a parser fix, say). */
  public InputResult reingest(StoredInput input) throws IOException {
    String name = input.origin().name();
    if (input.truncated()) {
      return finish(input.id(), name, List.of(overLimit(name, input.size())));
    }
    try (InputStream content = new GZIPInputStream(store.openRaw(input.id()))) {
      return process(input.id(), name, content);
    }
  }

  private InputResult process(long inputId, String name, InputStream content) throws IOException {
    List<DocumentResult> documents = new ArrayList<>();
    try {
      unpacker.unpack(
          name,
          content,
          new UnpackVisitor() {
            @Override
            public void document(ReportDocument document) {
              documents.addAll(importDocument(inputId, document));
            }

            @Override
            public void problem(UnpackProblem problem) {
              documents.add(DocumentResult.unusable(problem.path(), problem.message()));
            }
          });
    } catch (DatabaseFailedException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      documents.add(DocumentResult.unusable(name, internalError(name, e)));
    }
    return finish(inputId, name, documents);
  }

  /** Every report in one document, by the parser and store of its kind. */
  private List<DocumentResult> importDocument(long inputId, ReportDocument document) {
    String path = document.path();
    DocumentKind kind = document.kind();
    try {
      return switch (kind) {
        case AGGREGATE_REPORT -> importAggregate(inputId, document);
        case FAILURE_REPORT -> List.of(importFailure(inputId, document));
        case TLS_REPORT -> List.of(importTls(inputId, document));
      };
    } catch (ReportRejectedException e) {
      return List.of(DocumentResult.rejected(path, kind, e.getMessage()));
    } catch (RefusedByDatabaseException e) {
      return List.of(DocumentResult.rejected(path, kind, path + ": " + e.getMessage()));
    } catch (DatabaseFailedException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(DocumentResult.rejected(path, kind, internalError(path, e)));
    }
  }

  /** An XML document may hold several aggregate reports, or a broken one among good ones. */
  private List<DocumentResult> importAggregate(long inputId, ReportDocument document)
      throws ReportRejectedException {
    String path = document.path();
    List<DocumentResult> results = new ArrayList<>();
    try (FeedbackDocument feedback = parsers.aggregate().open(path, document.content())) {
      while (true) {
        ReportReader report;
        try {
          report = feedback.next();
        } catch (ReportRejectedException e) {
          results.add(DocumentResult.rejected(path, document.kind(), e.getMessage()));
          continue; // the document ends, or reads on after a report that was well-formed XML
        }
        if (report == null) {
          return results;
        }
        results.add(storeAggregate(inputId, path, report));
      }
    } catch (ReportRejectedException | RuntimeException | StackOverflowError e) {
      // the reports before the failure stay stored and counted
      results.addAll(importDocumentFailed(document, e));
      return results;
    }
  }

  private List<DocumentResult> importDocumentFailed(ReportDocument document, Throwable e) {
    if (e instanceof DatabaseFailedException failed) {
      throw failed;
    }
    String path = document.path();
    String reason = e instanceof ReportRejectedException ? e.getMessage() : internalError(path, e);
    return List.of(DocumentResult.rejected(path, document.kind(), reason));
  }

  private DocumentResult storeAggregate(long inputId, String path, ReportReader report) {
    DocumentKind kind = DocumentKind.AGGREGATE_REPORT;
    String name = report.report().name();
    try {
      StoredReport stored = store.store(inputId, path, report.report(), Records.of(report));
      return stored.duplicate()
          ? DocumentResult.duplicate(path, kind)
          : DocumentResult.imported(path, kind, stored.records(), stored.messages());
    } catch (ReportRejectedException e) {
      return DocumentResult.rejected(path, kind, e.getMessage());
    } catch (RefusedByDatabaseException e) {
      return DocumentResult.rejected(path, kind, name + ": " + e.getMessage());
    }
  }

  private DocumentResult importFailure(long inputId, ReportDocument document)
      throws ReportRejectedException, RefusedByDatabaseException {
    FailureReport report = parsers.failure().parse(document.path(), document.content());
    boolean isNew = stores.failure().store(inputId, document.path(), report);
    return DocumentResult.stored(document.path(), document.kind(), isNew);
  }

  private DocumentResult importTls(long inputId, ReportDocument document)
      throws ReportRejectedException, RefusedByDatabaseException {
    TlsReport report = parsers.tls().parse(document.path(), document.content());
    boolean isNew = stores.tls().store(inputId, document.path(), report);
    return DocumentResult.stored(document.path(), document.kind(), isNew);
  }

  private InputResult finish(long inputId, String name, List<DocumentResult> documents) {
    InputStatus status =
        store.finishInput(
            inputId, InputResult.statusOf(documents), reportCount(documents), errorText(documents));
    return new InputResult(name, inputId, false, documents, status);
  }

  private DocumentResult overLimit(String name, long size) {
    return DocumentResult.unusable(
        name,
        String.format(
            "%s: input is larger than the %s limit (%,d bytes); only its first %s are kept",
            name,
            binarySize(unpacker.limits().maxInputBytes()),
            size,
            binarySize(RawCopy.KEPT_WHEN_TRUNCATED)));
  }

  /** 512 MiB, 64 KiB: sizes as the limits are set. */
  private static String binarySize(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : String.format("%,d bytes", bytes);
  }

  /** A bug met while reading one input: the input carries it, the run goes on. */
  private static String internalError(String name, Throwable e) {
    log.warn("internal error while importing {} (a bug in Puerto; please report it): {}", name, e);
    log.debug("stack trace", e);
    return name + ": internal error (a bug in Puerto; please report it): " + e;
  }

  private static int reportCount(List<DocumentResult> documents) {
    return (int)
        documents.stream().filter(d -> d.outcome() != DocumentResult.Outcome.REJECTED).count();
  }

  private static String errorText(List<DocumentResult> documents) {
    String text =
        documents.stream()
            .filter(d -> d.outcome() == DocumentResult.Outcome.REJECTED)
            .map(DocumentResult::reason)
            .collect(Collectors.joining("\n"));
    return text.isEmpty() ? null : text;
  }
}
