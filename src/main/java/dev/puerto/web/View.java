package dev.puerto.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page as every format shows it: the template {@code name + ".jte"} draws {@code model} with
 * {@code tables} for people, {@code /api/...} writes {@code facts} and {@code tables} as JSON, and
 * {@code ?format=csv} writes one of the tables.
 *
 * @param name the page's name: its template, and {@code page} in its JSON
 * @param facts what the page says besides its tables, in the order the JSON gives it
 */
record View(
    String name, String title, Object model, Map<String, Object> facts, List<Table> tables) {
  View {
    facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    tables = List.copyOf(tables);
  }

  /** The table a template names; a name the page does not have is a bug, found by the tests. */
  Table get(String key) {
    return table(key)
        .orElseThrow(() -> new IllegalArgumentException("page " + name + " has no table " + key));
  }

  Optional<Table> table(String key) {
    return tables.stream().filter(t -> t.key().equals(key)).findFirst();
  }

  /** The table a CSV download without {@code ?table=} gets: the page's main one. */
  Table mainTable() {
    return tables.get(0);
  }
}
