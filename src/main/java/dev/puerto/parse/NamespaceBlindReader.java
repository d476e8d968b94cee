package dev.puerto.parse;

import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Presents every element and attribute without namespace and with a lower-case name, so that RFC
 * 7489 reports (no namespace or {@code http://dmarc.org/dmarc-xml/0.1}), RFC 9990 reports ({@code
 * urn:ietf:params:xml:ns:dmarc-2.0}) and reporters that write {@code <Report_Metadata>} all bind to
 * the one namespace-less schema. Namespace declarations disappear with the namespaces.
 *
 * <p>It also keeps the element depth, and while a section is bound it counts the section's elements
 * and characters: JAXB would otherwise bind a record with two million {@code <dkim>} results, or a
 * text of a gigabyte, whole into the heap.
 *
 * <p>Extension elements are kept as they pass, with their namespaces, into an {@link
 * ExtensionText}: a record's children that the record does not bind (JAXB skips them), or one
 * element the caller names. Their content is not counted against the section: nothing of it is
 * bound, and the {@link ExtensionText} bounds what it keeps.
 */
final class NamespaceBlindReader extends StreamReaderDelegate {
  /**
   * The Woodstox properties by which JAXB learns that names and namespace URIs come interned, so
   * that it does not intern every name of every event again.
   */
  private static final String INTERNS_NAMES = "org.codehaus.stax2.internNames";

  private static final String INTERNS_NAMESPACE_URIS = "org.codehaus.stax2.internNsUris";

  private final LowerCaseNames names = new LowerCaseNames();
  private int depth;
  private boolean counting;
  private int elements;
  private long characters;

  /** Where the current section's extension elements go, or null when none are kept. */
  private ExtensionText keeping;

  /** The depth of the section's children, and the names of those that are not extensions. */
  private int childDepth;

  private Set<String> boundChildren = Set.of();

  /** The depth of the start tag of the element being kept, 0 when none is. */
  private int keptDepth;

  NamespaceBlindReader(XMLStreamReader reader) {
    super(reader);
  }

  /** Open elements around the current event; the start tag itself counts, the end tag not. */
  int depth() {
    return depth;
  }

  /** Starts counting the section the reader is on: its start tag is its first element. */
  void startSection() {
    counting = true;
    elements = 1;
    characters = 0;
  }

  /**
   * Starts counting the section the reader is on, and keeps its children whose names are not in
   * {@code bound} (lower case) in {@code extensions}.
   */
  void startSection(ExtensionText extensions, Set<String> bound) {
    startSection();
    keeping = extensions;
    childDepth = depth + 1;
    boundChildren = bound;
  }

  void endSection() {
    counting = false;
    keeping = null;
    keptDepth = 0;
  }

  /**
   * Keeps the element whose start tag the reader is on in {@code extensions}, reading on to the
   * event after its end tag.
   */
  void keepElement(ExtensionText extensions) throws XMLStreamException {
    keeping = extensions;
    childDepth = -1;
    keptDepth = depth;
    extensions.add(getParent(), XMLStreamConstants.START_ELEMENT);
    while (keptDepth != 0) {
      next();
    }
    keeping = null;
    next();
  }

  @Override
  public int next() throws XMLStreamException {
    int event = super.next();
    if (event == XMLStreamConstants.START_ELEMENT) {
      depth++;
    } else if (event == XMLStreamConstants.END_ELEMENT) {
      depth--;
    }
    if (keeping != null && kept(event)) {
      return event;
    }
    if (event == XMLStreamConstants.START_ELEMENT) {
      if (counting && ++elements > SectionLimits.MAX_ELEMENTS) {
        throw new SectionLimits.Exceeded(
            "more than " + String.format("%,d", SectionLimits.MAX_ELEMENTS) + " elements");
      }
    } else if (counting && isText(event)) {
      characters += getTextLength();
      if (characters > SectionLimits.MAX_CHARACTERS) {
        throw new SectionLimits.Exceeded(
            "more than " + String.format("%,d", SectionLimits.MAX_CHARACTERS) + " characters");
      }
    }
    return event;
  }

  /** Whether {@code event} belongs to an extension element, which it then is written into. */
  private boolean kept(int event) {
    if (keptDepth == 0) {
      if (event != XMLStreamConstants.START_ELEMENT
          || depth != childDepth
          || boundChildren.contains(getLocalName())) {
        return false;
      }
      keptDepth = depth;
    }
    keeping.add(getParent(), event);
    if (event == XMLStreamConstants.END_ELEMENT && depth < keptDepth) {
      keptDepth = 0;
    }
    return true;
  }

  // Through next(), so that depth and the counts see every event.
  @Override
  public int nextTag() throws XMLStreamException {
    int event = next();
    while (isText(event) && isWhiteSpace()
        || event == XMLStreamConstants.COMMENT
        || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
      event = next();
    }
    if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
      throw new XMLStreamException("expected a start or end tag", getLocation());
    }
    return event;
  }

  @Override
  public String getElementText() throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    for (int event = next(); event != XMLStreamConstants.END_ELEMENT; event = next()) {
      if (isText(event)) {
        text.append(getTextCharacters(), getTextStart(), getTextLength());
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        throw new XMLStreamException("element inside a text-only element", getLocation());
      }
    }
    return text.toString();
  }

  private static boolean isText(int event) {
    return event == XMLStreamConstants.CHARACTERS
        || event == XMLStreamConstants.CDATA
        || event == XMLStreamConstants.SPACE;
  }

  @Override
  public Object getProperty(String name) {
    // Names come from LowerCaseNames (interned); the only namespace URI is null.
    return INTERNS_NAMES.equals(name) || INTERNS_NAMESPACE_URIS.equals(name)
        ? Boolean.TRUE
        : super.getProperty(name);
  }

  @Override
  public String getLocalName() {
    return names.of(super.getLocalName());
  }

  @Override
  public QName getName() {
    return new QName(getLocalName());
  }

  @Override
  public String getNamespaceURI() {
    return null;
  }

  @Override
  public String getPrefix() {
    return XMLConstants.DEFAULT_NS_PREFIX;
  }

  @Override
  public int getNamespaceCount() {
    return 0;
  }

  @Override
  public String getAttributeLocalName(int index) {
    return names.of(super.getAttributeLocalName(index));
  }

  @Override
  public QName getAttributeName(int index) {
    return new QName(getAttributeLocalName(index));
  }

  @Override
  public String getAttributeNamespace(int index) {
    return null;
  }

  @Override
  public String getAttributePrefix(int index) {
    return XMLConstants.DEFAULT_NS_PREFIX;
  }
}
