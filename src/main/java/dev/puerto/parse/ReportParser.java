package dev.puerto.parse;

import dev.puerto.parse.xml.PolicyPublishedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.ReportMetadataType;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.InputStream;

/**
 * Parses DMARC aggregate reports (RFC 7489 and RFC 9990) securely and in constant memory.
 * Thread-safe and reusable; create one and keep it, because the JAXB context behind it is costly.
 */
public final class ReportParser {
  private final JAXBContext jaxb;

  public ReportParser() {
    try {
      jaxb =
          JAXBContext.newInstance(
              ReportMetadataType.class, PolicyPublishedType.class, RecordType.class);
    } catch (JAXBException e) {
      throw new IllegalStateException("JAXB bindings for aggregate reports are broken", e);
    }
  }

  /**
   * Reads the document up to its first {@code <record>} (or its end) and validates the header. The
   * caller closes the returned reader and the stream.
   */
  public ReportReader open(String name, InputStream xml) throws ReportRejectedException {
    try {
      return ReportReader.open(name, xml, jaxb.createUnmarshaller());
    } catch (JAXBException e) {
      throw new IllegalStateException("cannot create a JAXB unmarshaller", e);
    }
  }
}
