package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the parser refuses, and that it says precisely why, naming the document first. */
class StrictParsingTest {

  @Test
  void rejects_a_document_whose_root_is_not_feedback() {
    assertThat(Parsed.rejection("<html><body>Hello</body></html>"))
        .isEqualTo("test.xml: not a DMARC aggregate report: root element is <html>");
  }

  @Test
  void rejects_malformed_xml_with_line_and_column() {
    assertThat(Parsed.rejection("<feedback>\n  <report_metadata>x/report_metadata>\n</feedback>"))
        .startsWith("test.xml: malformed XML at line 3, column 10: ")
        .contains("report_metadata");
  }

  @Test
  void rejects_an_empty_document() {
    assertThat(Parsed.rejection("")).isEqualTo("test.xml: document is empty (0 bytes)");
    assertThat(Parsed.rejection(" \n")).isEqualTo("test.xml: document holds no XML");
  }

  @Test
  void rejects_missing_header_sections() {
    assertThat(Parsed.rejection(Xml.feedback(Xml.POLICY, Xml.RECORD)))
        .isEqualTo("test.xml: no <report_metadata>");
    assertThat(Parsed.rejection(Xml.feedback(Xml.METADATA, Xml.RECORD)))
        .isEqualTo("test.xml: no <policy_published>");
  }

  @Test
  void rejects_a_missing_or_empty_report_id() {
    assertThat(Parsed.rejection(Xml.withRecords().replace("<report_id>r-1</report_id>", "")))
        .isEqualTo("test.xml: <report_metadata> has no <report_id>");
    assertThat(Parsed.rejection(Xml.withRecords().replace("r-1", " &lt;&gt; ")))
        .isEqualTo("test.xml: <report_metadata> has an empty <report_id>");
  }

  @Test
  void rejects_a_missing_or_unreadable_date_range() {
    assertThat(Parsed.rejection(Xml.feedback(Xml.metadata(""), Xml.POLICY)))
        .isEqualTo("test.xml: <report_metadata> has no <date_range>");
    assertThat(
            Parsed.rejection(
                Xml.feedback(
                    Xml.metadata("<date_range><begin>1</begin></date_range>"), Xml.POLICY)))
        .isEqualTo("test.xml: <date_range> has no <end>");
    assertThat(
            Parsed.rejection(
                Xml.feedback(
                    Xml.metadata("<date_range><begin>yesterday</begin><end>2</end></date_range>"),
                    Xml.POLICY)))
        .isEqualTo(
            "test.xml: <date_range>/<begin> is not a number of epoch seconds: \"yesterday\"");
  }

  @Test
  void rejects_a_date_range_that_ends_before_it_begins() {
    assertThat(
            Parsed.rejection(
                Xml.feedback(
                    Xml.metadata("<date_range><begin>86400</begin><end>0</end></date_range>"),
                    Xml.POLICY)))
        .isEqualTo(
            "test.xml: <date_range> ends (1970-01-01T00:00:00Z) before it begins (1970-01-02T00:00:00Z)");
  }

  @Test
  void accepts_a_date_range_of_zero_length() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                Xml.metadata("<date_range><begin>5</begin><end>5</end></date_range>"), Xml.POLICY));

    assertThat(parsed.report().end()).isEqualTo(parsed.report().begin());
  }

  @Test
  void rejects_a_policy_without_domain() {
    assertThat(
            Parsed.rejection(
                Xml.feedback(Xml.METADATA, "<policy_published><p>none</p></policy_published>")))
        .isEqualTo("test.xml: <policy_published> has no <domain>");
  }

  @Test
  void rejects_a_percentage_that_is_not_an_integer() {
    assertThat(
            Parsed.rejection(
                Xml.feedback(
                    Xml.METADATA,
                    "<policy_published><domain>example.com</domain><pct>50%</pct></policy_published>")))
        .isEqualTo("test.xml: <policy_published>/<pct> is not an integer: \"50%\"");
  }

  @Test
  void rejects_a_record_without_source_ip_naming_the_record() {
    String noSource = Xml.record("<count>1</count>");
    String emptySource = Xml.recordWithSource(" ");

    assertThat(Parsed.rejection(Xml.withRecords(Xml.RECORD, noSource)))
        .isEqualTo("test.xml: record 2 has no <source_ip>");
    assertThat(Parsed.rejection(Xml.withRecords(emptySource)))
        .isEqualTo("test.xml: record 1 has an empty <source_ip>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mail.example.com",
        "localhost",
        "1.2.3",
        "256.1.1.1",
        "01.2.3.4",
        "16909060",
        "1.2.3.4.5",
        "2001:db8::g",
        "1:2:3:4:5:6:7:8:9",
        ".:1"
      })
  void rejectsASourceIpThatIsNotAnAddressLiteralWithoutResolvingIt(String source) {
    assertThat(Parsed.rejection(Xml.withRecords(Xml.recordWithSource(source))))
        .isEqualTo(
            "test.xml: record 1: <source_ip> is not an IPv4 or IPv6 address: \"" + source + "\"");
  }

  @Test
  void rejects_a_record_without_count() {
    assertThat(Parsed.rejection(Xml.withRecords(Xml.record("<source_ip>192.0.2.1</source_ip>"))))
        .isEqualTo("test.xml: record 1 has no <count>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "", "ten", "99999999999999999999"})
  void rejects_a_count_that_is_not_a_non_negative_integer(String count) {
    assertThat(Parsed.rejection(Xml.withRecords(Xml.recordWithCount(count))))
        .isEqualTo("test.xml: record 1: <count> is not a non-negative integer: \"" + count + "\"");
  }

  @Test
  void rejects_repeated_sections_that_disagree() {
    String otherPolicy = Xml.POLICY.replace("none", "reject");
    String twoRows =
        Xml.record(
            "<source_ip>192.0.2.1</source_ip><count>1</count></row>"
                + "<row><source_ip>192.0.2.1</source_ip><count>2</count>");

    assertThat(Parsed.rejection(Xml.withRecords(Xml.RECORD, otherPolicy)))
        .isEqualTo("test.xml: <policy_published> appears twice with different content");
    assertThat(Parsed.rejection(Xml.feedback(Xml.METADATA, Xml.METADATA.replace("r-1", "r-2"))))
        .isEqualTo("test.xml: <report_metadata> appears twice with different content");
    assertThat(Parsed.rejection(Xml.withRecords(twoRows)))
        .isEqualTo("test.xml: record 1 has 2 <row> elements that disagree");
  }
}
