package dev.puerto.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Enumeration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** RFC 9990 extensions are kept as XML text, at report and at record level, within a bound. */
class ExtensionsTest {
  private static final String ARC = "https://example.net/dmarc-extensions/arc-v1";

  private static final String RECORD_BODY =
      "<row><source_ip>192.0.2.1</source_ip><count>1</count></row>"
          + "<identifiers><header_from>example.com</header_from></identifiers>"
          + "<auth_results><spf><domain>example.com</domain><result>pass</result></spf>"
          + "</auth_results>";

  @Test
  void a_report_extension_in_the_rfc_9990_namespace_is_kept_with_its_namespaces_declared()
      throws Exception {
    Parsed.WithExtensions parsed =
        Parsed.withExtensions(
            """
            <feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0" xmlns:arc="%s">
            %s%s<extension><arc:arc_summary sealed="2">pass</arc:arc_summary></extension>
            %s</feedback>"""
                .formatted(ARC, Xml.METADATA, Xml.POLICY, Xml.RECORD));

    assertThat(parsed.extensions())
        .isEqualTo(
            "<extensions><extension xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\">"
                + "<arc:arc_summary xmlns:arc=\""
                + ARC
                + "\" sealed=\"2\">pass</arc:arc_summary></extension></extensions>");
    Element summary = firstChild(firstChild(document(parsed.extensions()).getDocumentElement()));
    assertThat(summary.getNamespaceURI()).isEqualTo(ARC);
    assertThat(summary.getLocalName()).isEqualTo("arc_summary");
    assertThat(parsed.parsed().records())
        .singleElement()
        .extracting(ReportRecord::extensions)
        .isNull();
  }

  @Test
  void several_report_extensions_are_kept_in_document_order_before_and_after_the_records()
      throws Exception {
    Parsed.WithExtensions parsed =
        Parsed.withExtensions(
            Xml.feedback(
                "<extension><first/></extension>",
                Xml.METADATA,
                Xml.POLICY,
                "<extension><second/></extension>",
                Xml.RECORD,
                Xml.RECORD,
                "<extension><third/></extension>"));

    assertThat(parsed.extensions())
        .isEqualTo(
            "<extensions><extension><first/></extension><extension><second/></extension>"
                + "<extension><third/></extension></extensions>");
    assertThat(parsed.parsed().records()).hasSize(2);
  }

  @Test
  void a_report_without_extensions_has_none_and_other_unknown_elements_are_still_skipped()
      throws Exception {
    Parsed.WithExtensions parsed =
        Parsed.withExtensions(
            Xml.feedback(
                Xml.METADATA, "<vendor-addition><x/></vendor-addition>", Xml.POLICY, Xml.RECORD));

    assertThat(parsed.extensions()).isNull();
  }

  @Test
  void a_record_keeps_every_child_it_does_not_bind_in_document_order() throws Exception {
    ReportRecord record =
        Parsed.onlyRecord(
            Xml.withRecords(
                "<record>"
                    + RECORD_BODY
                    + "<extension><x:data xmlns:x=\"https://extension.example/v1\">1</x:data>"
                    + "</extension>"
                    + "<arc:seal xmlns:arc=\""
                    + ARC
                    + "\" i=\"1\"/></record>"));

    assertThat(record.extensions())
        .isEqualTo(
            "<extensions><extension><x:data xmlns:x=\"https://extension.example/v1\">1</x:data>"
                + "</extension><arc:seal xmlns:arc=\""
                + ARC
                + "\" i=\"1\"/></extensions>");
    assertThat(record.spfResults()).hasSize(1);
  }

  @Test
  void a_record_extension_uses_a_prefix_the_report_declared_and_still_stands_on_its_own()
      throws Exception {
    Parsed.WithExtensions parsed =
        Parsed.withExtensions(
            "<feedback xmlns:arc=\""
                + ARC
                + "\">"
                + Xml.METADATA
                + Xml.POLICY
                + "<record>"
                + RECORD_BODY
                + "<arc:seal arc:i=\"1\">x</arc:seal></record></feedback>");

    String extensions = parsed.parsed().records().get(0).extensions();
    Element seal = firstChild(document(extensions).getDocumentElement());
    assertThat(seal.getNamespaceURI()).isEqualTo(ARC);
    assertThat(seal.getAttributeNS(ARC, "i")).isEqualTo("1");
  }

  @Test
  void records_with_and_without_extensions_each_keep_their_own() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(
                "<record>" + RECORD_BODY + "<a/></record>",
                Xml.RECORD,
                "<record>" + RECORD_BODY + "<b/></record>"));

    assertThat(parsed.records())
        .extracting(ReportRecord::extensions)
        .containsExactly("<extensions><a/></extensions>", null, "<extensions><b/></extensions>");
  }

  @Test
  void cdata_comments_and_processing_instructions_are_kept_as_sent() throws Exception {
    Parsed.WithExtensions parsed =
        Parsed.withExtensions(
            Xml.feedback(
                Xml.METADATA,
                Xml.POLICY,
                "<extension><!-- a comment --><x><![CDATA[<not> & markup]]></x>"
                    + "<?puerto keep?>a &amp; b</extension>",
                Xml.RECORD));

    assertThat(parsed.extensions())
        .isEqualTo(
            "<extensions><extension><!-- a comment --><x><![CDATA[<not> & markup]]></x>"
                + "<?puerto keep?>a &amp; b</extension></extensions>");
    assertThat(
            firstChild(firstChild(document(parsed.extensions()).getDocumentElement()))
                .getTextContent())
        .isEqualTo("<not> & markup");
  }

  @Test
  void a_hostile_50_megabyte_report_extension_keeps_nothing_of_it_and_stores_the_report()
      throws Exception {
    InputStream xml =
        stream(
            "<feedback>" + Xml.METADATA + Xml.POLICY + "<extension><big>",
            "x".repeat(1 << 20),
            50,
            "</big></extension>" + Xml.RECORD + "</feedback>");

    Parsed.WithExtensions parsed = Parsed.withExtensions(xml);

    assertThat(parsed.extensions())
        .isEqualTo(ExtensionText.OMITTED)
        .isEqualTo("<extensions omitted=\"larger than 65536 characters\"/>");
    assertThat(parsed.parsed().records()).hasSize(1);
  }

  @Test
  void a_record_extension_over_the_bound_is_omitted_and_neither_rejects_the_record_nor_counts()
      throws Exception {
    // Two mebibytes: more than a record section may hold, but none of it is bound.
    String huge = "<record>" + RECORD_BODY + "<ext>" + "y".repeat(2 << 20) + "</ext></record>";

    Parsed parsed = Parsed.parse(Xml.withRecords(huge, Xml.RECORD));

    assertThat(parsed.records())
        .extracting(ReportRecord::extensions)
        .containsExactly(ExtensionText.OMITTED, null);
  }

  @Test
  void extensions_up_to_the_bound_are_kept_whole() throws Exception {
    String wrapper = "<extensions><e></e></extensions>";
    String text = "z".repeat(ExtensionText.MAX_CHARACTERS - wrapper.length());

    ReportRecord record =
        Parsed.onlyRecord(
            Xml.withRecords("<record>" + RECORD_BODY + "<e>" + text + "</e></record>"));
    ReportRecord over =
        Parsed.onlyRecord(
            Xml.withRecords("<record>" + RECORD_BODY + "<e>" + text + "z</e></record>"));

    assertThat(record.extensions()).hasSize(ExtensionText.MAX_CHARACTERS).contains(text);
    assertThat(over.extensions()).isEqualTo(ExtensionText.OMITTED);
  }

  @Test
  void control_characters_in_extensions_become_replacement_characters() throws Exception {
    ReportRecord record =
        Parsed.onlyRecord(
            "<?xml version=\"1.1\"?>"
                + Xml.withRecords("<record>" + RECORD_BODY + "<e a=\"&#x1;\">&#x2;</e></record>"));

    assertThat(record.extensions())
        .isEqualTo("<extensions><e a=\"\uFFFD\">\uFFFD</e></extensions>");
  }

  /** {@code head}, {@code chunk} {@code times} over, {@code tail}: never whole in memory. */
  private static InputStream stream(String head, String chunk, int times, String tail) {
    byte[] bytes = chunk.getBytes(UTF_8);
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          int sent = -1;

          @Override
          public boolean hasMoreElements() {
            return sent <= times;
          }

          @Override
          public InputStream nextElement() {
            int part = sent++;
            return new ByteArrayInputStream(
                part < 0 ? head.getBytes(UTF_8) : part < times ? bytes : tail.getBytes(UTF_8));
          }
        };
    return new SequenceInputStream(parts);
  }

  private static Document document(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(UTF_8)));
  }

  private static Element firstChild(Element parent) {
    for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        return element;
      }
    }
    throw new AssertionError("no element inside <" + parent.getTagName() + ">");
  }
}
