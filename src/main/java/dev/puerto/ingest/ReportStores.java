package dev.puerto.ingest;

import dev.puerto.store.Database;
import dev.puerto.store.FailureReportStore;
import dev.puerto.store.ReportStore;
import dev.puerto.store.TlsReportStore;

/**
 * Where inputs and each kind of report are written.
 *
 * @param inputs inputs, and aggregate reports
 */
public record ReportStores(ReportStore inputs, FailureReportStore failure, TlsReportStore tls) {

  public static ReportStores of(Database database) {
    return new ReportStores(
        new ReportStore(database), new FailureReportStore(database), new TlsReportStore(database));
  }
}
