package dev.puerto.parse;

import javax.xml.stream.XMLStreamException;

/**
 * How much of one section ({@code <record>}, {@code <report_metadata>}, ...) is bound into memory
 * at most. A real record has a few dozen elements (RFC 9990 caps DKIM results at 100 per record); a
 * section over either bound is rejected with its report, and the rest of the document is read on.
 */
final class SectionLimits {
  static final int MAX_ELEMENTS = 10_000;
  static final long MAX_CHARACTERS = 1L << 20;

  private SectionLimits() {}

  /** Thrown through JAXB, which passes stream failures on as the cause of its own exception. */
  static final class Exceeded extends XMLStreamException {
    private static final long serialVersionUID = 1L;

    Exceeded(String what) {
      super(what);
    }
  }
}
