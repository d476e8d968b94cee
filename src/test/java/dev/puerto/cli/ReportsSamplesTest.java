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
  private static final Pattern TOGETHER =
      Pattern.compile("Together: ([\\d,]+) reports / ([\\d,]+) records / ([\\d,]+) messages");

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
        .containsPattern("reports imported\\s+" + promised.group(1))
        .containsPattern("records\\s+" + promised.group(2))
        .containsPattern("messages\\s+" + promised.group(3))
        .containsPattern("rejected\\s+" + badFiles.size());
    for (String bad : badFiles) {
      assertThat(run.out()).contains("reports-samples/bad/" + bad);
    }
    assertThat(run.out()).contains("likely a zip bomb").doesNotContain("root:x:0:0");
  }
}
