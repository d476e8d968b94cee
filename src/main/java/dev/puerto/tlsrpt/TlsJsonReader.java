package dev.puerto.tlsrpt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.puerto.parse.IpLiterals;
import dev.puerto.parse.StoredText;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one report's JSON token by token (one instance per document). Nothing is read into a tree:
 * each value goes straight into its record or, when RFC 8460 does not name it, is copied into the
 * entry's {@link UnknownFields}, so what is kept is bounded by {@link TlsBounds}.
 *
 * <p>Every method that reads a value starts with the parser on the value's first token and leaves
 * it on the value's last token.
 */
final class TlsJsonReader {
  private static final String NUL_REASON = "contains U+0000, which PostgreSQL text cannot hold";

  private final JsonParser json;
  private final JsonFactory factory;
  private final TlsBounds bounds = new TlsBounds();

  TlsJsonReader(JsonParser json, JsonFactory factory) {
    this.json = json;
    this.factory = factory;
  }

  /** "line 3, column 7", for messages. */
  static String where(JsonLocation location) {
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  TlsReport report(String name) throws IOException {
    JsonToken first = json.nextToken();
    if (first == null) {
      throw new TlsRejection("the document is empty");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new TlsRejection("the document is " + kind(first) + ", not a JSON object");
    }
    UnknownFields unknown = new UnknownFields(factory);
    String organization = null;
    String reportId = null;
    String contact = null;
    DateRange range = null;
    List<TlsPolicy> policies = null;
    Set<String> seen = new HashSet<>();
    for (String sent = nextField("", seen); sent != null; sent = nextField("", seen)) {
      String key = key(sent);
      switch (key) {
        case "organization-name" -> organization = requiredText(key);
        case "report-id" -> reportId = requiredText(key);
        case "contact-info" -> contact = optionalText(key, sent, unknown);
        case "date-range" -> range = dateRange(key, unknown.section(key));
        case "policies" -> policies = policies(key);
        default -> keepUnknown(at("", sent), sent, unknown);
      }
    }
    required(organization, "organization-name");
    required(reportId, "report-id");
    required(range, "date-range");
    required(policies, "policies");
    rejectDataAfterTheReport();
    return new TlsReport(
        name,
        organization,
        reportId,
        range.begin(),
        range.end(),
        contact,
        policies,
        unknown.json());
  }

  private record DateRange(Instant begin, Instant end) {}

  private DateRange dateRange(String path, UnknownFields unknown) throws IOException {
    if (!object(path)) {
      return null;
    }
    Instant begin = null;
    Instant end = null;
    Set<String> seen = new HashSet<>();
    for (String sent = nextField(path, seen); sent != null; sent = nextField(path, seen)) {
      String key = key(sent);
      switch (key) {
        case "start-datetime" -> begin = dateTime(at(path, key));
        case "end-datetime" -> end = dateTime(at(path, key));
        default -> keepUnknown(at(path, sent), sent, unknown);
      }
    }
    required(begin, at(path, "start-datetime"));
    required(end, at(path, "end-datetime"));
    if (end.isBefore(begin)) {
      throw new TlsRejection(
          at(path, "end-datetime") + " (" + end + ") is before start-datetime (" + begin + ")");
    }
    return new DateRange(begin, end);
  }

  private Instant dateTime(String path) throws IOException {
    String sent = string(path);
    return sent == null ? null : TlsValues.dateTime(sent, path);
  }

  private List<TlsPolicy> policies(String path) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType(path, "an array");
    }
    List<TlsPolicy> policies = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      bounds.policy();
      TlsPolicy policy = policy(path + "[" + policies.size() + "]");
      policies.add(policy);
    }
    return policies;
  }

  /** What {@code policy} says. */
  private record Description(
      TlsPolicyType type, String domain, List<String> strings, List<String> mxHosts) {}

  /** What {@code summary} says. */
  private record Summary(long successful, long failed) {}

  private TlsPolicy policy(String path) throws IOException {
    if (!object(path)) {
      throw new TlsRejection(path + " is null, not an object");
    }
    UnknownFields unknown = new UnknownFields(factory);
    Description description = null;
    Summary summary = null;
    List<TlsFailure> failures = List.of();
    Set<String> seen = new HashSet<>();
    for (String sent = nextField(path, seen); sent != null; sent = nextField(path, seen)) {
      String key = key(sent);
      switch (key) {
        case "policy" -> description = description(at(path, key), unknown.section(key));
        case "summary" -> summary = summary(at(path, key), unknown.section(key));
        case "failure-details" -> failures = failures(at(path, key));
        default -> keepUnknown(at(path, sent), sent, unknown);
      }
    }
    required(description, at(path, "policy"));
    required(summary, at(path, "summary"));
    return new TlsPolicy(
        description.type(),
        description.domain(),
        description.strings(),
        description.mxHosts(),
        summary.successful(),
        summary.failed(),
        failures,
        unknown.json());
  }

  private Description description(String path, UnknownFields unknown) throws IOException {
    if (!object(path)) {
      return null;
    }
    TlsPolicyType type = null;
    String domain = null;
    List<String> strings = List.of();
    List<String> mxHosts = List.of();
    Set<String> seen = new HashSet<>();
    for (String sent = nextField(path, seen); sent != null; sent = nextField(path, seen)) {
      String key = key(sent);
      switch (key) {
        case "policy-type" -> type = policyType(at(path, key));
        case "policy-domain" -> domain = StoredText.domain(requiredText(at(path, key)));
        case "policy-string" -> strings = strings(at(path, key), sent, unknown);
        case "mx-host" -> mxHosts = strings(at(path, key), sent, unknown);
        default -> keepUnknown(at(path, sent), sent, unknown);
      }
    }
    required(type, at(path, "policy-type"));
    required(domain, at(path, "policy-domain"));
    if (domain.isEmpty()) {
      throw new TlsRejection(at(path, "policy-domain") + " is blank");
    }
    return new Description(type, domain, strings, mxHosts);
  }

  private TlsPolicyType policyType(String path) throws IOException {
    String sent = requiredText(path);
    if (sent == null) {
      return null;
    }
    String value = StoredText.keyword(sent);
    for (TlsPolicyType type : TlsPolicyType.values()) {
      if (type.value().equals(value)) {
        return type;
      }
    }
    throw new TlsRejection(
        path
            + " is \""
            + TlsValues.quoted(sent)
            + "\", none of sts, tlsa and no-policy-found (RFC 8460 section 4.3)");
  }

  private Summary summary(String path, UnknownFields unknown) throws IOException {
    if (!object(path)) {
      return null;
    }
    Long successful = null;
    Long failed = null;
    Set<String> seen = new HashSet<>();
    for (String sent = nextField(path, seen); sent != null; sent = nextField(path, seen)) {
      String key = key(sent);
      switch (key) {
        case "total-successful-session-count" -> successful = count(at(path, key));
        case "total-failure-session-count" -> failed = count(at(path, key));
        default -> keepUnknown(at(path, sent), sent, unknown);
      }
    }
    required(successful, at(path, "total-successful-session-count"));
    required(failed, at(path, "total-failure-session-count"));
    return new Summary(successful, failed);
  }

  private List<TlsFailure> failures(String path) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (json.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType(path, "an array");
    }
    List<TlsFailure> failures = new ArrayList<>();
    while (json.nextToken() != JsonToken.END_ARRAY) {
      bounds.failureDetail();
      TlsFailure failure = failure(path + "[" + failures.size() + "]");
      failures.add(failure);
    }
    return failures;
  }

  private TlsFailure failure(String path) throws IOException {
    if (!object(path)) {
      throw new TlsRejection(path + " is null, not an object");
    }
    UnknownFields unknown = new UnknownFields(factory);
    String resultType = null;
    InetAddress sendingMtaIp = null;
    String receivingMxHostname = null;
    String receivingMxHelo = null;
    InetAddress receivingIp = null;
    Long failedSessions = null;
    String additionalInformation = null;
    String failureReasonCode = null;
    Set<String> seen = new HashSet<>();
    for (String sent = nextField(path, seen); sent != null; sent = nextField(path, seen)) {
      String key = key(sent);
      String field = at(path, key);
      switch (key) {
        case "result-type" -> resultType = StoredText.keyword(requiredText(field));
        case "sending-mta-ip" -> sendingMtaIp = ip(field, sent, unknown);
        case "receiving-mx-hostname" ->
            receivingMxHostname = StoredText.domain(optionalText(field, sent, unknown));
        case "receiving-mx-helo" -> receivingMxHelo = optionalText(field, sent, unknown);
        case "receiving-ip" -> receivingIp = ip(field, sent, unknown);
        case "failed-session-count" -> failedSessions = count(field);
        case "additional-information" -> additionalInformation = optionalText(field, sent, unknown);
        case "failure-reason-code" -> failureReasonCode = optionalText(field, sent, unknown);
        default -> keepUnknown(at(path, sent), sent, unknown);
      }
    }
    required(resultType, at(path, "result-type"));
    required(failedSessions, at(path, "failed-session-count"));
    return new TlsFailure(
        resultType,
        sendingMtaIp,
        receivingMxHostname,
        receivingMxHelo,
        receivingIp,
        failedSessions,
        additionalInformation,
        failureReasonCode,
        unknown.json());
  }

  /** An IP literal; anything else is kept, as sent, with the unknown fields. */
  private InetAddress ip(String path, String sent, UnknownFields unknown) throws IOException {
    if (json.currentToken().isStructStart()) {
      keepUnknown(path, sent, unknown);
      return null;
    }
    String value = string(path);
    if (value == null) {
      return null;
    }
    Optional<InetAddress> address = IpLiterals.parse(value.strip());
    if (address.isEmpty()) {
      bounds.keep(sent.length() + value.length());
      unknown.addString(sent, value);
    }
    return address.orElse(null);
  }

  /**
   * {@code policy-string} or {@code mx-host}: an array of strings, or (as some reporters send
   * {@code mx-host}) one string.
   */
  private List<String> strings(String path, String sent, UnknownFields unknown) throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.START_OBJECT) {
      keepUnknown(path, sent, unknown);
      return List.of();
    }
    List<String> values = new ArrayList<>();
    if (token == JsonToken.START_ARRAY) {
      while (json.nextToken() != JsonToken.END_ARRAY) {
        String entry = path + "[" + values.size() + "]";
        if (json.currentToken().isStructStart()) {
          throw wrongType(entry, "a string");
        }
        addEntry(values, string(entry));
      }
    } else {
      addEntry(values, string(path));
    }
    return values;
  }

  private void addEntry(List<String> values, String sent) {
    if (sent != null) {
      bounds.listEntry();
      values.add(kept(TlsValues.text(sent)));
    }
  }

  private Long count(String path) throws IOException {
    JsonToken token = json.currentToken();
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          TlsValues.count(json.getDecimalValue(), json.getText(), path);
      case VALUE_STRING -> TlsValues.count(string(path), path);
      case VALUE_NULL -> null;
      default -> throw wrongType(path, "a number");
    };
  }

  private String requiredText(String path) throws IOException {
    if (json.currentToken().isStructStart()) {
      throw wrongType(path, "a string");
    }
    String value = TlsValues.text(string(path));
    if (value != null && value.isEmpty()) {
      throw new TlsRejection(path + " is blank");
    }
    return kept(value);
  }

  /** Text RFC 8460 names but does not require; a value that is no text is kept as unknown. */
  private String optionalText(String path, String sent, UnknownFields unknown) throws IOException {
    if (json.currentToken().isStructStart()) {
      keepUnknown(path, sent, unknown);
      return null;
    }
    return kept(TlsValues.text(string(path)));
  }

  /** A scalar as text ({@code 42} is {@code "42"}); null for JSON {@code null}. */
  private String string(String path) throws IOException {
    JsonToken token = json.currentToken();
    return switch (token) {
      case VALUE_STRING -> storable(json.getText(), path);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> json.getText();
      case VALUE_NULL -> null;
      default -> throw wrongType(path, "a string");
    };
  }

  private String kept(String value) {
    if (value != null) {
      bounds.keep(value.length());
    }
    return value;
  }

  /**
   * True on an object's start, false on {@code null}; the object's fields are then read with {@link
   * #nextField}.
   */
  private boolean object(String path) {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    if (token != JsonToken.START_OBJECT) {
      throw wrongType(path, "an object");
    }
    return true;
  }

  /**
   * The next field's name as sent, the parser on its value; null at the object's end. Names are
   * compared ignoring case, so {@code Report-ID} after {@code report-id} is a duplicate: which of
   * two values is meant cannot be told, so a duplicate is rejected rather than one silently
   * winning.
   */
  private String nextField(String path, Set<String> seen) throws IOException {
    return nextField(path, seen, true);
  }

  private String nextField(String path, Set<String> seen, boolean ignoreCase) throws IOException {
    if (json.nextToken() == JsonToken.END_OBJECT) {
      return null;
    }
    String sent = json.currentName();
    if (!isPlain(sent)) {
      storable(sent, "a field name in " + (path.isEmpty() ? "the report" : path));
    }
    if (!seen.add(ignoreCase ? key(sent) : sent)) {
      throw new TlsRejection(
          at(path, sent)
              + " appears twice"
              + (ignoreCase ? " (field names are compared ignoring case)" : ""));
    }
    json.nextToken();
    return sent;
  }

  private void keepUnknown(String path, String sent, UnknownFields unknown) throws IOException {
    bounds.keep(sent.length());
    unknown.addJson(sent, copy(path));
  }

  /** The current value as compact JSON text, every string checked as a known one is. */
  private String copy(String path) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      copy(out, path, null, -1);
    }
    return text.toString();
  }

  /**
   * Copies the value at {@code parent.name}, at {@code parent[index]} when {@code name} is null, or
   * at {@code parent} when {@code index} is negative too: the path is only built when needed, as an
   * array may hold millions of numbers.
   */
  private void copy(JsonGenerator out, String parent, String name, int index) throws IOException {
    // Each value is charged what it adds to the text, its quotes and separator included.
    // Recursion is as deep as the JSON, which the parser bounds at MAX_NESTING_DEPTH.
    JsonToken token = json.currentToken();
    switch (token) {
      case START_OBJECT -> {
        String path = path(parent, name, index);
        out.writeStartObject();
        Set<String> seen = new HashSet<>();
        for (String sent = nextField(path, seen, false);
            sent != null;
            sent = nextField(path, seen, false)) {
          bounds.keep(sent.length() + 3);
          out.writeFieldName(sent);
          copy(out, path, sent, 0);
        }
        out.writeEndObject();
      }
      case START_ARRAY -> {
        String path = path(parent, name, index);
        out.writeStartArray();
        for (int i = 0; json.nextToken() != JsonToken.END_ARRAY; i++) {
          copy(out, path, null, i);
        }
        out.writeEndArray();
      }
      case VALUE_STRING -> {
        String value = json.getText();
        if (!isPlain(value)) {
          storable(value, path(parent, name, index));
        }
        bounds.keep(value.length() + 3);
        out.writeString(value);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        // As sent: 1e400 is no count, but an unknown field may say it.
        String number = json.getText();
        bounds.keep(number.length() + 1);
        out.writeNumber(number);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        bounds.keep(6);
        out.writeBoolean(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        bounds.keep(5);
        out.writeNull();
      }
      default -> throw new IllegalStateException("not the start of a JSON value: " + token);
    }
  }

  private static String path(String parent, String name, int index) {
    if (name != null) {
      return at(parent, name);
    }
    return index < 0 ? parent : parent + "[" + index + "]";
  }

  /** Only whitespace may follow: two reports in one document are no report. */
  private void rejectDataAfterTheReport() throws IOException {
    JsonToken after;
    try {
      after = json.nextToken();
    } catch (JsonProcessingException garbage) {
      JsonLocation at =
          garbage.getLocation() != null ? garbage.getLocation() : json.currentLocation();
      throw new TlsRejection("data after the report, at " + where(at));
    }
    if (after != null) {
      throw new TlsRejection("data after the report, at " + where(json.currentTokenLocation()));
    }
  }

  /**
   * The value itself, or a rejection when PostgreSQL could not store it: U+0000 is not allowed in
   * its text, and a lone surrogate (JSON can escape one) is no character UTF-8 can encode.
   */
  private static String storable(String value, String path) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        throw new TlsRejection(path + " " + NUL_REASON);
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          throw new TlsRejection(
              String.format(
                  "%s contains a lone surrogate (U+%04X), which is no Unicode character",
                  path, (int) c));
        }
        i++;
      }
    }
    return value;
  }

  /** No U+0000 and no surrogate: the common case, checked without building a path. */
  private static boolean isPlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static void required(Object value, String path) {
    if (value == null) {
      throw new TlsRejection(path + " is missing");
    }
  }

  private TlsRejection wrongType(String path, String expected) {
    return new TlsRejection(path + " is " + kind(json.currentToken()) + ", not " + expected);
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(token);
    };
  }

  private static String key(String sent) {
    return sent.toLowerCase(Locale.ROOT);
  }

  private static String at(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
