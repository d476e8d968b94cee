package dev.puerto.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What real reporters send that is wrong but clear, and what the parser makes of it. */
class LiberalParsingTest {

  @Test
  void reads_an_rfc7489_report_into_the_model() throws Exception {
    Parsed parsed =
        Parsed.parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <feedback>
              <version>1.0</version>
              <report_metadata>
                <org_name>google.com</org_name>
                <email>noreply-dmarc-support@google.com</email>
                <extra_contact_info>https://support.google.com/a/answer/2466580</extra_contact_info>
                <report_id>13190401177475355109</report_id>
                <date_range><begin>1507075200</begin><end>1507161599</end></date_range>
                <error>one</error>
              </report_metadata>
              <policy_published>
                <domain>example.com</domain><adkim>r</adkim><aspf>s</aspf>
                <p>none</p><sp>quarantine</sp><pct>50</pct><fo>1</fo>
              </policy_published>
              <record>
                <row>
                  <source_ip>192.0.2.78</source_ip><count>3</count>
                  <policy_evaluated>
                    <disposition>none</disposition><dkim>fail</dkim><spf>pass</spf>
                    <reason><type>forwarded</type><comment>list</comment></reason>
                  </policy_evaluated>
                </row>
                <identifiers>
                  <envelope_to>example.net</envelope_to>
                  <envelope_from>bounce.example.com</envelope_from>
                  <header_from>example.com</header_from>
                </identifiers>
                <auth_results>
                  <dkim><domain>example.com</domain><selector>s1</selector><result>fail</result>
                    <human_result>body hash</human_result></dkim>
                  <spf><domain>bounce.example.com</domain><scope>mfrom</scope><result>pass</result></spf>
                </auth_results>
              </record>
            </feedback>
            """);

    assertThat(parsed.report())
        .isEqualTo(
            new AggregateReport(
                "test.xml",
                null,
                "1.0",
                "google.com",
                "noreply-dmarc-support@google.com",
                "https://support.google.com/a/answer/2466580",
                "13190401177475355109",
                Instant.ofEpochSecond(1507075200),
                Instant.ofEpochSecond(1507161599),
                List.of("one"),
                null,
                new PolicyPublished(
                    "example.com", "r", "s", "none", "quarantine", 50, null, "1", null, null)));
    assertThat(parsed.records())
        .containsExactly(
            new ReportRecord(
                InetAddress.getByName("192.0.2.78"),
                3,
                "none",
                "fail",
                "pass",
                List.of(new OverrideReason("forwarded", "list")),
                "example.com",
                "bounce.example.com",
                "example.net",
                List.of(new DkimResult("example.com", "s1", "fail", "body hash")),
                List.of(new SpfAuthResult("bounce.example.com", "mfrom", "pass", null)),
                null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "urn:ietf:params:xml:ns:dmarc-2.0",
        "http://dmarc.org/dmarc-xml/0.1",
      })
  void treatsTheDmarcNamespacesLikeNoNamespaceAndRecordsWhichOneTheRootHad(String namespace)
      throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(Xml.RECORD)
                .replaceFirst("<feedback>", "<feedback xmlns=\"" + namespace + "\">"));

    assertThat(parsed.report().xmlNamespace()).isEqualTo(namespace);
    assertThat(parsed.report().policy().domain()).isEqualTo("example.com");
    assertThat(parsed.records()).hasSize(1);
  }

  @Test
  void reads_prefixed_elements_and_ignores_outlooks_schema_declarations() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(Xml.RECORD)
                .replace("<", "<d:")
                .replace("<d:/", "</d:")
                .replaceFirst(
                    "<d:feedback>",
                    "<d:feedback xmlns:d=\"urn:ietf:params:xml:ns:dmarc-2.0\""
                        + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"));

    assertThat(parsed.report().xmlNamespace()).isEqualTo("urn:ietf:params:xml:ns:dmarc-2.0");
    assertThat(parsed.report().reportId()).isEqualTo("r-1");
    assertThat(parsed.records()).hasSize(1);
  }

  @Test
  void accepts_elements_in_any_order() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                """
                <report_metadata>
                  <date_range><end>1700086399</end><begin>1700000000</begin></date_range>
                  <report_id>r-1</report_id>
                  <org_name>wp.pl</org_name>
                </report_metadata>
                """,
                Xml.POLICY,
                Xml.record("<count>4</count><source_ip>192.0.2.1</source_ip>")));

    assertThat(parsed.report().orgName()).isEqualTo("wp.pl");
    assertThat(parsed.report().begin()).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(parsed.records().get(0).count()).isEqualTo(4);
  }

  @Test
  void buffers_records_that_come_before_the_header_is_complete() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                Xml.recordWithSource("192.0.2.1"),
                Xml.METADATA,
                Xml.recordWithSource("192.0.2.2"),
                Xml.POLICY,
                Xml.recordWithSource("192.0.2.3")));

    assertThat(parsed.records())
        .extracting(record -> record.sourceIp().getHostAddress())
        .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
  }

  @Test
  void lower_cases_enumerated_values_and_keeps_non_standard_words() throws Exception {
    ReportRecord record =
        Parsed.onlyRecord(
            Xml.withRecords(
                """
                <record>
                  <row><source_ip>192.0.2.1</source_ip><count>1</count>
                    <policy_evaluated><disposition>None</disposition><dkim>Pass</dkim>
                      <spf>FAIL</spf><reason><type>Local_Policy</type></reason></policy_evaluated>
                  </row>
                  <identifiers><header_from>Example.COM.</header_from></identifiers>
                  <auth_results>
                    <dkim><domain>Example.COM</domain><selector>Sel1</selector><result>Pass</result></dkim>
                    <spf><domain>Example.COM.</domain><scope>MFROM</scope><result>HardFail</result></spf>
                  </auth_results>
                </record>
                """));

    assertThat(record.disposition()).isEqualTo("none");
    assertThat(record.dkim()).isEqualTo("pass");
    assertThat(record.spf()).isEqualTo("fail");
    assertThat(record.reasons()).containsExactly(new OverrideReason("local_policy", null));
    assertThat(record.headerFrom()).isEqualTo("example.com");
    assertThat(record.dkimResults())
        .containsExactly(new DkimResult("example.com", "Sel1", "pass", null));
    assertThat(record.spfResults())
        .containsExactly(new SpfAuthResult("example.com", "mfrom", "hardfail", null));
  }

  @Test
  void matches_element_names_case_insensitively() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(Xml.RECORD)
                .replace("report_metadata>", "Report_Metadata>")
                .replace("source_ip>", "Source_IP>")
                .replace("feedback>", "Feedback>"));

    assertThat(parsed.report().reportId()).isEqualTo("r-1");
    assertThat(parsed.records().get(0).sourceIp().getHostAddress()).isEqualTo("192.0.2.1");
  }

  @Test
  void trims_whitespace_around_every_value() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                """
                <report_metadata>
                  <org_name>  Test org </org_name>
                  <report_id>
                     123456 </report_id>
                  <date_range><begin> 1491782400 </begin><end>
                  1491868799
                  </end></date_range>
                </report_metadata>
                <policy_published><domain> Example.com </domain><p> Reject </p><pct> 100 </pct></policy_published>
                """,
                Xml.record("<source_ip> 192.0.2.1 </source_ip><count> 8 </count>")));

    assertThat(parsed.report().orgName()).isEqualTo("Test org");
    assertThat(parsed.report().reportId()).isEqualTo("123456");
    assertThat(parsed.report().end()).isEqualTo(Instant.ofEpochSecond(1491868799));
    assertThat(parsed.report().policy().p()).isEqualTo("reject");
    assertThat(parsed.report().policy().pct()).isEqualTo(100);
    assertThat(parsed.records().get(0).count()).isEqualTo(8);
  }

  @Test
  void keeps_absent_as_null_and_empty_as_empty() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(
                """
                <record>
                  <row><source_ip>192.0.2.1</source_ip><count>1</count>
                    <policy_evaluated><disposition/><reason><type/><comment/></reason></policy_evaluated>
                  </row>
                  <identifiers><envelope_from></envelope_from><header_from>example.com</header_from></identifiers>
                  <auth_results><dkim><domain/><selector/><result>none</result></dkim></auth_results>
                </record>
                """));

    ReportRecord record = parsed.records().get(0);
    assertThat(record.disposition()).isEmpty();
    assertThat(record.dkim()).isNull();
    assertThat(record.reasons()).containsExactly(new OverrideReason("", ""));
    assertThat(record.envelopeFrom()).isEmpty();
    assertThat(record.envelopeTo()).isNull();
    assertThat(record.dkimResults()).containsExactly(new DkimResult("", "", "none", null));
    assertThat(record.spfResults()).isEmpty();
    assertThat(parsed.report().policy().sp()).isNull();
    assertThat(parsed.report().policy().pct()).isNull();
  }

  @Test
  void reads_rfc9990_only_elements() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                """
                <report_metadata>
                  <org_name>GMX</org_name><report_id>&lt;abc@gmx.net&gt;</report_id>
                  <date_range><begin>1</begin><end>2</end></date_range>
                  <generator>Example Reporter v1.2</generator>
                </report_metadata>
                <policy_published>
                  <domain>example.com</domain><p>quarantine</p><np>Reject</np>
                  <testing>n</testing><discovery_method>treewalk</discovery_method>
                </policy_published>
                """,
                Xml.RECORD));

    assertThat(parsed.report().reportId()).isEqualTo("abc@gmx.net");
    assertThat(parsed.report().generator()).isEqualTo("Example Reporter v1.2");
    assertThat(parsed.report().policy())
        .isEqualTo(
            new PolicyPublished(
                "example.com",
                null,
                null,
                "quarantine",
                null,
                null,
                "reject",
                null,
                "n",
                "treewalk"));
  }

  @Test
  void ignores_unknown_and_extension_elements_in_any_namespace() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                Xml.METADATA,
                "<unexpected-element/>",
                Xml.POLICY,
                """
                <extension xmlns:x="https://extension.example/v1">
                  <x:record><x:row><x:count>99</x:count></x:row></x:record>
                </extension>
                <record>
                  <row><source_ip>192.0.2.1</source_ip><count>1</count></row>
                  <identifiers><header_from>example.com</header_from></identifiers>
                  <extension><x:data xmlns:x="https://extension.example/v1">ignored</x:data></extension>
                </record>
                """));

    assertThat(parsed.records()).hasSize(1);
  }

  @Test
  void keeps_the_rfc_9990_pass_disposition_and_policy_test_mode_reason_lower_case()
      throws Exception {
    ReportRecord record =
        Parsed.onlyRecord(
            Xml.withRecords(
                Xml.record(
                    "<source_ip>192.0.2.1</source_ip><count>1</count><policy_evaluated>"
                        + "<disposition>Pass</disposition><dkim>pass</dkim><spf>fail</spf>"
                        + "<reason><type>POLICY_TEST_MODE</type><comment>t=y</comment></reason>"
                        + "</policy_evaluated>")));

    assertThat(record.disposition()).isEqualTo("pass");
    assertThat(record.reasons()).containsExactly(new OverrideReason("policy_test_mode", "t=y"));
  }

  @Test
  void keeps_dispositions_and_reason_types_it_does_not_know_as_sent() throws Exception {
    ReportRecord record =
        Parsed.onlyRecord(
            Xml.withRecords(
                Xml.record(
                    "<source_ip>192.0.2.1</source_ip><count>1</count><policy_evaluated>"
                        + "<disposition>Discard</disposition>"
                        + "<reason><type>sampled_out</type></reason>"
                        + "<reason><type>Vendor_Specific</type></reason>"
                        + "</policy_evaluated>")));

    assertThat(record.disposition()).isEqualTo("discard");
    assertThat(record.reasons())
        .extracting(OverrideReason::type)
        .containsExactly("sampled_out", "vendor_specific");
  }

  @Test
  void reads_identities_from_pre_rfc_drafts() throws Exception {
    ReportRecord record =
        Parsed.onlyRecord(
            Xml.withRecords(
                "<record><row><source_ip>192.0.2.1</source_ip><count>1</count></row>"
                    + "<identities><header_from>example.com</header_from></identities></record>"));

    assertThat(record.headerFrom()).isEqualTo("example.com");
  }

  @Test
  void takes_the_version_from_report_metadata_when_feedback_has_none() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(Xml.RECORD)
                .replace("<report_id>", "<version>1.0</version><report_id>"));

    assertThat(parsed.report().version()).isEqualTo("1.0");
  }

  @Test
  void falls_back_to_the_email_domain_when_org_name_is_missing_or_empty() throws Exception {
    String withoutOrg =
        Xml.withRecords(Xml.RECORD).replace("<org_name>Example Receiver</org_name>", "");
    String emptyOrg =
        Xml.withRecords(Xml.RECORD).replace("<org_name>Example Receiver</org_name>", "<org_name/>");

    assertThat(Parsed.parse(withoutOrg).report().orgName()).isEqualTo("receiver.example");
    assertThat(Parsed.parse(emptyOrg).report().orgName()).isEqualTo("receiver.example");
  }

  @Test
  void takes_the_integer_part_of_fractional_epoch_seconds() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                Xml.metadata(
                    "<date_range><begin>1536853302.5</begin><end>1536939702.0</end></date_range>"),
                Xml.POLICY));

    assertThat(parsed.report().begin()).isEqualTo(Instant.ofEpochSecond(1536853302));
    assertThat(parsed.report().end()).isEqualTo(Instant.ofEpochSecond(1536939702));
  }

  @Test
  void accepts_a_report_without_records() throws Exception {
    assertThat(Parsed.parse(Xml.feedback(Xml.METADATA, Xml.POLICY)).records()).isEmpty();
  }

  @Test
  void accepts_counts_beyond_the_int_range() throws Exception {
    assertThat(Parsed.onlyRecord(Xml.withRecords(Xml.recordWithCount("4294967296"))).count())
        .isEqualTo(4_294_967_296L);
  }

  @Test
  void reads_ipv6_sources() throws Exception {
    assertThat(
            Parsed.onlyRecord(Xml.withRecords(Xml.recordWithSource("2a01:111:f403::1"))).sourceIp())
        .isEqualTo(InetAddress.getByName("2a01:111:f403:0:0:0:0:1"));
  }

  @Test
  void tolerates_repeated_sections_with_the_same_content() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.feedback(
                Xml.METADATA,
                Xml.METADATA,
                Xml.POLICY,
                Xml.record(
                    "<source_ip>192.0.2.1</source_ip><count>2</count></row>"
                        + "<row><source_ip>192.0.2.1</source_ip><count>2</count>"),
                Xml.POLICY));

    assertThat(parsed.records()).extracting(ReportRecord::count).containsExactly(2L);
  }

  @Test
  void skips_a_utf8_byte_order_mark_and_whitespace_before_the_declaration() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, ' ', '\r', '\n'});
    bytes.write(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Xml.withRecords(Xml.RECORD))
            .getBytes(UTF_8));

    Parsed parsed = Parsed.parse("bom.xml", new ByteArrayInputStream(bytes.toByteArray()));

    assertThat(parsed.records()).hasSize(1);
  }

  @Test
  void detects_the_encoding_from_the_declaration() throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?>"
            + Xml.withRecords(Xml.RECORD).replace("Example Receiver", "Café – “Quotes”");

    Parsed parsed =
        Parsed.parse("cp1252.xml", new ByteArrayInputStream(xml.getBytes("windows-1252")));

    assertThat(parsed.report().orgName()).isEqualTo("Café – “Quotes”");
  }

  @Test
  void ignores_blank_error_elements() throws Exception {
    Parsed parsed =
        Parsed.parse(
            Xml.withRecords(Xml.RECORD)
                .replace("<report_id>", "<error> </error><error> too late </error><report_id>"));

    assertThat(parsed.report().errors()).containsExactly("too late");
  }
}
