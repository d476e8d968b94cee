package dev.puerto.run;

import dev.puerto.ingest.DocumentResult;
import dev.puerto.ingest.InputResult;
import dev.puerto.unpack.DocumentKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what an import did, input by input. Only the run adds to it (on one thread); whoever shows
 * it reads it.
 */
public final class ImportTally {
  private long inputs;
  private long inputsSeenBefore;
  private long imported;
  private final Map<DocumentKind, Long> importedByKind = new EnumMap<>(DocumentKind.class);
  private long duplicates;
  private long records;
  private long messages;
  private final List<String> rejections = new ArrayList<>();

  void add(InputResult result) {
    inputs++;
    if (result.seenBefore()) {
      inputsSeenBefore++;
    }
    for (DocumentResult document : result.documents()) {
      switch (document.outcome()) {
        case IMPORTED -> {
          imported++;
          importedByKind.merge(document.kind(), 1L, Long::sum);
          records += document.records();
          messages += document.messages();
        }
        case DUPLICATE -> duplicates++;
        case REJECTED -> rejections.add(document.reason());
      }
    }
  }

  /** An input that could not even be read. */
  void addUnreadable(String name, String reason) {
    inputs++;
    rejections.add(name + ": " + reason);
  }

  public long inputs() {
    return inputs;
  }

  /** Inputs whose bytes were recorded before, skipped by hash. */
  public long inputsSeenBefore() {
    return inputsSeenBefore;
  }

  /** Reports imported, of every kind. */
  public long imported() {
    return imported;
  }

  /** Reports of one kind imported. */
  public long imported(DocumentKind kind) {
    return importedByKind.getOrDefault(kind, 0L);
  }

  public long duplicates() {
    return duplicates;
  }

  public long records() {
    return records;
  }

  /** The messages the imported aggregate-report records count (their {@code count} fields). */
  public long messages() {
    return messages;
  }

  public long rejected() {
    return rejections.size();
  }

  /** Why each rejected report or input was rejected, in the order they came. */
  public List<String> rejections() {
    return Collections.unmodifiableList(rejections);
  }
}
