package dev.puerto.parse;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX readers that cannot be turned against the machine (XXE, entity expansion). */
final class SecureXml {
  static final String DTD_REJECTED =
      "document type declarations are not accepted (XXE / entity expansion protection)";

  private SecureXml() {}

  /**
   * A fresh factory per document: the JDK factory is not specified to be thread-safe, and creating
   * one is cheap next to parsing.
   */
  static XMLStreamReader reader(InputStream xml) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // With no DTD no entity can be declared, so replacing leaves only the five predefined ones and
    // makes an undeclared reference a well-formedness error instead of a silently dropped event.
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    return factory.createXMLStreamReader(xml);
  }
}
