package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.FirstReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One parser serves the import's parallel workers. */
class ConcurrentParsingTest {
  private static final int THREADS = 4;
  private static final int RECORDS = 2_000;

  @Test
  void one_parser_reads_reports_on_several_threads_at_once_as_it_does_alone() throws Exception {
    ReportParser parser = new ReportParser();
    List<ReportRecord> alone = read(parser);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Callable<List<ReportRecord>>> tasks = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        tasks.add(() -> read(parser));
      }
      for (Future<List<ReportRecord>> together : pool.invokeAll(tasks)) {
        assertThat(together.get()).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<ReportRecord> read(ReportParser parser) throws ReportRejectedException {
    List<ReportRecord> records = new ArrayList<>();
    try (FirstReport reader =
        FirstReport.open(parser, "generated.xml", new GeneratedReport(RECORDS))) {
      for (ReportRecord record = reader.next(); record != null; record = reader.next()) {
        records.add(record);
      }
    }
    return records;
  }
}
