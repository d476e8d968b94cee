package dev.puerto.tlsrpt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one entry that RFC 8460 does not name (or whose value Puerto cannot use), in the
 * order sent, rendered as one compact JSON object. Those found inside a known object (a policy's
 * {@code policy} or {@code summary}, the report's {@code date-range}) go into a section named after
 * it, so {@code {"x":1,"summary":{"x":2}}} keeps both without a clash: a known name never is an
 * unknown field at the same level.
 */
final class UnknownFields {
  private static final String NONE = "{}";

  /** One field's value, written when the object is rendered. */
  private interface Value {
    void write(JsonGenerator out) throws IOException;
  }

  private record Field(String name, Value value) {}

  private final JsonFactory factory;
  private final List<Field> fields = new ArrayList<>();
  private final Map<String, UnknownFields> sections = new HashMap<>();

  UnknownFields(JsonFactory factory) {
    this.factory = factory;
  }

  /** A field whose value is JSON text, as the copier wrote it. */
  void addJson(String name, String json) {
    fields.add(new Field(name, out -> out.writeRawValue(json)));
  }

  /** A field whose value is a string, such as an IP field that holds no IP literal. */
  void addString(String name, String value) {
    fields.add(new Field(name, out -> out.writeString(value)));
  }

  /** The unknown fields found inside the known object {@code name}. */
  UnknownFields section(String name) {
    return sections.computeIfAbsent(
        name,
        key -> {
          UnknownFields section = new UnknownFields(factory);
          fields.add(new Field(key, out -> out.writeRawValue(section.json())));
          return section;
        });
  }

  boolean isEmpty() {
    return fields.stream().allMatch(field -> isEmptySection(field.name()));
  }

  /** The fields as a JSON object text, {@code "{}"} when there is none. */
  String json() {
    if (isEmpty()) {
      return NONE;
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      out.writeStartObject();
      for (Field field : fields) {
        if (!isEmptySection(field.name())) {
          out.writeFieldName(field.name());
          field.value().write(out);
        }
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return text.toString();
  }

  private boolean isEmptySection(String name) {
    UnknownFields section = sections.get(name);
    return section != null && section.isEmpty();
  }
}
