package dev.puerto.summary;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HTML example under src/site/ that the README shows: {@code puerto summary --week 2026-W11
 * --domain example.com --format html} after {@code puerto import reports-samples}. The inputs of
 * reports-samples/bad/ are received now, not in 2026-W11, so the example has none of them.
 * SiteExampleTest checks that the committed file is what this writes.
 *
 * <p>Write it again (on an empty database), then the picture with headless Chromium:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *   dev.puerto.summary.SiteExample "jdbc:postgresql://127.0.0.1:5432/EMPTY?user=postgres" src/site
 * chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
 *   --disable-component-update --disable-sync --user-data-dir=$(mktemp -d) --hide-scrollbars \
 *   --window-size=1000,2000 --screenshot=src/site/summary-example.png file://$PWD/src/site/summary-example.html
 * </pre>
 */
public final class SiteExample {
  static final Path FILE = Path.of("src/site/summary-example.html");

  private SiteExample() {}

  public static void main(String[] args) throws Exception {
    try (Database database =
        Database.open(new DatabaseSettings(args[0], null, null, Path.of("unused-home")))) {
      Path out = Path.of(args.length > 1 ? args[1] : "src/site").resolve(FILE.getFileName());
      Files.writeString(out, html(database), StandardCharsets.UTF_8);
      System.out.println("wrote " + out);
    }
  }

  /** Imports the importable samples into an empty database and renders the example. */
  static String html(Database database) throws IOException {
    List<String> files;
    try (Stream<Path> listing = Files.list(SampleData.SAMPLES)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".md"))
              .map(Path::toString)
              .sorted()
              .toList();
    }
    SampleData.importFiles(database, files);
    return SummaryFormat.HTML.render(
        new Summarizer(new SummaryReader(database.dsl()))
            .summarize(SampleData.W11, List.of("example.com")));
  }
}
