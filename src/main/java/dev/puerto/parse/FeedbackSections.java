package dev.puerto.parse;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import dev.puerto.parse.xml.PolicyPublishedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.ReportMetadataType;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import javax.xml.stream.XMLStreamException;

/**
 * One {@code feedback} element as a stream of its top-level sections, in document order. JAXB binds
 * one section at a time, so memory does not grow with the number of records; unknown elements (RFC
 * 9990 {@code extension}, vendor additions) are skipped without being bound.
 */
final class FeedbackSections {
  private final NamespaceBlindReader xml;
  private final Unmarshaller unmarshaller;
  private final String namespace;
  private final int feedbackDepth;
  private final ActiveCoordinator coordinator = new ActiveCoordinator();
  private int records;
  private boolean ended;

  /**
   * @param xml positioned on the first event inside {@code <feedback>}
   * @param namespace the namespace of the feedback element, or null
   * @param feedbackDepth the reader's depth on the feedback start tag
   */
  FeedbackSections(
      NamespaceBlindReader xml, Unmarshaller unmarshaller, String namespace, int feedbackDepth) {
    this.xml = xml;
    this.unmarshaller = unmarshaller;
    this.namespace = namespace;
    this.feedbackDepth = feedbackDepth;
  }

  /** The namespace of the feedback element, or null when it has none. */
  String namespace() {
    return namespace;
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
      } else if (isFeedbackEnd(event) || event == END_DOCUMENT) {
        ended = true;
      } else {
        xml.next();
      }
    }
    return null;
  }

  /** Reads on to {@code </feedback>} without binding anything: the report was abandoned. */
  void skipToEnd() throws XMLStreamException {
    while (!ended) {
      int event = xml.getEventType();
      if (isFeedbackEnd(event) || event == END_DOCUMENT) {
        ended = true;
      } else {
        xml.next();
      }
    }
  }

  private boolean isFeedbackEnd(int event) {
    return event == END_ELEMENT && xml.depth() < feedbackDepth;
  }

  /** Consumes one element and, like JAXB, leaves the reader on the event after its end tag. */
  private Section read(String element) throws XMLStreamException, JAXBException {
    return switch (element) {
      case "report_metadata" ->
          new Section.Metadata(bind("<report_metadata>", ReportMetadataType.class));
      case "policy_published" ->
          new Section.Policy(bind("<policy_published>", PolicyPublishedType.class));
      case "record" -> new Section.Record(bind("record " + (records + 1), RecordType.class));
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

  private <T> T bind(String section, Class<T> type) throws JAXBException {
    if (type == RecordType.class) {
      records++;
    }
    coordinator.enter();
    xml.startSection();
    try {
      return unmarshaller.unmarshal(xml, type).getValue();
    } catch (JAXBException e) {
      SectionLimits.Exceeded limit = Rejections.cause(e, SectionLimits.Exceeded.class).orElse(null);
      if (limit != null) {
        throw new InvalidReportException(section + " has " + limit.getMessage());
      }
      throw e;
    } finally {
      xml.endSection();
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
}
