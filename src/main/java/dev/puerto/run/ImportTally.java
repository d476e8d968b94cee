package dev.puerto.cli;

import dev.puerto.ingest.DocumentResult;
import dev.puerto.ingest.InputResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Counts what an import did and prints it as one screen. */
final class ImportTally {
  /** Rejections listed by name; the rest are summarised with the SQL that lists them all. */
  private static final int LISTED_REJECTIONS = 15;

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

  long inputs() {
    return inputs;
  }

  long imported() {
    return imported;
  }

  long records() {
    return records;
  }

  long rejected() {
    return rejections.size();
  }

  void print(PrintWriter out, Duration elapsed) {
    print(out, "Import finished in", elapsed);
  }

  /** What was done before the database failed; the failure itself follows on stderr. */
  void printStopped(PrintWriter out, Duration elapsed) {
    print(out, "Import stopped by a database failure after", elapsed);
  }

  private void print(PrintWriter out, String heading, Duration elapsed) {
    out.printf("%n%s %.1f s%n", heading, elapsed.toMillis() / 1000.0);
    out.printf("  inputs seen       %,12d", inputs);
    if (inputsSeenBefore > 0) {
      out.printf("   (%,d seen before, skipped by hash)", inputsSeenBefore);
    }
    out.println();
    out.printf("  reports imported  %,12d%n", imported);
    out.printf("  duplicates        %,12d%n", duplicates);
    out.printf("  rejected          %,12d%n", rejections.size());
    out.printf("  records           %,12d%n", records);
    out.printf("  messages          %,12d%n", messages);
    if (!rejections.isEmpty()) {
      out.println();
      out.println("Rejected:");
      rejections.stream()
          .sorted()
          .limit(LISTED_REJECTIONS)
          .forEach(reason -> out.println("  " + firstLine(reason)));
      if (rejections.size() > LISTED_REJECTIONS) {
        out.printf(
            "  ... and %,d more: SELECT origin, error FROM dmarc_inputs"
                + " WHERE status IN ('rejected', 'partial');%n",
            rejections.size() - LISTED_REJECTIONS);
      }
    }
    out.flush();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + " ...";
  }
}
