package dev.puerto.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Whether a database's schema is already at the newest migration this build carries. When it is,
 * opening the database costs a look at Flyway's history table instead of loading Flyway, scanning
 * the migrations and validating them (a tenth of a short command's time once its classes come from
 * a shared archive); when it is not, or when anything about the history is unusual (a failed
 * migration, a newer schema, no history), Flyway decides as before.
 */
final class SchemaHistory {
  static final String LOCATION = "db/migration";

  private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");
  static final Table<?> HISTORY = DSL.table(DSL.name("flyway_schema_history"));
  static final Field<String> VERSION = DSL.field(DSL.name("version"), String.class);
  static final Field<Boolean> SUCCESS = DSL.field(DSL.name("success"), Boolean.class);
  static final Field<Integer> RANK = DSL.field(DSL.name("installed_rank"), Integer.class);

  private SchemaHistory() {}

  /** True when every recorded migration succeeded and the last one is {@code newest}. */
  static boolean isAt(Connection connection, String newest) {
    return whyNotAt(connection, newest).isEmpty();
  }

  /**
   * Why the schema is not at {@code newest}, or empty when every recorded migration succeeded and
   * the last one is {@code newest}: for a database Puerto may not migrate (a read-only standby),
   * this is the message.
   */
  static Optional<String> whyNotAt(Connection connection, String newest) {
    DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
    boolean exists =
        dsl.select(DSL.field("to_regclass({0})", Object.class, DSL.val(HISTORY.getName())))
                .fetchOne(0)
            != null;
    if (!exists) {
      return Optional.of("it has no Puerto schema (no table " + HISTORY.getName() + ")");
    }
    var rows = dsl.select(VERSION, SUCCESS).from(HISTORY).orderBy(RANK).fetch();
    if (rows.stream().anyMatch(r -> !Boolean.TRUE.equals(r.value2()))) {
      return Optional.of("a migration failed there");
    }
    Optional<String> last =
        rows.stream().map(r -> r.value1()).filter(v -> v != null).reduce((a, b) -> b);
    if (last.isEmpty()) {
      return Optional.of("its schema history records no migration");
    }
    if (last.get().equals(newest)) {
      return Optional.empty();
    }
    return Optional.of(
        "its schema is at version "
            + last.get()
            + (behind(last.get(), newest)
                ? ", behind the version " + newest + " this Puerto needs"
                : ", newer than the version " + newest + " this Puerto knows: upgrade Puerto"));
  }

  private static boolean behind(String version, String newest) {
    try {
      return compareParts(parts(version), parts(newest)) < 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The newest versioned migration on the class path, e.g. "9" for V9__x.sql; empty if unknown. */
  static Optional<String> newestMigration(ClassLoader loader) {
    try (Stream<String> names = migrationNames(loader)) {
      return names
          .map(VERSIONED::matcher)
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .max(Comparator.comparing(SchemaHistory::parts, SchemaHistory::compareParts));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty(); // Flyway then lists them and says what is wrong
    }
  }

  private static Stream<String> migrationNames(ClassLoader loader) throws IOException {
    URL location = loader.getResource(LOCATION);
    if (location == null) {
      return Stream.empty();
    }
    if (location.openConnection() instanceof JarURLConnection jar) {
      String prefix = LOCATION + "/";
      return jar.getJarFile().stream()
          .map(entry -> entry.getName())
          .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
          .map(name -> name.substring(prefix.length()));
    }
    try {
      return Files.list(Path.of(location.toURI())).map(path -> path.getFileName().toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Stream.empty();
    }
  }

  private static List<BigInteger> parts(String version) {
    return Arrays.stream(version.split("[._]")).map(BigInteger::new).toList();
  }

  private static int compareParts(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
