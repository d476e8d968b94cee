package dev.puerto.ingest;

import dev.puerto.store.InputStatus;
import java.util.List;

/**
 * What became of one input.
 *
 * @param name the input as a person knows it (path, {@code -}, mailbox and UID)
 * @param inputId its {@code inputs.id}
 * @param seenBefore the same bytes were imported before, so nothing was read again
 * @param documents every report and every rejected part found in it, in order
 */
public record InputResult(
    String name, long inputId, boolean seenBefore, List<DocumentResult> documents) {

  public InputResult {
    documents = List.copyOf(documents);
  }

  /** The status recorded for the input. */
  public InputStatus status() {
    if (seenBefore) {
      return InputStatus.DUPLICATE;
    }
    boolean imported = count(DocumentResult.Outcome.IMPORTED) > 0;
    boolean rejected = count(DocumentResult.Outcome.REJECTED) > 0;
    boolean usable = imported || count(DocumentResult.Outcome.DUPLICATE) > 0;
    if (rejected) {
      return usable ? InputStatus.PARTIAL : InputStatus.REJECTED;
    }
    return imported ? InputStatus.IMPORTED : InputStatus.DUPLICATE;
  }

  public long count(DocumentResult.Outcome outcome) {
    return documents.stream().filter(d -> d.outcome() == outcome).count();
  }

  public List<DocumentResult> rejections() {
    return documents.stream().filter(d -> d.outcome() == DocumentResult.Outcome.REJECTED).toList();
  }
}
