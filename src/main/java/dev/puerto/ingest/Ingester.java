package dev.puerto.ingest;

import dev.puerto.ingest.DocumentResult.RejectionKind;
import dev.puerto.parse.ReportParser;
import dev.puerto.parse.ReportReader;
import dev.puerto.parse.ReportRejectedException;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.RegisteredInput;
import dev.puerto.store.ReportStore;
import dev.puerto.store.StoredInput;
import dev.puerto.store.StoredReport;
import dev.puerto.unpack.ReportDocument;
import dev.puerto.unpack.UnpackProblem;
import dev.puerto.unpack.UnpackVisitor;
import dev.puerto.unpack.Unpacker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The import pipeline for one input: record it (raw bytes and hash) first, then unpack, parse and
 * store every report in it, one transaction per report. Nothing that arrives is lost: a rejected
 * part is recorded with its reason and the rest of the input is still imported.
 */
public final class Ingester {
  private final Unpacker unpacker;
  private final ReportParser parser;
  private final ReportStore store;

  public Ingester(Unpacker unpacker, ReportParser parser, ReportStore store) {
    this.unpacker = unpacker;
    this.parser = parser;
    this.store = store;
  }

  /**
   * Imports one input. An input whose bytes were imported before is not read again; one that was
   * interrupted or rejected before is processed again (its reports already stored count as
   * duplicates).
   *
   * @throws IOException when the input itself cannot be read (e.g. a file vanished)
   */
  public InputResult ingest(InboundMessage message) throws IOException {
    RawCopy raw = RawCopy.of(message);
    RegisteredInput input =
        store.registerInput(message.origin(), raw.sha256(), message.size(), raw.gzip());
    if (input.alreadyProcessed()) {
      return new InputResult(message.displayName(), input.id(), true, List.of());
    }
    try (InputStream content = message.open()) {
      return process(input.id(), message.displayName(), content);
    }
  }

  /** Parses a recorded input again from its stored raw bytes (after a parser fix, say). */
  public InputResult reingest(StoredInput input) throws IOException {
    byte[] rawGzip = store.rawGzip(input.id());
    try (InputStream content = new GZIPInputStream(new ByteArrayInputStream(rawGzip))) {
      return process(input.id(), input.origin().name(), content);
    }
  }

  private InputResult process(long inputId, String name, InputStream content) throws IOException {
    List<DocumentResult> documents = new ArrayList<>();
    unpacker.unpack(
        name,
        content,
        new UnpackVisitor() {
          @Override
          public void document(ReportDocument document) {
            documents.add(importDocument(inputId, document));
          }

          @Override
          public void problem(UnpackProblem problem) {
            documents.add(
                DocumentResult.rejected(problem.path(), kindOf(problem), problem.message()));
          }
        });
    InputResult result = new InputResult(name, inputId, false, documents);
    store.finishInput(inputId, result.status(), reportCount(result), errorText(result));
    return result;
  }

  private DocumentResult importDocument(long inputId, ReportDocument document) {
    try (ReportReader reader = parser.open(document.path(), document.content())) {
      StoredReport stored = store.store(inputId, document.path(), reader);
      return stored.duplicate()
          ? DocumentResult.duplicate(document.path())
          : DocumentResult.imported(document.path(), stored.records(), stored.messages());
    } catch (ReportRejectedException e) {
      return DocumentResult.rejected(document.path(), RejectionKind.INVALID, e.getMessage());
    }
  }

  private static RejectionKind kindOf(UnpackProblem problem) {
    return switch (problem.kind()) {
      case FAILURE_REPORT -> RejectionKind.FAILURE_REPORT;
      case TLS_REPORT -> RejectionKind.TLS_REPORT;
      default -> RejectionKind.INVALID;
    };
  }

  private static int reportCount(InputResult result) {
    return (int)
        (result.count(DocumentResult.Outcome.IMPORTED)
            + result.count(DocumentResult.Outcome.DUPLICATE));
  }

  private static String errorText(InputResult result) {
    List<DocumentResult> rejections = result.rejections();
    return rejections.isEmpty()
        ? null
        : rejections.stream().map(DocumentResult::reason).collect(Collectors.joining("\n"));
  }
}
