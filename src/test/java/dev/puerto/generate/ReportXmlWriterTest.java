package dev.puerto.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class ReportXmlWriterTest {
  private static final FeedbackRecord RECORD =
      new FeedbackRecord(
          "2001:db8::1",
          3,
          "none",
          "fail",
          "fail",
          List.of(new OverrideReason("", null)),
          "example.com",
          null,
          null,
          List.of(new DkimResult("example.com", "s1", "fail")),
          List.of(new SpfResult("example.com", "mfrom", "softfail")));

  @Test
  void alphabetical_order_puts_auth_results_before_row_and_date_range_first() throws Exception {
    String xml = write(Reporters.MAIL_RU, "AT&T <Mail>");

    assertThat(xml).startsWith("<?xml version='1.0' standalone='yes'?>");
    assertThat(xml.indexOf("<auth_results>")).isLessThan(xml.indexOf("<row>"));
    assertThat(xml.indexOf("<date_range>")).isLessThan(xml.indexOf("<org_name>"));
    assertThat(xml.indexOf("<adkim>")).isLessThan(xml.indexOf("<domain>"));
  }

  @Test
  void date_range_first_only_moves_date_range() throws Exception {
    String xml = write(Reporters.WP_PL, "wp");

    assertThat(xml.indexOf("<date_range>")).isLessThan(xml.indexOf("<org_name>"));
    assertThat(xml.indexOf("<row>")).isLessThan(xml.indexOf("<auth_results>"));
  }

  @Test
  void values_are_escaped_and_optional_elements_omitted_or_empty() throws Exception {
    String xml = write(Reporters.GOOGLE, "AT&T <Mail>");

    assertThat(xml).contains("<org_name>AT&amp;T &lt;Mail&gt;</org_name>");
    assertThat(xml).contains("<type/>").doesNotContain("envelope_from").doesNotContain("comment");
    assertThat(firstTextOf(xml, "org_name")).isEqualTo("AT&T <Mail>");
  }

  @Test
  void dmarc_bis_reports_are_qualified_in_the_rfc9990_namespace() throws Exception {
    String xml = write(Reporters.GMX, "GMX");

    XMLStreamReader reader = reader(xml);
    while (reader.next() != XMLStreamConstants.START_ELEMENT
        || !reader.getLocalName().equals("source_ip")) {
      // skip to the record
    }
    assertThat(reader.getNamespaceURI()).isEqualTo("urn:ietf:params:xml:ns:dmarc-2.0");
    assertThat(xml).contains("<np>reject</np>", "<testing>n</testing>", "<generator>");
    assertThat(xml).doesNotContain("<pct>");
  }

  @Test
  void outlook_writes_one_line_with_schema_prefixes() throws Exception {
    String xml = write(Reporters.ENTERPRISE_OUTLOOK, "Enterprise Outlook");

    assertThat(xml).doesNotContain("\n");
    assertThat(xml).contains("xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"");
  }

  @Test
  void sloppy_layout_adds_bom_and_padding() throws Exception {
    Reporter sloppy = Reporters.WP_PL.withLayout(Reporters.WP_PL.layout().withBomAndPadding());
    String xml = write(sloppy, "wp");

    assertThat(xml).startsWith("\uFEFF<?xml").contains("<count> 3\t</count>");
  }

  private static String write(Reporter reporter, String orgName) throws Exception {
    DomainPolicy policy =
        new DomainPolicy("example.com", "reject", null, "reject", "r", "r", 100, false);
    GeneratedReport report =
        new GeneratedReport(
            reporter,
            new ReportMetadata(
                orgName,
                "dmarc@example.net",
                null,
                "id-1",
                1_772_409_600L,
                1_772_495_999L,
                reporter.generator()),
            policy.publishedIn(reporter.dialect()),
            List.of(),
            List.of(RECORD));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ReportXmlWriter.write(report, out)).isEqualTo(new ReportTotals(1, 1, 3));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String firstTextOf(String xml, String element) throws Exception {
    XMLStreamReader reader = reader(xml);
    while (reader.next() != XMLStreamConstants.START_ELEMENT
        || !reader.getLocalName().equals(element)) {
      // skip
    }
    return reader.getElementText();
  }

  private static XMLStreamReader reader(String xml) throws Exception {
    return XMLInputFactory.newDefaultFactory()
        .createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
