package dev.puerto.generate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Bytes that can be written to a stream, reporting which reports they carry. Containers wrap
 * payloads, so a gzip inside a zip inside an e-mail is just nested calls (see {@link Payloads}).
 */
@FunctionalInterface
public interface Payload {
  /** Writes everything to {@code out} without closing it. */
  ReportTotals writeTo(OutputStream out) throws IOException;
}
