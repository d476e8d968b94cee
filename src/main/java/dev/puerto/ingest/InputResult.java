package dev.puerto.ingest;

import dev.puerto.schema.InputStatus;
import java.util.List;

/**
 * What became of one input.
 *
 * @param name the input as a person knows it (path, {@code -}, mailbox and UID)
 * @param inputId its {@code inputs.id}; 0 when the database refused to record it
 * @param seenBefore the same bytes were recorded before, so nothing was read again
 * @param documents every report and every rejected part found in it, in order
 * @param status the status recorded for the input
 */
public record InputResult(
    String name,
    long inputId,
    boolean seenBefore,
    List<DocumentResult> documents,
    InputStatus status) {

  public InputResult {
    documents = List.copyOf(documents);
  }

  /** An input recorded before with {@code status}, not read again. */
  static InputResult seenBefore(String name, long inputId, InputStatus status) {
    return new InputResult(name, inputId, true, List.of(), status);
  }

  /** An input the database refused to record at all: nothing of it is stored. */
  static InputResult unrecorded(String name, DocumentResult rejection) {
    return new InputResult(name, 0, false, List.of(rejection), InputStatus.REJECTED);
  }

  /** The status the documents of an input call for. */
  static InputStatus statusOf(List<DocumentResult> documents) {
    boolean imported = count(documents, DocumentResult.Outcome.IMPORTED) > 0;
    boolean rejected = count(documents, DocumentResult.Outcome.REJECTED) > 0;
    boolean usable = imported || count(documents, DocumentResult.Outcome.DUPLICATE) > 0;
    if (rejected) {
      return usable ? InputStatus.PARTIAL : InputStatus.REJECTED;
    }
    return imported ? InputStatus.IMPORTED : InputStatus.DUPLICATE;
  }

  public long count(DocumentResult.Outcome outcome) {
    return count(documents, outcome);
  }

  public List<DocumentResult> rejections() {
    return documents.stream().filter(d -> d.outcome() == DocumentResult.Outcome.REJECTED).toList();
  }

  private static long count(List<DocumentResult> documents, DocumentResult.Outcome outcome) {
    return documents.stream().filter(d -> d.outcome() == outcome).count();
  }
}
