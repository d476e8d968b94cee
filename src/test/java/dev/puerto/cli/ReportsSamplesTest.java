package dev.puerto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's first command imports reports-samples/: what it prints must be what
 * reports-samples/README.md promises (that README is generated from the written samples).
 */
@ExtendWith(PostgresExtension.class)
class ReportsSamplesTest {
  private static final Path SAMPLES = Path.of("reports-samples");

  /**
   * All reports, then how many of each kind (there are failure and SMTP TLS report samples), then
   * the aggregate reports' records and messages.
   */
  private static final Pattern TOGETHER =
      Pattern.compile(
          "Together, everything an import stores: ([\\d,]+) reports"
              + " (\\([\\d,]+ aggregate, [\\d,]+ failure, [\\d,]+ SMTP TLS\\)) /"
              + " ([\\d,]+) records / ([\\d,]+) messages");

  private static final Pattern MORE = Pattern.compile("\\.\\.\\. and ([\\d,]+) more");

  private final TestDatabase database;

  ReportsSamplesTest(TestDatabase database) {
    this.database = database;
  }

  @Test
  void importing_the_samples_imports_every_good_one_and_names_every_bad_one() throws Exception {
    Matcher promised = TOGETHER.matcher(Files.readString(SAMPLES.resolve("README.md")));
    assertThat(promised.find()).as("README states the totals").isTrue();
    List<String> badFiles;
    try (Stream<Path> files = Files.list(SAMPLES.resolve("bad"))) {
      badFiles = files.map(file -> file.getFileName().toString()).sorted().toList();
    }

    CommandLineRun run = CommandLineRun.run(database.environment(), "import", SAMPLES.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(
            "reports imported +" + promised.group(1) + " +" + Pattern.quote(promised.group(2)))
        .containsPattern("(?m)records +" + promised.group(3) + "$")
        .containsPattern("(?m)messages +" + promised.group(4) + "$")
        .containsPattern("rejected\\s+" + badFiles.size());
    // The tally lists the first rejections by name and counts the rest.
    long listed =
        badFiles.stream().filter(bad -> run.out().contains("reports-samples/bad/" + bad)).count();
    Matcher more = MORE.matcher(run.out());
    long counted = more.find() ? Long.parseLong(more.group(1).replace(",", "")) : 0;
    assertThat(listed + counted).isEqualTo(badFiles.size());
    assertThat(run.out()).doesNotContain("reports-samples/tricky/");
    assertThat(run.out()).doesNotContain("root:x:0:0");
    try (var db = database.open()) {
      assertThat(
              db.dsl()
                  .fetchValue(
                      "SELECT error FROM dmarc_inputs WHERE origin LIKE '%bad/zip-bomb.zip'"))
          .asString()
          .contains("likely a zip bomb");
    }
  }
}
