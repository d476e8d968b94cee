package dev.puerto.parse;

import dev.puerto.tools.Causes;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/** Turns whatever stopped the parse into a message a person can act on. */
final class Rejections {

  /** Woodstox appends the location to its messages; it is told separately here. */
  private static final String WOODSTOX_LOCATION_MARKER = "\n at [row,col";

  private Rejections() {}

  static ReportRejectedException of(String documentName, Exception failure) {
    return new ReportRejectedException(documentName + ": " + reason(failure), failure);
  }

  private static String reason(Exception failure) {
    if (failure instanceof InvalidReportException) {
      return failure.getMessage();
    }
    // The unpack layer's IOExceptions (zip bomb, truncated gzip) explain themselves; a bad byte
    // sequence is an XML problem and is better told with its position.
    Optional<IOException> input =
        cause(failure, IOException.class).filter(io -> !(io instanceof CharConversionException));
    if (input.isPresent()) {
      return input.get().getMessage();
    }
    return cause(failure, XMLStreamException.class)
        .map(Rejections::malformed)
        .orElseGet(() -> String.valueOf(failure));
  }

  private static String malformed(XMLStreamException failure) {
    String message = String.valueOf(failure.getMessage());
    int marker = message.indexOf(WOODSTOX_LOCATION_MARKER);
    String detail = (marker < 0 ? message : message.substring(0, marker)).strip();
    Location at = failure.getLocation();
    return at == null
        ? "malformed XML: " + detail
        : "malformed XML at line "
            + at.getLineNumber()
            + ", column "
            + at.getColumnNumber()
            + ": "
            + detail;
  }

  /** StAX keeps its cause in getNestedException, which older code does not chain. */
  static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
    return Causes.find(
        Causes.chain(
            failure,
            t ->
                t instanceof XMLStreamException stax && stax.getNestedException() != null
                    ? stax.getNestedException()
                    : t.getCause()),
        type);
  }
}
