package dev.puerto.parse;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.COMMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.PROCESSING_INSTRUCTION;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import com.ctc.wstx.stax.WstxOutputFactory;
import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The extension elements of one report or one record (RFC 9990), written back as XML text from the
 * reader's events while they stream past, so nothing of them is bound.
 *
 * <p>The text is one XML document whatever was kept, so that PostgreSQL's {@code xpath} reads every
 * stored value: an {@code <extensions>} element (no namespace, Puerto's own) holding the kept
 * elements in document order, names, prefixes, attributes, text, CDATA sections, comments and
 * processing instructions as sent. Each kept element declares the namespaces declared on it and
 * those its names use, also when the report declared them further out, so each is well-formed and
 * means the same on its own. Control characters become U+FFFD as in every other stored text (see
 * {@link Values}).
 *
 * <p>At most {@value #MAX_CHARACTERS} characters are kept. Over that nothing is kept and the text
 * is {@link #OMITTED}: a report stays whole and stored while a hostile extension of any size costs
 * no memory (the raw input still holds the extension). Not thread-safe.
 */
final class ExtensionText {
  static final int MAX_CHARACTERS = 64 * 1024;

  /** What is stored instead of extensions over {@link #MAX_CHARACTERS}. */
  static final String OMITTED =
      "<extensions omitted=\"larger than " + MAX_CHARACTERS + " characters\"/>";

  private static final String END = "</extensions>";

  /** Configured once and only read afterwards; Woodstox factories are thread-safe. */
  private static final XMLOutputFactory OUTPUT = output();

  private final Bounded text = new Bounded();
  private XMLStreamWriter writer;

  /** Writes one event of a kept element; {@code raw} is the reader with namespaces. */
  void add(XMLStreamReader raw, int event) {
    if (text.over) {
      return;
    }
    try {
      write(raw, event);
    } catch (XMLStreamException | RuntimeException e) {
      // Woodstox refuses only what cannot be XML; the report is still stored, without these.
      text.over = true;
    }
    if (text.over) {
      text.drop();
    }
  }

  /** The kept elements so far, as one document; null when there were none. */
  String text() {
    if (writer == null) {
      return null;
    }
    if (!text.over) {
      try {
        writer.flush(); // between kept elements: every start tag written is closed
      } catch (XMLStreamException cannotHappen) {
        text.over = true; // the writer writes into memory only
      }
    }
    return text.over ? OMITTED : text.kept + END;
  }

  private void write(XMLStreamReader raw, int event) throws XMLStreamException {
    switch (event) {
      case START_ELEMENT -> startElement(raw);
      case END_ELEMENT -> writer.writeEndElement();
      case CHARACTERS, SPACE -> writer.writeCharacters(Values.withoutControls(raw.getText()));
      case CDATA -> writer.writeCData(Values.withoutControls(raw.getText()));
      case COMMENT -> writer.writeComment(Values.withoutControls(raw.getText()));
      case PROCESSING_INSTRUCTION ->
          writer.writeProcessingInstruction(
              raw.getPITarget(), Values.withoutControls(raw.getPIData()));
      default -> {
        // No other event occurs inside an element: no DTD, entities replaced.
      }
    }
  }

  private void startElement(XMLStreamReader raw) throws XMLStreamException {
    if (writer == null) {
      writer = OUTPUT.createXMLStreamWriter(text);
      writer.writeStartElement("extensions");
    }
    writer.writeStartElement(
        orEmpty(raw.getPrefix()), raw.getLocalName(), orEmpty(raw.getNamespaceURI()));
    for (int i = 0; i < raw.getNamespaceCount(); i++) {
      String prefix = orEmpty(raw.getNamespacePrefix(i));
      if (prefix.isEmpty()) {
        writer.writeDefaultNamespace(orEmpty(raw.getNamespaceURI(i)));
      } else {
        writer.writeNamespace(prefix, orEmpty(raw.getNamespaceURI(i)));
      }
    }
    for (int i = 0; i < raw.getAttributeCount(); i++) {
      writer.writeAttribute(
          orEmpty(raw.getAttributePrefix(i)),
          orEmpty(raw.getAttributeNamespace(i)),
          raw.getAttributeLocalName(i),
          Values.withoutControls(raw.getAttributeValue(i)));
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Repairing: the writer declares every namespace an element or attribute name uses. */
  private static XMLOutputFactory output() {
    XMLOutputFactory factory = new WstxOutputFactory();
    factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
    return factory;
  }

  /** The text written so far, dropped whole once it would pass the bound. */
  private static final class Bounded extends Writer {
    StringBuilder kept = new StringBuilder();
    boolean over;

    @Override
    public void write(char[] chars, int offset, int length) {
      if (over) {
        return;
      }
      if (kept.length() + length > MAX_CHARACTERS - END.length()) {
        over = true;
        return;
      }
      kept.append(chars, offset, length);
    }

    void drop() {
      kept = null;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
