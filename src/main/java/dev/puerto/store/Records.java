package dev.puerto.store;

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
}
