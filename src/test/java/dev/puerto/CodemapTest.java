package dev.puerto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's codemap says which packages each package uses; the imports must agree. */
class CodemapTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/puerto");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.puerto\\.([a-z][a-z0-9]*)[.;]", Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("`([a-z][a-z0-9]*)(?:\\.[a-z.]+)?`");

  @Test
  void every_package_has_a_row_whose_uses_are_the_packages_it_imports() throws IOException {
    assertThat(codemap()).isEqualTo(imports());
  }

  @Test
  void every_package_says_what_it_does_and_must_not_know() throws IOException {
    for (String name : imports().keySet()) {
      assertThat(SOURCES.resolve(name).resolve("package-info.java")).as(name).isRegularFile();
    }
  }

  /** Package to the other Puerto packages its main sources import. */
  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> packages = Files.list(SOURCES)) {
      for (Path dir : packages.filter(Files::isDirectory).toList()) {
        String name = dir.getFileName().toString();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
              used.add(m.group(1));
            }
          }
        }
        used.remove(name);
        uses.put(name, used);
      }
    }
    return uses;
  }

  /** Package to the packages its codemap row names in the "uses" column. */
  private static Map<String, Set<String>> codemap() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("| package |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Map<String, Set<String>> uses = new TreeMap<>();
    for (String row : table.lines().skip(2).toList()) {
      String[] cells = row.split("\\|");
      String name = names(cells[1]).iterator().next();
      Set<String> used = names(cells[cells.length - 1]);
      used.remove(name);
      uses.put(name, used);
    }
    return uses;
  }

  private static Set<String> names(String cell) {
    Matcher m = NAME.matcher(cell);
    return m.results().map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
  }
}
