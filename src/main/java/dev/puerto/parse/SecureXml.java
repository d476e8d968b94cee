package dev.puerto.parse;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers (Woodstox) that cannot be turned against the machine: no DTD, no external entity,
 * bounded nesting and attribute sizes. They read a sequence of documents, each with its own XML
 * declaration, as one stream: two gzip members that each hold a report decompress to exactly that.
 */
final class SecureXml {
  static final String DTD_REJECTED =
      "document type declarations are not accepted (XXE / entity expansion protection)";

  /** Real reports nest six levels; wrappers add a few. */
  private static final int MAX_DEPTH = 64;

  private static final int MAX_ATTRIBUTES = 100;
  private static final int MAX_ATTRIBUTE_CHARS = 64 * 1024;

  /** Configured once; Woodstox factories are thread-safe for creating readers. */
  private final XMLInputFactory factory = configured();

  XMLStreamReader reader(InputStream xml) throws XMLStreamException {
    return factory.createXMLStreamReader(xml);
  }

  private static XMLInputFactory configured() {
    WstxInputFactory factory = new WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // With no DTD no entity can be declared, so replacing leaves only the five predefined ones and
    // makes an undeclared reference a well-formedness error instead of a silently dropped event.
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    factory.setProperty(
        WstxInputProperties.P_INPUT_PARSING_MODE, WstxInputProperties.PARSING_MODE_DOCUMENTS);
    // Errors then come from next(), never later from a getter in the middle of JAXB's work.
    factory.setProperty(WstxInputProperties.P_LAZY_PARSING, false);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, MAX_ATTRIBUTE_CHARS);
    return factory;
  }
}
