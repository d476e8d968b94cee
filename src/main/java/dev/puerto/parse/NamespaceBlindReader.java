package dev.puerto.parse;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Presents every element and attribute without namespace and with a lower-case name, so that RFC
 * 7489 reports (no namespace or {@code http://dmarc.org/dmarc-xml/0.1}), RFC 9990 reports ({@code
 * urn:ietf:params:xml:ns:dmarc-2.0}) and reporters that write {@code <Report_Metadata>} all bind to
 * the one namespace-less schema. Namespace declarations disappear with the namespaces.
 */
final class NamespaceBlindReader extends StreamReaderDelegate {
  /**
   * The Woodstox properties by which JAXB learns that names and namespace URIs come interned, so
   * that it does not intern every name of every event again.
   */
  private static final String INTERNS_NAMES = "org.codehaus.stax2.internNames";

  private static final String INTERNS_NAMESPACE_URIS = "org.codehaus.stax2.internNsUris";

  private final LowerCaseNames names = new LowerCaseNames();

  NamespaceBlindReader(XMLStreamReader reader) {
    super(reader);
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
