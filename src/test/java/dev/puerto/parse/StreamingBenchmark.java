package dev.puerto.parse;

import dev.puerto.testing.FirstReport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Parses a report and prints records, messages, seconds, microseconds per record and peak heap.
 * With a number, it parses a generated report of that many records; run with a small heap to show
 * that memory does not grow with the number of records:
 *
 * <pre>java -Xmx256m -cp ... dev.puerto.parse.StreamingBenchmark 1000000</pre>
 *
 * <p>With a report file ({@code .xml} or {@code .xml.gz}, e.g. one made by {@code GenerateCorpus
 * --single-report-records 300000}) and a number of passes, it measures the parser alone: the file
 * is decompressed into memory first, and every pass parses it again so that later passes show the
 * warmed-up cost:
 *
 * <pre>java -cp ... dev.puerto.parse.StreamingBenchmark /tmp/parsebench/report.xml.gz 5</pre>
 */
public final class StreamingBenchmark {
  /** The machine may be busy: the parsing thread's CPU time is the steadier figure. */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StreamingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "1000000";
    if (what.matches("[0-9]+")) {
      long records = Long.parseLong(what);
      pass(new ReportParser(), "generated.xml", new GeneratedReport(records));
      return;
    }
    Path file = Path.of(what);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    byte[] xml = decompressed(file);
    ReportParser parser = new ReportParser();
    for (int i = 0; i < passes; i++) {
      pass(parser, file.getFileName().toString(), new ByteArrayInputStream(xml));
    }
  }

  private static void pass(ReportParser parser, String name, InputStream xml) throws Exception {
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long read = 0;
    long messages = 0;
    try (FirstReport reader = FirstReport.open(parser, name, xml)) {
      for (ReportRecord record = reader.next(); record != null; record = reader.next()) {
        read++;
        messages += record.count();
      }
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
    System.out.printf(
        "records=%d messages=%d seconds=%.1f usPerRecord=%.2f recordsPerSecond=%.0f"
            + " cpuUsPerRecord=%.2f peakHeapMiB=%d maxHeapMiB=%d%n",
        read,
        messages,
        nanos / 1e9,
        nanos / 1e3 / Math.max(read, 1),
        read * 1e9 / nanos,
        cpuNanos / 1e3 / Math.max(read, 1),
        peakHeapBytes() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static byte[] decompressed(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return file.toString().endsWith(".gz")
          ? new GZIPInputStream(in).readAllBytes()
          : in.readAllBytes();
    }
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(usage -> usage.getUsed())
        .sum();
  }
}
