package dev.puerto.tlsrpt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.puerto.parse.ReportRejectedException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one SMTP TLS report from its JSON (RFC 8460 section 4.4). Strict where the RFC is (the
 * report id, organization, dates, policy type and domain, and whole, non-negative counts are
 * required), liberal elsewhere (field names in any case, {@code mx-host} as one string, counts as
 * strings of digits, dates without seconds or offset); fields it does not name are kept as JSON.
 * Duplicate fields are rejected, since which value is meant cannot be told. Thread-safe.
 */
public final class TlsReportParser {
  private final JsonFactory factory;

  public TlsReportParser() {
    factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(TlsBounds.MAX_NESTING_DEPTH)
                    .maxNumberLength(TlsBounds.MAX_NUMBER_LENGTH)
                    .maxStringLength(TlsBounds.MAX_STRING_LENGTH)
                    .maxNameLength(TlsBounds.MAX_NAME_LENGTH)
                    .build())
            // Names come from strangers: interning them would grow the JVM's string table.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // The stream is the caller's, and messages must not quote the document.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
  }

  /**
   * Parses one JSON document (its size is bounded by the caller; nesting, numbers, strings and the
   * count of policies and failure details are bounded here). The stream is read up to the end of
   * the report, or to where it is rejected, and not closed.
   *
   * @param name the document, for messages (they start with it)
   * @throws ReportRejectedException when the JSON is no SMTP TLS report Puerto can store
   */
  public TlsReport parse(String name, InputStream json) throws ReportRejectedException {
    JsonParser parser;
    try {
      parser = factory.createParser(json);
    } catch (IOException e) {
      throw new ReportRejectedException(name + ": " + e.getMessage(), e);
    }
    try (parser) {
      return new TlsJsonReader(parser, factory).report(name);
    } catch (TlsRejection e) {
      throw new ReportRejectedException(name + ": " + e.getMessage(), e);
    } catch (StreamConstraintsException e) {
      throw new ReportRejectedException(
          name
              + ": "
              + withoutApiName(e.getOriginalMessage())
              + ", at "
              // The start of the token that is too long or too deep, not how far Jackson read.
              + TlsJsonReader.where(parser.currentTokenLocation()),
          e);
    } catch (JsonEOFException e) {
      throw new ReportRejectedException(
          name
              + ": the JSON ends before the report does (truncated?), at "
              + TlsJsonReader.where(parser.currentLocation()),
          e);
    } catch (JsonProcessingException e) {
      throw new ReportRejectedException(
          name
              + ": malformed JSON at "
              + TlsJsonReader.where(location(e, parser))
              + ": "
              + withoutSource(e.getOriginalMessage()),
          e);
    } catch (CharConversionException e) {
      // Bytes that are no UTF-8 (or UTF-16 or UTF-32) text; Jackson does not give a position.
      throw new ReportRejectedException(name + ": malformed JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      // The unpack layer's exceptions (truncated gzip, size limit) explain themselves.
      throw new ReportRejectedException(name + ": " + e.getMessage(), e);
    }
  }

  /** Where Jackson found the problem, or where the parser is when it did not say. */
  private static JsonLocation location(JsonProcessingException e, JsonParser parser) {
    return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
  }

  /**
   * Jackson's messages may point at an earlier position ("for Array starting at [Source: REDACTED
   * ...; line: 1, column: 153]"); the source is never quoted, so only the position is kept.
   */
  private static String withoutSource(String message) {
    return String.valueOf(message)
        .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
  }

  /** Jackson names the method that sets a limit; a person reading the message needs the limit. */
  private static String withoutApiName(String message) {
    return String.valueOf(message).replaceAll(", from `[^`]*`", "");
  }
}
