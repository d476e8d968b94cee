package dev.puerto.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A page's tables as CSV and its facts and tables as JSON: raw values (a rate as a share from 0 to
 * 1, a time in ISO 8601 UTC), named by the columns' keys, so that CSV headers and JSON fields are
 * the same words.
 */
final class Exports {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Exports() {}

  /** Writes {@code table} to {@code out} and flushes it; {@code out} stays open (its caller's). */
  static void csv(Table table, Writer out) throws IOException {
    CSVPrinter printer = CSVFormat.RFC4180.builder().get().print(out);
    printer.printRecord(table.columns().stream().map(Table.Column::key).toList());
    for (Table.Row row : table.rows()) {
      printer.printRecord(row.cells().stream().map(Exports::csvCell).toList());
    }
    printer.flush();
  }

  /**
   * A text that a spreadsheet would take for a formula (=, +, -, @, tab, CR) is prefixed with an
   * apostrophe: org names and origins come from strangers.
   */
  static String csvCell(Object value) {
    Object plain = plain(value);
    if (plain == null) {
      return "";
    }
    String text = plain instanceof List<?> list ? joined(list) : plain.toString();
    if (!(plain instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  /** The items space-separated, a null as an empty item: the n-th item stays the n-th. */
  private static String joined(List<?> list) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        s.append(' ');
      }
      Object o = list.get(i);
      s.append(o == null ? "" : o);
    }
    return s.toString();
  }

  static String json(View view) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("page", view.name());
    view.facts().forEach((k, v) -> root.set(k, node(v)));
    for (Table t : view.tables()) {
      ArrayNode rows = root.putArray(t.key());
      for (Table.Row row : t.rows()) {
        ObjectNode o = rows.addObject();
        for (int i = 0; i < t.columns().size(); i++) {
          o.set(t.columns().get(i).key(), node(row.cells().get(i)));
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value a cell stands for: a link's text, a spark's rates, a badge's words. */
  private static Object plain(Object value) {
    if (value instanceof Table.Link link) {
      return link.text();
    }
    if (value instanceof Table.Spark spark) {
      return spark.rates();
    }
    if (value instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> v instanceof Table.Badge b ? b.text() : plain(v)).toList();
    }
    return value;
  }

  private static JsonNode node(Object value) {
    Object plain = plain(value);
    if (plain instanceof Map<?, ?> map) {
      ObjectNode o = MAPPER.createObjectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), node(v)));
      return o;
    }
    if (plain instanceof List<?> list) {
      ArrayNode a = MAPPER.createArrayNode();
      list.forEach(v -> a.add(node(v)));
      return a;
    }
    return MAPPER.valueToTree(
        plain == null
            ? null
            : plain instanceof Number || plain instanceof Boolean ? plain : plain.toString());
  }
}
