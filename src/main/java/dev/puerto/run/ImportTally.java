package dev.puerto.run;

import dev.puerto.ingest.DocumentResult;
import dev.puerto.ingest.InputResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts what an import did, input by input. Only the run adds to it (on one thread); whoever shows
 * it reads it.
 */
public final class ImportTally {
  private long inputs;
  private long inputsSeenBefore;
  private long imported;
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

  public long imported() {
    return imported;
  }

  public long duplicates() {
    return duplicates;
  }

  public long records() {
    return records;
  }

  /** The messages the imported records count (their {@code count} fields). */
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
