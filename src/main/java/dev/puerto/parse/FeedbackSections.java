package dev.puerto.parse;

import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import dev.puerto.parse.xml.PolicyPublishedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.ReportMetadataType;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.annotation.XmlElement;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * One {@code feedback} element as a stream of its top-level sections, in document order. JAXB binds
 * one section at a time, so memory does not grow with the number of records.
 *
 * <p>RFC 9990 extensions are kept as XML text, never bound: at report level every {@code
 * <extension>} child of {@code <feedback>}, wherever it is (the RFC allows one, after {@code
 * <policy_published>}); at record level every child of {@code <record>} that the record does not
 * bind (the RFC's {@code xs:any} after {@code <auth_results>}, an {@code <extension>} element
 * included). Other unknown top-level elements (vendor additions) are skipped.
 */
final class FeedbackSections {
  /** The children of {@code <record>} that JAXB binds, as the schema names them. */
  private static final Set<String> RECORD_CHILDREN = elementNames(RecordType.class);

  private final NamespaceBlindReader xml;
  private final Unmarshaller unmarshaller;
  private final String namespace;
  private final int feedbackDepth;
  private final ActiveCoordinator coordinator = new ActiveCoordinator();
  private final ExtensionText extensions = new ExtensionText();
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

  /**
   * The report's {@code <extension>} elements read so far as one XML document (see {@link
   * ExtensionText}), or null when there were none; all of them once {@link #next} returned null.
   */
  String extensions() {
    return extensions.text();
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
      case "record" -> {
        ExtensionText recordExtensions = new ExtensionText();
        RecordType record = bind("record " + (records + 1), RecordType.class, recordExtensions);
        yield new Section.Record(record, recordExtensions.text());
      }
      case "version" -> {
        String text = xml.getElementText();
        xml.next();
        yield new Section.Version(text);
      }
      case "extension" -> {
        xml.keepElement(extensions);
        yield null;
      }
      default -> {
        skipElement();
        yield null;
      }
    };
  }

  private <T> T bind(String section, Class<T> type) throws JAXBException {
    return bind(section, type, null);
  }

  /** Binds a section; its unbound children go to {@code extensions} unless that is null. */
  private <T> T bind(String section, Class<T> type, ExtensionText extensions) throws JAXBException {
    if (type == RecordType.class) {
      records++;
    }
    coordinator.enter();
    if (extensions == null) {
      xml.startSection();
    } else {
      xml.startSection(extensions, RECORD_CHILDREN);
    }
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

  /** The element names JAXB binds a generated class's fields to (its default: the field name). */
  private static Set<String> elementNames(Class<?> type) {
    Set<String> names = new HashSet<>();
    for (Field field : type.getDeclaredFields()) {
      XmlElement element = field.getAnnotation(XmlElement.class);
      names.add(
          element == null || element.name().equals("##default") ? field.getName() : element.name());
    }
    return Set.copyOf(names);
  }
}
