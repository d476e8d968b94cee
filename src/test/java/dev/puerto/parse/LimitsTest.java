package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every value is bounded before the database sees it, every section before it is bound into the
 * heap; a report over a bound is rejected and says which bound.
 */
class LimitsTest {

  private static String withMetadata(String element, String value) {
    return Xml.withRecords(Xml.RECORD)
        .replaceFirst(
            "<" + element + ">[^<]*</" + element + ">",
            "<" + element + ">" + value + "</" + element + ">");
  }

  @Test
  void a_report_id_of_1024_octets_is_kept_and_one_of_1025_is_rejected() throws Exception {
    assertThat(Parsed.parse(withMetadata("report_id", "r".repeat(1024))).report().reportId())
        .hasSize(1024);

    assertThat(Parsed.rejection(withMetadata("report_id", "r".repeat(1025))))
        .isEqualTo("test.xml: <report_id> is 1,025 octets long; at most 1,024 are accepted");
  }

  @Test
  void lengths_are_counted_in_utf8_octets() {
    // 300 characters of two octets each: 600 octets, over the 512 allowed for org_name.
    assertThat(Parsed.rejection(withMetadata("org_name", "é".repeat(300))))
        .isEqualTo("test.xml: <org_name> is 600 octets long; at most 512 are accepted");
  }

  @Test
  void a_policy_domain_longer_than_a_domain_name_is_rejected() {
    String domain = ("a".repeat(60) + ".").repeat(5) + "example"; // 312 octets
    String xml =
        Xml.withRecords(Xml.RECORD)
            .replace("<domain>example.com</domain>", "<domain>" + domain + "</domain>");

    assertThat(Parsed.rejection(xml))
        .isEqualTo(
            "test.xml: <policy_published>/<domain> is 312 octets long; at most 253 are accepted");
  }

  @Test
  void a_domain_label_over_63_octets_is_rejected() {
    String xml =
        Xml.withRecords(
            Xml.record("<source_ip>192.0.2.1</source_ip><count>1</count>")
                .replace(
                    "<header_from>example.com</header_from>",
                    "<header_from>" + "x".repeat(64) + ".example.com</header_from>"));

    assertThat(Parsed.rejection(xml))
        .isEqualTo(
            "test.xml: record 1: <header_from> has a label of 64 octets; at most 63 are accepted");
  }

  @Test
  void a_record_with_too_many_elements_is_rejected_and_the_next_report_is_read() throws Exception {
    String dkim = "<dkim><domain>example.com</domain><result>pass</result></dkim>";
    String huge =
        Xml.withRecords(
            "<record><row><source_ip>192.0.2.1</source_ip><count>1</count></row>"
                + "<identifiers><header_from>example.com</header_from></identifiers>"
                + "<auth_results>"
                + dkim.repeat(4_000)
                + "</auth_results></record>");

    assertThat(Parsed.rejection(huge))
        .isEqualTo("test.xml: record 1 has more than 10,000 elements");
    Parsed.Document both = Parsed.document(huge + Xml.withRecords(Xml.RECORD));
    assertThat(both.reports()).hasSize(1);
    assertThat(both.rejections())
        .containsExactly("test.xml: record 1 has more than 10,000 elements");
  }

  @Test
  void a_section_with_a_gigantic_text_is_rejected_before_it_is_bound() {
    String xml = withMetadata("org_name", "x".repeat((1 << 20) + 1));

    assertThat(Parsed.rejection(xml))
        .isEqualTo("test.xml: <report_metadata> has more than 1,048,576 characters");
  }

  @Test
  void counts_that_add_up_beyond_64_bits_are_rejected() {
    String big = Xml.recordWithCount("999999999999999999"); // 18 digits: each fits
    String xml = Xml.withRecords(big, big, big, big, big, big, big, big, big, big);

    assertThat(Parsed.rejection(xml))
        .isEqualTo(
            "test.xml: record 10: the message counts add up to more than"
                + " 9,223,372,036,854,775,807");
  }

  @Test
  void dates_outside_32_bit_epoch_seconds_are_rejected() {
    for (String epoch : List.of("4294967296", "999999999999999999")) {
      String xml =
          Xml.withRecords(Xml.RECORD)
              .replace("<begin>1700000000</begin>", "<begin>" + epoch + "</begin>");

      assertThat(Parsed.rejection(xml))
          .as(epoch)
          .isEqualTo(
              "test.xml: <date_range>/<begin> "
                  + epoch
                  + " is not a date from 1970-01-01T00:00:00Z to 2106-02-07T06:28:16Z (epoch"
                  + " seconds)");
    }
  }

  @Test
  void control_characters_in_values_become_replacement_characters() throws Exception {
    // XML 1.1 allows C0 and C1 controls as character references; XML 1.0 has C1 as they are.
    String xml11 =
        "<?xml version=\"1.1\"?>" + withMetadata("org_name", "Evil&#x1b;]0;title&#x7;C&#x9b;2J");
    String xml10 = withMetadata("org_name", "Evil\u009b2J\u007f");

    assertThat(Parsed.parse(xml11).report().orgName())
        .isEqualTo("Evil\uFFFD]0;title\uFFFDC\uFFFD2J");
    assertThat(Parsed.parse(xml10).report().orgName()).isEqualTo("Evil\uFFFD2J\uFFFD");
  }

  @Test
  void nesting_deeper_than_64_elements_is_malformed() {
    String deep = "<x>".repeat(70) + "</x>".repeat(70);
    String xml = Xml.withRecords(Xml.RECORD).replace("</feedback>", deep + "</feedback>");

    assertThat(Parsed.rejection(xml))
        .isEqualTo("test.xml: malformed XML: Maximum Element Depth limit (64) Exceeded");
  }

  @Test
  void records_before_the_header_are_read_in_order_and_leave_no_file_behind() throws Exception {
    int records = EarlyRecords.IN_MEMORY * 3 + 7;
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < records; i++) {
      body.append(Xml.recordWithCount(Integer.toString(i)));
    }
    String xml = Xml.feedback(body.toString(), Xml.METADATA, Xml.POLICY);
    long filesBefore = spillFiles();

    Parsed parsed = Parsed.parse(xml);

    assertThat(parsed.records()).hasSize(records);
    for (int i = 0; i < records; i++) {
      assertThat(parsed.records().get(i).count()).isEqualTo(i);
    }
    assertThat(spillFiles()).isEqualTo(filesBefore);
  }

  private static long spillFiles() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("puerto-records-")).count();
    }
  }
}
