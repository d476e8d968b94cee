package dev.puerto.store;

/**
 * The result of storing one report.
 *
 * @param duplicate the report was stored before (same reporter, id, domain and period), nothing new
 *     was written
 * @param records number of records written (0 for a duplicate)
 * @param messages sum of the written records' counts
 */
public record StoredReport(boolean duplicate, int records, long messages) {}
