package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.store.Database;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTML example the README links to is what the current renderer writes. */
@ExtendWith(PostgresExtension.class)
class SiteExampleTest {
  @Test
  void the_committed_example_is_up_to_date(TestDatabase testDatabase) throws Exception {
    String fresh;
    try (Database database = testDatabase.open()) {
      fresh = SiteExample.html(database);
    }
    assertThat(Files.readString(SiteExample.FILE, StandardCharsets.UTF_8))
        .as("src/site/summary-example.html is stale: regenerate it with SiteExample (see there)")
        .isEqualTo(fresh);
    assertThat(fresh).doesNotContain("`").contains(">puerto analyze</code>");
  }
}
