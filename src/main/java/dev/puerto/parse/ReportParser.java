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
  private final SecureXml secureXml = new SecureXml();

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
   * Opens an XML document to read the reports in it one by one. The caller closes the returned
   * document and the stream.
   *
   * @throws ReportRejectedException when the stream holds no XML at all
   */
  public FeedbackDocument open(String name, InputStream xml) throws ReportRejectedException {
    return FeedbackDocument.open(name, xml, secureXml, jaxb);
  }
}
