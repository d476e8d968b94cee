package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document holds every report it has: several roots, several concatenated documents, reports
 * inside wrappers; whatever else follows a report is told, never dropped quietly.
 */
class DocumentsTest {
  private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private static String report(String id) {
    return Xml.withRecords(Xml.RECORD).replace("<report_id>r-1</report_id>", idElement(id));
  }

  private static String idElement(String id) {
    return "<report_id>" + id + "</report_id>";
  }

  @Test
  void two_feedback_roots_are_two_reports() throws Exception {
    assertThat(ids(read(report("one") + "\n" + report("two")))).containsExactly("one", "two");
  }

  @Test
  void concatenated_documents_each_with_a_declaration_are_read_one_after_the_other()
      throws Exception {
    // What two gzip members, each a whole report, decompress to.
    String xml = DECLARATION + report("first") + "\n" + DECLARATION + report("second") + "\n";

    assertThat(ids(read(xml))).containsExactly("first", "second");
  }

  @Test
  void a_report_inside_an_unknown_wrapper_is_found() throws Exception {
    String xml = "<envelope><note>made by a gateway</note>" + report("wrapped") + "</envelope>";

    Parsed.Document outcome = read(xml);

    assertThat(ids(outcome)).containsExactly("wrapped");
    assertThat(outcome.rejections()).isEmpty();
  }

  @Test
  void a_report_after_a_wrapper_that_is_never_closed_is_found() throws Exception {
    // A stray <xs:schema> open tag before the report, as some reporters send.
    String xml =
        DECLARATION
            + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
            + " targetNamespace=\"http://dmarc.org/dmarc-xml/0.1\">\n"
            + report("unclosed");

    Parsed.Document outcome = read(xml);

    assertThat(ids(outcome)).containsExactly("unclosed");
    assertThat(outcome.rejections()).isEmpty();
  }

  @Test
  void text_after_the_report_is_reported_with_where_it_is() throws Exception {
    Parsed.Document outcome = read(report("first") + "\ntrailing words");

    assertThat(ids(outcome)).containsExactly("first");
    assertThat(outcome.rejections())
        .singleElement()
        .asString()
        .startsWith("test.xml (after the report): malformed XML at line ")
        .contains("Unexpected character 't'");
  }

  @Test
  void an_element_after_the_report_that_holds_no_report_is_reported() throws Exception {
    Parsed.Document outcome = read(report("first") + "<signature>abc</signature>");

    assertThat(ids(outcome)).containsExactly("first");
    assertThat(outcome.rejections())
        .singleElement()
        .asString()
        .matches(
            "test\\.xml \\(after the report\\): content that is not a report, from line \\d+,"
                + " column \\d+, was not read");
  }

  @Test
  void a_second_report_that_breaks_off_is_rejected_and_the_first_is_kept() throws Exception {
    String second = report("second");
    Parsed.Document outcome = read(report("first") + second.substring(0, second.length() / 2));

    assertThat(ids(outcome)).containsExactly("first");
    assertThat(outcome.rejections())
        .singleElement()
        .asString()
        .startsWith("test.xml (report 2): malformed XML at line ");
  }

  @Test
  void an_invalid_report_between_two_good_ones_is_rejected_alone() throws Exception {
    String invalid = report("bad").replace("<begin>1700000000</begin>", "");

    Parsed.Document outcome = read(report("one") + invalid + report("three"));

    assertThat(ids(outcome)).containsExactly("one", "three");
    assertThat(outcome.rejections())
        .containsExactly("test.xml (report 2): <date_range> has no <begin>");
  }

  @Test
  void a_record_rejected_in_the_second_report_leaves_the_third() throws Exception {
    String badRecord = Xml.withRecords(Xml.recordWithSource("not-an-ip"));

    Parsed.Document outcome = read(report("one") + badRecord + report("three"));

    assertThat(ids(outcome)).containsExactly("one", "three");
    assertThat(outcome.rejections())
        .singleElement()
        .asString()
        .startsWith("test.xml (report 2): record 1: <source_ip> is not");
  }

  @Test
  void a_document_type_declaration_in_a_later_document_ends_the_reading() throws Exception {
    String xml =
        report("one")
            + "\n"
            + DECLARATION
            + "<!DOCTYPE feedback [<!ENTITY x \"y\">]>"
            + report("two");

    Parsed.Document outcome = read(xml);

    assertThat(ids(outcome)).containsExactly("one");
    assertThat(outcome.rejections())
        .containsExactly("test.xml (report 2): " + SecureXml.DTD_REJECTED);
  }

  @Test
  void a_document_without_a_report_names_its_root() throws Exception {
    Parsed.Document outcome =
        read("<rss version=\"2.0\"><channel><title>news</title></channel></rss>");

    assertThat(outcome.reports()).isEmpty();
    assertThat(outcome.rejections())
        .containsExactly("test.xml: not a DMARC aggregate report: root element is <rss>");
  }

  @Test
  void a_report_nested_in_a_report_is_not_a_second_report() throws Exception {
    String nested = report("outer").replace("</feedback>", report("inner") + "</feedback>");

    assertThat(ids(read(nested))).containsExactly("outer");
  }

  private static List<String> ids(Parsed.Document outcome) {
    return outcome.reports().stream().map(parsed -> parsed.report().reportId()).toList();
  }

  private static Parsed.Document read(String xml) throws Exception {
    return Parsed.document(xml);
  }
}
