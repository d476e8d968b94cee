package dev.puerto.cli;

import dev.puerto.run.ImportTally;
import dev.puerto.unpack.DocumentKind;
import java.io.PrintWriter;
import java.time.Duration;

/** An import's tally as one screen, printed when the run ends. */
final class TallyText {
  /** Rejections listed by name; the rest are summarised with the SQL that lists them all. */
  private static final int LISTED_REJECTIONS = 15;

  private TallyText() {}

  static void print(PrintWriter out, ImportTally tally, Duration elapsed) {
    print(out, "Import finished in", tally, elapsed);
  }

  /** One mailbox's tally among several. */
  static void printMailbox(PrintWriter out, String mailbox, ImportTally tally, Duration elapsed) {
    print(out, "Mailbox " + mailbox + ": import finished in", tally, elapsed);
  }

  /** What was done before the database failed; the failure itself follows on stderr. */
  static void printStopped(PrintWriter out, ImportTally tally, Duration elapsed) {
    print(out, "Import stopped by a database failure after", tally, elapsed);
  }

  private static void print(PrintWriter out, String heading, ImportTally tally, Duration elapsed) {
    out.printf("%n%s %.1f s%n", heading, elapsed.toMillis() / 1000.0);
    out.printf("  inputs seen       %,12d", tally.inputs());
    if (tally.inputsSeenBefore() > 0) {
      out.printf("   (%,d seen before, skipped by hash)", tally.inputsSeenBefore());
    }
    out.println();
    out.printf("  reports imported  %,12d%s%n", tally.imported(), byKind(tally));
    out.printf("  duplicates        %,12d%n", tally.duplicates());
    out.printf("  rejected          %,12d%n", tally.rejected());
    out.printf("  records           %,12d%n", tally.records());
    out.printf("  messages          %,12d%n", tally.messages());
    if (tally.rejected() > 0) {
      out.println();
      out.println("Rejected:");
      tally.rejections().stream()
          .sorted()
          .limit(LISTED_REJECTIONS)
          .forEach(reason -> out.println("  " + firstLine(reason)));
      if (tally.rejected() > LISTED_REJECTIONS) {
        out.printf(
            "  ... and %,d more: SELECT origin, error FROM dmarc_inputs"
                + " WHERE status IN ('rejected', 'partial');%n",
            tally.rejected() - LISTED_REJECTIONS);
      }
    }
    out.flush();
  }

  /** "(25 aggregate, 2 failure, 2 SMTP TLS)", once any but aggregate reports were imported. */
  private static String byKind(ImportTally tally) {
    long aggregate = tally.imported(DocumentKind.AGGREGATE_REPORT);
    if (aggregate == tally.imported()) {
      return "";
    }
    return String.format(
        "   (%,d aggregate, %,d failure, %,d SMTP TLS)",
        aggregate,
        tally.imported(DocumentKind.FAILURE_REPORT),
        tally.imported(DocumentKind.TLS_REPORT));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline) + " ...";
  }
}
