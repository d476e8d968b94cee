package dev.puerto.parse;

import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import dev.puerto.parse.xml.PolicyPublishedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.ReportMetadataType;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A {@code feedback} document as a stream of its top-level sections, in document order. JAXB binds
 * one section at a time, so memory does not grow with the number of records; unknown elements (RFC
 * 9990 {@code extension}, vendor additions) are skipped without being bound.
 */
final class FeedbackSections implements AutoCloseable {
  private final XMLStreamReader xml;
  private final Unmarshaller unmarshaller;
  private final String rootNamespace;
  private final ActiveCoordinator coordinator = new ActiveCoordinator();
  private boolean ended;

  private FeedbackSections(XMLStreamReader xml, Unmarshaller unmarshaller, String rootNamespace) {
    this.xml = xml;
    this.unmarshaller = unmarshaller;
    this.rootNamespace = rootNamespace;
  }

  /** Reads the prolog and the root start tag, rejecting a DOCTYPE and any root but feedback. */
  static FeedbackSections open(InputStream in, Unmarshaller unmarshaller)
      throws IOException, XMLStreamException {
    XMLStreamReader raw = SecureXml.reader(PrologCleaner.clean(in));
    int event = raw.next();
    while (event != START_ELEMENT) {
      if (event == DTD) {
        throw new InvalidReportException(SecureXml.DTD_REJECTED);
      }
      event = raw.next();
    }
    if (!raw.getLocalName().equalsIgnoreCase("feedback")) {
      throw new InvalidReportException(
          "not a DMARC aggregate report: root element is <" + raw.getLocalName() + ">");
    }
    String namespace = raw.getNamespaceURI();
    raw.next();
    return new FeedbackSections(
        new NamespaceBlindReader(raw),
        unmarshaller,
        namespace == null || namespace.isEmpty() ? null : namespace);
  }

  /** The namespace of the root element, or null when it has none. */
  String rootNamespace() {
    return rootNamespace;
  }

  /** The next section, or null after {@code </feedback>}. */
  Section next() throws XMLStreamException, JAXBException {
    while (!ended) {
      int event = xml.getEventType();
      if (event == START_ELEMENT) {
        Section section = read(xml.getLocalName());
        if (section != null) {
          return section;
        }
      } else if (event == END_ELEMENT || event == END_DOCUMENT) {
        ended = true;
      } else {
        xml.next();
      }
    }
    return null;
  }

  /** Consumes one element and, like JAXB, leaves the reader on the event after its end tag. */
  private Section read(String element) throws XMLStreamException, JAXBException {
    return switch (element) {
      case "report_metadata" -> new Section.Metadata(bind(ReportMetadataType.class));
      case "policy_published" -> new Section.Policy(bind(PolicyPublishedType.class));
      case "record" -> new Section.Record(bind(RecordType.class));
      case "version" -> {
        String text = xml.getElementText();
        xml.next();
        yield new Section.Version(text);
      }
      default -> {
        skipElement();
        yield null;
      }
    };
  }

  private <T> T bind(Class<T> type) throws JAXBException {
    coordinator.enter();
    try {
      return unmarshaller.unmarshal(xml, type).getValue();
    } finally {
      coordinator.leave();
    }
  }

  private void skipElement() throws XMLStreamException {
    for (int depth = 1; depth > 0; ) {
      int event = xml.next();
      if (event == START_ELEMENT) {
        depth++;
      } else if (event == END_ELEMENT) {
        depth--;
      }
    }
    xml.next();
  }

  @Override
  public void close() throws XMLStreamException {
    xml.close();
  }
}
