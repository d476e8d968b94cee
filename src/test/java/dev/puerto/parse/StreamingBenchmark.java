package dev.puerto.parse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Parses a generated report and prints records, messages, seconds and peak heap. Run with a small
 * heap to show that memory does not grow with the number of records:
 *
 * <pre>java -Xmx256m -cp ... dev.puerto.parse.StreamingBenchmark 1000000</pre>
 */
public final class StreamingBenchmark {
  private StreamingBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long start = System.nanoTime();
    long read = 0;
    long messages = 0;
    try (ReportReader reader =
        new ReportParser().open("generated.xml", new GeneratedReport(records))) {
      for (ReportRecord record = reader.next(); record != null; record = reader.next()) {
        read++;
        messages += record.count();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "records=%d messages=%d seconds=%.1f peakHeapMiB=%d maxHeapMiB=%d%n",
        read, messages, seconds, peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(usage -> usage.getUsed())
        .sum();
  }
}
