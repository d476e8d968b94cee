package dev.puerto.store;

import dev.puerto.parse.ReportReader;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.ReportRejectedException;

/**
 * The records of one report, pulled by the store one at a time while it writes them, so that a
 * report of millions of records is never held in memory. The store declares this contract; the
 * import pipeline adapts the parser's reader to it.
 */
@FunctionalInterface
public interface Records {
  /**
   * The next record, or null after the last.
   *
   * @throws ReportRejectedException when the report cannot be read on; nothing of it is stored
   */
  ReportRecord next() throws ReportRejectedException;

  /**
   * The report's own extensions read so far (RFC 9990 {@code <extension>}, as {@code
   * dev.puerto.parse.ReportReader#extensions()} gives them), or null when there are none; the store
   * asks again after {@link #next} returned null, since they may follow the records.
   */
  default String reportExtensions() {
    return null;
  }

  /** The parser's reader: its records, and the report's extensions. */
  static Records of(ReportReader reader) {
    return new Records() {
      @Override
      public ReportRecord next() throws ReportRejectedException {
        return reader.next();
      }

      @Override
      public String reportExtensions() {
        return reader.extensions();
      }
    };
  }
}
