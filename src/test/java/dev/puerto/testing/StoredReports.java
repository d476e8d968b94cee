package dev.puerto.testing;

import static dev.puerto.schema.Tables.RECORDS;
import static dev.puerto.schema.Tables.REPORTS;

import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Checks of what the store holds, shared by the tests that import hostile input. */
public final class StoredReports {
  private StoredReports() {}

  /**
   * Keys of the reports (among those {@code which} selects) whose record count or message count is
   * not the sum of their records: none, when every report was stored whole.
   */
  public static List<Long> notAddingUp(DSLContext dsl, Condition which) {
    return dsl.select(REPORTS.ID)
        .from(REPORTS)
        .where(which)
        .and(
            REPORTS
                .RECORD_COUNT
                .ne(DSL.selectCount().from(RECORDS).where(RECORDS.REPORT_KEY.eq(REPORTS.ID)))
                .or(
                    DSL.field(
                            DSL.select(
                                    DSL.coalesce(
                                        DSL.sum(RECORDS.MESSAGE_COUNT),
                                        DSL.inline(BigDecimal.ZERO)))
                                .from(RECORDS)
                                .where(RECORDS.REPORT_KEY.eq(REPORTS.ID)))
                        .ne(REPORTS.MESSAGE_COUNT.cast(BigDecimal.class))))
        .fetch(REPORTS.ID);
  }
}
