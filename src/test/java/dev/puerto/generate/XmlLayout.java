package dev.puerto.generate;

/**
 * How a reporter's XML looks on the wire, beyond its content.
 *
 * @param declaration the XML declaration written verbatim (reporters differ in quotes and
 *     attributes)
 * @param indent one level of indentation; empty means everything on one line (Outlook)
 * @param declaresSchemaPrefixes Outlook declares unused {@code xmlns:xsd}/{@code xmlns:xsi}
 * @param writesVersion whether {@code <version>1.0</version>} is present
 * @param byteOrderMark a UTF-8 BOM before the declaration
 * @param padsValues whitespace around every text value
 */
public record XmlLayout(
    XmlDialect dialect,
    String declaration,
    String indent,
    ElementOrder order,
    boolean declaresSchemaPrefixes,
    boolean writesVersion,
    boolean byteOrderMark,
    boolean padsValues) {

  /** The quirks of a sloppy generator: a BOM and whitespace around every value. */
  public XmlLayout withBomAndPadding() {
    return new XmlLayout(
        dialect, declaration, indent, order, declaresSchemaPrefixes, writesVersion, true, true);
  }
}
