package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Memory does not grow with the number of records. */
class StreamingTest {
  private static final int RECORDS = 1_000_000;

  @Test
  void parses_a_million_records_in_a_256_mebibyte_heap() throws Exception {
    // A separate JVM, because only its own -Xmx proves the bound; the test JVM has 1 GiB.
    Process benchmark =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                StreamingBenchmark.class.getName(),
                String.valueOf(RECORDS))
            .redirectErrorStream(true)
            .start();
    String output = readAll(benchmark);

    assertThat(benchmark.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
    assertThat(benchmark.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("records=" + RECORDS + " messages=" + GeneratedReport.messagesIn(RECORDS));
  }

  @Test
  void generated_reports_match_the_report_model() throws Exception {
    Parsed parsed = Parsed.parse("generated.xml", new GeneratedReport(300));

    assertThat(parsed.records()).hasSize(300);
    assertThat(parsed.records().get(257).sourceIp().getHostAddress()).isEqualTo("10.0.1.1");
    assertThat(parsed.records().stream().mapToLong(ReportRecord::count).sum())
        .isEqualTo(GeneratedReport.messagesIn(300));
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
