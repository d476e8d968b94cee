package dev.puerto.cli;

import dev.puerto.terminal.ControlChars;
import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.JSONFormat;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.TXTFormat;
import org.jooq.XML;
import org.jooq.impl.DSL;
import org.postgresql.util.PGobject;

/**
 * Prints the rows of a statement in one of the {@link SqlFormat}s. Tables are jOOQ's {@code format}
 * and JSON its {@code formatJSON}, CSV and TSV are written here with the same text for each value.
 * Text is escaped where the format needs it: in a table, control characters, new lines and tabs
 * become visible escapes so that a cell stays on its line; in TSV, as PostgreSQL's COPY text format
 * has it; in CSV, quoting does it for new lines and the output writer escapes other control
 * characters ({@link dev.puerto.terminal.ControlChars}), as it does for what jOOQ's JSON leaves raw
 * (jsonb values), keeping both valid.
 */
final class SqlOutput {
  private final SqlFormat format;
  private final boolean terminal;
  private final PrintWriter out;

  SqlOutput(SqlFormat format, boolean terminal, PrintWriter out) {
    this.format = format;
    this.terminal = terminal;
    this.out = out;
  }

  void print(Result<Record> result) {
    switch (format) {
      case TABLE -> {
        out.print(
            escaped(result, ControlChars::escapeLine, false)
                .format(
                    new TXTFormat()
                        .maxRows(Integer.MAX_VALUE)
                        .maxColWidth(terminal ? SqlCommand.TERMINAL_CELL_WIDTH : Integer.MAX_VALUE)
                        .horizontalTableBorder(false)));
        out.printf("(%,d row%s)%n", result.size(), result.size() == 1 ? "" : "s");
      }
      case CSV -> delimited(result, ",", SqlOutput::csvField, "");
      case TSV -> delimited(result, "\t", SqlOutput::copyText, "\\N");
      case JSON -> {
        out.print(
            escaped(result, UnaryOperator.identity(), true)
                .formatJSON(
                    new JSONFormat()
                        .header(false)
                        .recordFormat(JSONFormat.RecordFormat.OBJECT)
                        .format(true)));
        out.println();
      }
    }
    out.flush();
  }

  /** What a statement without rows did; on stdout for a table, on stderr for the data formats. */
  void printUpdateCount(int count, boolean write, PrintWriter err) {
    String line =
        count > 0
            ? String.format("(%,d row%s changed)", count, count == 1 ? "" : "s")
            : write ? "OK" : "OK (nothing changed)";
    (format == SqlFormat.TABLE ? out : err).println(line);
  }

  /**
   * One line per row, the column names first: each value as {@link #text}, passed through {@code
   * field}; NULL as {@code nullField}. Written here rather than with jOOQ's {@code formatCSV},
   * which doubles backslashes inside quoted fields (RFC 4180 has no escape but {@code ""}).
   */
  private void delimited(
      Result<Record> result, String delimiter, UnaryOperator<String> field, String nullField) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < result.fields().length; i++) {
      line.append(i == 0 ? "" : delimiter).append(field.apply(result.field(i).getName()));
    }
    out.print(line.append('\n'));
    for (Record record : result) {
      line.setLength(0);
      for (int i = 0; i < record.size(); i++) {
        Object value = record.get(i);
        line.append(i == 0 ? "" : delimiter)
            .append(value == null ? nullField : field.apply(text(value)));
      }
      out.print(line.append('\n'));
    }
  }

  /**
   * A value as text, as jOOQ's table format shows it: arrays as {@code [a, b]}, binary data in
   * Base64, timestamps in ISO 8601, JSON as it is.
   */
  static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Object[] array) {
      StringBuilder joined = new StringBuilder("[");
      for (int i = 0; i < array.length; i++) {
        joined.append(i == 0 ? "" : ", ").append(array[i] == null ? "null" : text(array[i]));
      }
      return joined.append(']').toString();
    }
    if (value instanceof JSONB json) {
      return json.data();
    }
    if (value instanceof JSON json) {
      return json.data();
    }
    if (value instanceof XML xml) {
      return xml.data();
    }
    if (value instanceof PGobject object) {
      return object.getValue();
    }
    return String.valueOf(value);
  }

  /** An RFC 4180 field: quoted when it holds a comma, a quote or a line break, or is empty. */
  static String csvField(String text) {
    if (text.isEmpty()) {
      return "\"\"";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + text.replace("\"", "\"\"") + '"';
      }
    }
    return text;
  }

  /**
   * A copy of {@code result} with the text in its values and column names passed through {@code
   * escape}; with {@code uniqueNames}, a repeated column name gets {@code _2}, {@code _3}, ... (a
   * JSON object would keep only one of them).
   */
  private static Result<Record> escaped(
      Result<Record> result, UnaryOperator<String> escape, boolean uniqueNames) {
    DSLContext dsl = DSL.using(result.configuration());
    Field<?>[] fields = new Field<?>[result.fields().length];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < fields.length; i++) {
      Field<?> field = result.field(i);
      String name = escape.apply(field.getName());
      if (uniqueNames) {
        int n = seen.merge(name, 1, Integer::sum);
        name = n == 1 ? name : name + "_" + n;
      }
      fields[i] = DSL.field(DSL.name(name), field.getDataType());
    }
    Result<Record> copy = dsl.newResult(fields);
    for (Record record : result) {
      Record escapedRecord = dsl.newRecord(fields);
      for (int i = 0; i < fields.length; i++) {
        @SuppressWarnings("unchecked")
        Field<Object> field = (Field<Object>) fields[i];
        escapedRecord.set(field, escapeValue(record.get(i), escape));
      }
      escapedRecord.changed(false);
      copy.add(escapedRecord);
    }
    return copy;
  }

  /** The value with the text in it escaped; types that hold no text are returned as they are. */
  static Object escapeValue(Object value, UnaryOperator<String> escape) {
    if (value instanceof String text) {
      return escape.apply(text);
    }
    if (value instanceof JSONB json) {
      return JSONB.jsonb(escape.apply(json.data()));
    }
    if (value instanceof JSON json) {
      return JSON.json(escape.apply(json.data()));
    }
    if (value instanceof XML xml) {
      return XML.xml(escape.apply(xml.data()));
    }
    if (value instanceof PGobject object && object.getValue() != null) {
      PGobject copy = new PGobject();
      copy.setType(object.getType());
      try {
        copy.setValue(escape.apply(object.getValue()));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return copy;
    }
    if (value != null
        && value.getClass().isArray()
        && !value.getClass().getComponentType().isPrimitive()) {
      int length = Array.getLength(value);
      Object copy = Array.newInstance(value.getClass().getComponentType(), length);
      for (int i = 0; i < length; i++) {
        Array.set(copy, i, escapeValue(Array.get(value, i), escape));
      }
      return copy;
    }
    return value;
  }

  /**
   * A value in PostgreSQL's COPY text format: backslash, tab, new line and carriage return as
   * {@code \\}, {@code \t}, {@code \n}, {@code \r}; other control characters as the bytes of their
   * UTF-8 encoding, {@code \x1b} (COPY reads those back to the same characters).
   */
  static String copyText(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (ControlChars.unsafe(c)) {
            for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
              out.append(String.format("\\x%02x", b & 0xff));
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
