package dev.puerto.tlsrpt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.puerto.parse.ReportRejectedException;
import dev.puerto.testing.SharedCorpus;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link TlsReportParser} makes of RFC 8460 JSON: the RFC's example and the real reports, what
 * it accepts beyond the letter of the RFC, what it rejects and why, and inputs meant to hurt it.
 *
 * <p>JSON in this class is written with {@code '} for {@code "} (see {@link #json}).
 */
class TlsReportParserTest {
  private static final String NAME = "report.json";

  /** RFC 8460 Appendix B. */
  private static final String RFC_8460_EXAMPLE =
      """
      {
           "organization-name": "Company-X",
           "date-range": {
             "start-datetime": "2016-04-01T00:00:00Z",
             "end-datetime": "2016-04-01T23:59:59Z"
           },
           "contact-info": "sts-reporting@company-x.example",
           "report-id": "5065427c-23d3-47ca-b6e0-946ea0e8c4be",
           "policies": [{
             "policy": {
               "policy-type": "sts",
               "policy-string": ["version: STSv1","mode: testing",
                     "mx: *.mail.company-y.example","max_age: 86400"],
               "policy-domain": "company-y.example",
               "mx-host": "*.mail.company-y.example"
             },
             "summary": {
               "total-successful-session-count": 5326,
               "total-failure-session-count": 303
             },
             "failure-details": [{
               "result-type": "certificate-expired",
               "sending-mta-ip": "2001:db8:abcd:0012::1",
               "receiving-mx-hostname": "mx1.mail.company-y.example",
               "failed-session-count": 100
             }, {
               "result-type": "starttls-not-supported",
               "sending-mta-ip": "2001:db8:abcd:0013::1",
               "receiving-mx-hostname": "mx2.mail.company-y.example",
               "receiving-ip": "203.0.113.56",
               "failed-session-count": 200,
               "additional-information": "https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported"
             }, {
               "result-type": "validation-failure",
               "sending-mta-ip": "198.51.100.62",
               "receiving-ip": "203.0.113.58",
               "receiving-mx-hostname": "mx-backup.mail.company-y.example",
               "failed-session-count": 3,
               "failure-reason-code": "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"
             }]
           }]
         }
      """;

  private static final String HEADER =
      "'organization-name':'Example','report-id':'r1',"
          + "'date-range':{'start-datetime':'2024-01-01T00:00:00Z',"
          + "'end-datetime':'2024-01-01T23:59:59Z'}";

  private static final String POLICY =
      "{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
          + "'summary':{'total-successful-session-count':1,'total-failure-session-count':0}}";

  private static final String FAILURE =
      "{'result-type':'validation-failure','failed-session-count':1}";

  private final TlsReportParser parser = new TlsReportParser();

  // --- The RFC and the real reports ---

  @Test
  void the_rfc_8460_example_is_read_in_full() throws Exception {
    TlsReport report = parse(RFC_8460_EXAMPLE);

    assertThat(report.name()).isEqualTo(NAME);
    assertThat(report.organizationName()).isEqualTo("Company-X");
    assertThat(report.reportId()).isEqualTo("5065427c-23d3-47ca-b6e0-946ea0e8c4be");
    assertThat(report.begin()).isEqualTo(Instant.parse("2016-04-01T00:00:00Z"));
    assertThat(report.end()).isEqualTo(Instant.parse("2016-04-01T23:59:59Z"));
    assertThat(report.contactInfo()).isEqualTo("sts-reporting@company-x.example");
    assertThat(report.unknownFields()).isEqualTo("{}");
    assertThat(report.policies()).hasSize(1);

    TlsPolicy policy = report.policies().get(0);
    assertThat(policy.type()).isEqualTo(TlsPolicyType.STS);
    assertThat(policy.domain()).isEqualTo("company-y.example");
    assertThat(policy.strings())
        .containsExactly(
            "version: STSv1", "mode: testing", "mx: *.mail.company-y.example", "max_age: 86400");
    // The example gives mx-host as one string, not the array the RFC's prose asks for.
    assertThat(policy.mxHosts()).containsExactly("*.mail.company-y.example");
    assertThat(policy.successfulSessions()).isEqualTo(5326);
    assertThat(policy.failedSessions()).isEqualTo(303);
    assertThat(policy.unknownFields()).isEqualTo("{}");

    assertThat(policy.failures())
        .extracting(
            TlsFailure::resultType,
            TlsFailure::sendingMtaIp,
            TlsFailure::receivingMxHostname,
            TlsFailure::receivingIp,
            TlsFailure::failedSessions,
            TlsFailure::unknownFields)
        .containsExactly(
            tuple(
                "certificate-expired",
                ip("2001:db8:abcd:12::1"),
                "mx1.mail.company-y.example",
                null,
                100L,
                "{}"),
            tuple(
                "starttls-not-supported",
                ip("2001:db8:abcd:13::1"),
                "mx2.mail.company-y.example",
                ip("203.0.113.56"),
                200L,
                "{}"),
            tuple(
                "validation-failure",
                ip("198.51.100.62"),
                "mx-backup.mail.company-y.example",
                ip("203.0.113.58"),
                3L,
                "{}"));
    assertThat(policy.failures().get(1).additionalInformation())
        .isEqualTo(
            "https://reports.company-x.example/report_info?id=5065427c-23d3#StarttlsNotSupported");
    assertThat(policy.failures().get(2).failureReasonCode())
        .isEqualTo("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED");
    assertThat(policy.failures().get(0).additionalInformation()).isNull();
    assertThat(policy.failures().get(0).receivingMxHelo()).isNull();
  }

  /**
   * Every real report parses, bare JSON and the gzipped JSON of the e-mails alike, except
   * mailauth__rpt03.json: it is mail-auth's test of an invalid policy type, and has neither policy
   * domains nor failure counts either. Exact values are pinned elsewhere.
   */
  @Test
  void every_real_report_of_the_corpus_parses_but_the_one_with_an_invalid_policy_type()
      throws Exception {
    SharedCorpus corpus = SharedCorpus.require();
    List<Path> files = corpus.files("smtp_tls");
    assertThat(files).isNotEmpty();
    List<String> parsed = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      byte[] json = name.endsWith(".eml") ? attachedJson(file) : Files.readAllBytes(file);
      if (name.equals("mailauth__rpt03.json")) {
        assertThatThrownBy(() -> parser.parse(name, new ByteArrayInputStream(json)))
            .isInstanceOf(ReportRejectedException.class)
            .hasMessage(name + ": policies[0].policy.policy-domain is missing");
        continue;
      }
      TlsReport report = parser.parse(name, new ByteArrayInputStream(json));
      assertThat(report.name()).isEqualTo(name);
      assertThat(report.reportId()).as(name).isNotBlank();
      assertThat(report.organizationName()).as(name).isNotBlank();
      assertThat(report.begin()).as(name).isBefore(report.end());
      assertThat(report.end()).as(name).isBefore(report.begin().plusSeconds(8 * 24 * 3600));
      assertThat(report.policies()).as(name).isNotEmpty();
      assertThat(report.unknownFields()).as(name).isEqualTo("{}");
      for (TlsPolicy policy : report.policies()) {
        assertThat(policy.domain()).as(name).isNotBlank().isLowerCase().doesNotEndWith(".");
        assertThat(policy.successfulSessions() + policy.failedSessions()).as(name).isPositive();
        assertThat(policy.failures())
            .as(name)
            .allSatisfy(f -> assertThat(f.failedSessions()).isPositive());
      }
      parsed.add(name);
    }
    assertThat(parsed).hasSize(files.size() - 1);
  }

  @Test
  void the_corpus_report_with_an_invalid_policy_type_says_so_once_it_has_a_domain()
      throws Exception {
    String policies =
        "[{'policy':{'policy-type':'no-policy-found','policy-domain':'example.org'},"
            + "'summary':{'total-successful-session-count':1,'total-failure-session-count':0}},"
            + "{'policy':{'policy-type':'invalid-policy-type','policy-domain':'example.org'},"
            + "'summary':{'total-successful-session-count':1,'total-failure-session-count':0}}]";

    assertRejected(
        "{" + HEADER + ",'policies':" + policies + "}",
        "policies[1].policy.policy-type is \"invalid-policy-type\", none of sts, tlsa and"
            + " no-policy-found (RFC 8460 section 4.3)");
  }

  // --- Liberal where the RFC is not strict ---

  @Test
  void field_names_are_matched_ignoring_case() throws Exception {
    TlsReport report =
        parse(
            "{'Organization-Name':'Example','REPORT-ID':'r1','Date-Range':{'Start-DateTime':"
                + "'2024-01-01T00:00:00Z','END-DATETIME':'2024-01-02T00:00:00Z'},"
                + "'Policies':[{'Policy':{'Policy-Type':'TLSA','Policy-Domain':'example.com'},"
                + "'Summary':{'Total-Successful-Session-Count':7,'Total-Failure-Session-Count':1},"
                + "'Failure-Details':[{'Result-Type':'DANE-Required','Failed-Session-Count':1}]}]}");

    assertThat(report.organizationName()).isEqualTo("Example");
    assertThat(report.reportId()).isEqualTo("r1");
    assertThat(report.end()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    TlsPolicy policy = report.policies().get(0);
    assertThat(policy.type()).isEqualTo(TlsPolicyType.TLSA);
    assertThat(policy.successfulSessions()).isEqualTo(7);
    assertThat(policy.failures().get(0).resultType()).isEqualTo("dane-required");
    assertThat(report.unknownFields()).isEqualTo("{}");
    assertThat(policy.unknownFields()).isEqualTo("{}");
  }

  @Test
  void a_utf_8_byte_order_mark_is_skipped() throws Exception {
    byte[] json = json("{" + HEADER + ",'policies':[" + POLICY + "]}").getBytes(UTF_8);
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);

    assertThat(parser.parse(NAME, new ByteArrayInputStream(withBom)).reportId()).isEqualTo("r1");
  }

  @ParameterizedTest
  @CsvSource({
    "2016-04-01T12:30:00Z, 2016-04-01T12:30:00Z",
    "2016-04-01t12:30:00z, 2016-04-01T12:30:00Z",
    "2016-04-01 12:30:00Z, 2016-04-01T12:30:00Z",
    "2016-04-01T12:30Z, 2016-04-01T12:30:00Z",
    "2016-04-01T14:30:00+02:00, 2016-04-01T12:30:00Z",
    "2016-04-01T07:00:00-05:30, 2016-04-01T12:30:00Z",
    "2016-04-01T12:30:00.25Z, 2016-04-01T12:30:00.250Z",
    "2016-04-01T12:30:00.123456789+00:00, 2016-04-01T12:30:00.123456789Z",
    // Microsoft's reports have no offset; UTC is meant.
    "2016-04-01T12:30:00, 2016-04-01T12:30:00Z",
    "' 2016-04-01T12:30:00Z ', 2016-04-01T12:30:00Z"
  })
  void dates_are_read_in_the_forms_reporters_send(String sent, String instant) throws Exception {
    TlsReport report =
        parse(
            "{'organization-name':'Example','report-id':'r1','date-range':{'start-datetime':'"
                + sent
                + "','end-datetime':'2016-04-02T00:00:00Z'},'policies':[]}");

    assertThat(report.begin()).isEqualTo(Instant.parse(instant));
  }

  @Test
  void absent_lists_are_empty_and_absent_text_is_null() throws Exception {
    TlsReport report = parse("{" + HEADER + ",'policies':[" + POLICY + "]}");

    assertThat(report.contactInfo()).isNull();
    TlsPolicy policy = report.policies().get(0);
    assertThat(policy.strings()).isEmpty();
    assertThat(policy.mxHosts()).isEmpty();
    assertThat(policy.failures()).isEmpty();
  }

  @Test
  void json_null_is_taken_for_an_absent_field() throws Exception {
    TlsReport report =
        parse(
            "{"
                + HEADER
                + ",'contact-info':null,'policies':[{'policy':{'policy-type':'sts',"
                + "'policy-domain':'example.com','policy-string':null,'mx-host':null},"
                + "'summary':{'total-successful-session-count':1,'total-failure-session-count':0},"
                + "'failure-details':null}]}");

    assertThat(report.contactInfo()).isNull();
    assertThat(report.policies().get(0).strings()).isEmpty();
    assertThat(report.policies().get(0).failures()).isEmpty();
    assertThat(report.unknownFields()).isEqualTo("{}");
  }

  @Test
  void an_mx_host_given_as_one_string_is_a_list_of_one() throws Exception {
    TlsPolicy policy =
        onlyPolicy(
            "{'policy':{'policy-type':'sts','policy-domain':'example.com',"
                + "'mx-host':' mx.example.com ','policy-string':'version: STSv1'},"
                + "'summary':{'total-successful-session-count':1,'total-failure-session-count':0}}");

    assertThat(policy.mxHosts()).containsExactly("mx.example.com");
    assertThat(policy.strings()).containsExactly("version: STSv1");
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {
        "'12' | 12",
        "' 012 ' | 12",
        "'0' | 0",
        "'-0' | 0",
        "12 | 12",
        "12.0 | 12",
        "1e3 | 1000",
        "1.5E1 | 15",
        "9223372036854775807 | 9223372036854775807"
      })
  void counts_are_whole_numbers_however_written(String sent, long count) throws Exception {
    TlsPolicy policy =
        onlyPolicy(
            "{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
                + "'summary':{'total-successful-session-count':"
                + sent
                + ",'total-failure-session-count':0}}");

    assertThat(policy.successfulSessions()).isEqualTo(count);
  }

  @Test
  void names_are_lower_case_without_the_trailing_dot_and_other_text_is_trimmed_as_sent()
      throws Exception {
    TlsReport report =
        parse(
            "{'organization-name':'  Example Inc. ','report-id':' R-1 ',"
                + "'contact-info':' TLS@Example.com ','date-range':{'start-datetime':"
                + "'2024-01-01T00:00:00Z','end-datetime':'2024-01-01T23:59:59Z'},"
                + "'policies':[{'policy':{'policy-type':' STS ','policy-domain':' Example.COM. ',"
                + "'mx-host':['*.Example.COM']},'summary':{'total-successful-session-count':1,"
                + "'total-failure-session-count':1},'failure-details':[{'result-type':"
                + "' Certificate-Expired ','receiving-mx-hostname':'MX1.Example.COM.',"
                + "'receiving-mx-helo':' MX1.Example.COM ','failure-reason-code':' X509 Err ',"
                + "'failed-session-count':1}]}]}");

    assertThat(report.organizationName()).isEqualTo("Example Inc.");
    assertThat(report.reportId()).isEqualTo("R-1");
    assertThat(report.contactInfo()).isEqualTo("TLS@Example.com");
    TlsPolicy policy = report.policies().get(0);
    assertThat(policy.type()).isEqualTo(TlsPolicyType.STS);
    assertThat(policy.domain()).isEqualTo("example.com");
    assertThat(policy.mxHosts()).containsExactly("*.Example.COM");
    TlsFailure failure = policy.failures().get(0);
    assertThat(failure.resultType()).isEqualTo("certificate-expired");
    assertThat(failure.receivingMxHostname()).isEqualTo("mx1.example.com");
    assertThat(failure.receivingMxHelo()).isEqualTo("MX1.Example.COM");
    assertThat(failure.failureReasonCode()).isEqualTo("X509 Err");
  }

  @Test
  void a_number_where_text_is_expected_is_taken_as_its_text() throws Exception {
    TlsReport report =
        parse(
            "{'organization-name':'Example','report-id':20240101,'date-range':{'start-datetime':"
                + "'2024-01-01T00:00:00Z','end-datetime':'2024-01-01T23:59:59Z'},'policies':[]}");

    assertThat(report.reportId()).isEqualTo("20240101");
  }

  @Test
  void unknown_fields_are_kept_at_every_level_and_none_is_dropped() throws Exception {
    TlsReport report =
        parse(
            "{'organization-name':'Example','report-id':'r1','x-report':{'a':[1,2.50,true,null]},"
                + "'date-range':{'start-datetime':'2024-01-01T00:00:00Z',"
                + "'end-datetime':'2024-01-01T23:59:59Z','time-zone':'UTC'},"
                + "'policies':[{'x-entry':'e','policy':{'policy-type':'sts',"
                + "'policy-domain':'example.com','X-Policy':'ü'},'summary':{"
                + "'total-successful-session-count':1,'total-failure-session-count':1,"
                + "'x-summary':-1e400},'failure-details':[{'result-type':'validation-failure',"
                + "'failed-session-count':1,'x-failure':{'nested':{'deep':'yes'}}}]}]}");

    assertThat(report.unknownFields())
        .isEqualTo(json("{'x-report':{'a':[1,2.50,true,null]},'date-range':{'time-zone':'UTC'}}"));
    TlsPolicy policy = report.policies().get(0);
    // Fields inside policy and summary are kept under those names, so they cannot clash.
    assertThat(policy.unknownFields())
        .isEqualTo(
            json("{'x-entry':'e','policy':{'X-Policy':'ü'},'summary':{'x-summary':-1e400}}"));
    assertThat(policy.failures().get(0).unknownFields())
        .isEqualTo(json("{'x-failure':{'nested':{'deep':'yes'}}}"));
  }

  @Test
  void an_ip_field_that_holds_no_ip_literal_is_kept_as_sent_with_the_unknown_fields()
      throws Exception {
    TlsPolicy policy =
        onlyPolicy(
            "{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
                + "'summary':{'total-successful-session-count':0,'total-failure-session-count':1},"
                + "'failure-details':[{'result-type':'validation-failure','failed-session-count':1,"
                + "'sending-mta-ip':'mail.example.net','Receiving-IP':' 192.0.2.010 '}]}");

    TlsFailure failure = policy.failures().get(0);
    assertThat(failure.sendingMtaIp()).isNull();
    assertThat(failure.receivingIp()).isNull();
    assertThat(failure.unknownFields())
        .isEqualTo(json("{'sending-mta-ip':'mail.example.net','Receiving-IP':' 192.0.2.010 '}"));
  }

  @Test
  void an_optional_field_that_is_no_text_is_kept_with_the_unknown_fields() throws Exception {
    TlsReport report =
        parse("{" + HEADER + ",'contact-info':{'email':'tls@example.com'},'policies':[]}");

    assertThat(report.contactInfo()).isNull();
    assertThat(report.unknownFields())
        .isEqualTo(json("{'contact-info':{'email':'tls@example.com'}}"));
  }

  @Test
  void a_report_without_policies_in_its_array_is_read() throws Exception {
    assertThat(parse("{" + HEADER + ",'policies':[]}").policies()).isEmpty();
  }

  @Test
  void the_stream_is_left_open_for_its_owner() throws Exception {
    boolean[] closed = {false};
    InputStream json =
        new ByteArrayInputStream(json("{" + HEADER + ",'policies':[]}").getBytes(UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    parser.parse(NAME, json);

    assertThat(closed[0]).isFalse();
  }

  // --- Strict where the RFC is ---

  @Test
  void a_report_without_report_id_is_rejected_with_the_reason() {
    assertRejected(
        "{'organization-name':'Example','date-range':{'start-datetime':'2024-01-01T00:00:00Z',"
            + "'end-datetime':'2024-01-01T23:59:59Z'},'policies':[]}",
        "report-id is missing");
  }

  @Test
  void a_negative_count_is_rejected_with_its_path() {
    assertRejected(
        "{"
            + HEADER
            + ",'policies':["
            + POLICY
            + ","
            + POLICY
            + ",{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
            + "'summary':{'total-successful-session-count':1,'total-failure-session-count':-4}}]}",
        "policies[2].summary.total-failure-session-count is negative (-4)");
  }

  static Stream<Arguments> missingOrBlank() {
    String range =
        "'date-range':{'start-datetime':'2024-01-01T00:00:00Z','end-datetime':'2024-01-02T00:00:00Z'}";
    String summary =
        "'summary':{'total-successful-session-count':1,'total-failure-session-count':0}";
    return Stream.of(
        Arguments.of(
            "{'report-id':'r1'," + range + ",'policies':[]}", "organization-name is missing"),
        Arguments.of(
            "{'organization-name':' ','report-id':'r1'," + range + ",'policies':[]}",
            "organization-name is blank"),
        Arguments.of(
            "{'organization-name':'x','report-id':''," + range + ",'policies':[]}",
            "report-id is blank"),
        Arguments.of(
            "{'organization-name':'x','report-id':null," + range + ",'policies':[]}",
            "report-id is missing"),
        Arguments.of(
            "{'organization-name':'x','report-id':'r1','policies':[]}", "date-range is missing"),
        Arguments.of(
            "{'organization-name':'x','report-id':'r1','date-range':"
                + "{'end-datetime':'2024-01-02T00:00:00Z'},'policies':[]}",
            "date-range.start-datetime is missing"),
        Arguments.of(
            "{'organization-name':'x','report-id':'r1','date-range':"
                + "{'start-datetime':'2024-01-02T00:00:00Z'},'policies':[]}",
            "date-range.end-datetime is missing"),
        Arguments.of("{" + HEADER + "}", "policies is missing"),
        Arguments.of(
            "{" + HEADER + ",'policies':[{" + summary + "}]}", "policies[0].policy is missing"),
        Arguments.of(
            "{"
                + HEADER
                + ",'policies':[{'policy':{'policy-domain':'a.example'},"
                + summary
                + "}]}",
            "policies[0].policy.policy-type is missing"),
        Arguments.of(
            "{" + HEADER + ",'policies':[{'policy':{'policy-type':'sts'}," + summary + "}]}",
            "policies[0].policy.policy-domain is missing"),
        Arguments.of(
            "{"
                + HEADER
                + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'.'},"
                + summary
                + "}]}",
            "policies[0].policy.policy-domain is blank"),
        Arguments.of(
            "{"
                + HEADER
                + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'a.example'}}]}",
            "policies[0].summary is missing"),
        Arguments.of(
            "{"
                + HEADER
                + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'a.example'},"
                + "'summary':{'total-successful-session-count':1}}]}",
            "policies[0].summary.total-failure-session-count is missing"),
        Arguments.of(
            "{"
                + HEADER
                + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'a.example'},"
                + "'summary':{'total-failure-session-count':1}}]}",
            "policies[0].summary.total-successful-session-count is missing"),
        Arguments.of(
            policyWithFailures("{'failed-session-count':1}"),
            "policies[0].failure-details[0].result-type is missing"),
        Arguments.of(
            policyWithFailures(FAILURE + ",{'result-type':'  ','failed-session-count':1}"),
            "policies[0].failure-details[1].result-type is blank"),
        Arguments.of(
            policyWithFailures("{'result-type':'validation-failure'}"),
            "policies[0].failure-details[0].failed-session-count is missing"));
  }

  @ParameterizedTest
  @MethodSource("missingOrBlank")
  void a_required_field_that_is_missing_or_blank_is_rejected_with_its_path(
      String report, String reason) {
    assertRejected(report, reason);
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {
        "-1 | is negative (-1)",
        "'-12' | is negative (\"-12\")",
        "-1e400 | is negative (-1e400)",
        "2.5 | is not a whole number (2.5)",
        "1e-400 | is not a whole number (1e-400)",
        "'12.0' | is not a whole number (\"12.0\")",
        "'twelve' | is not a whole number (\"twelve\")",
        "'' | is not a whole number (\"\")",
        "1e400 | is too large for a count (1e400)",
        "1e999999999 | is too large for a count (1e999999999)",
        "99999999999999999999999 | is too large for a count (99999999999999999999999)",
        "9223372036854775808 | is too large for a count (9223372036854775808)",
        "'99999999999999999999999' | is too large for a count (\"99999999999999999999999\")",
        "true | is a boolean, not a number",
        "{} | is an object, not a number",
        "[1] | is an array, not a number"
      })
  void a_count_that_is_no_whole_number_a_long_can_hold_is_rejected(String sent, String reason) {
    assertRejected(
        "{"
            + HEADER
            + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
            + "'summary':{'total-successful-session-count':"
            + sent
            + ",'total-failure-session-count':0}}]}",
        "policies[0].summary.total-successful-session-count " + reason);
  }

  @Test
  void a_count_of_a_million_digits_is_rejected_without_being_parsed() {
    String digits = "9".repeat(1_000_000);

    assertRejected(
        "{"
            + HEADER
            + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
            + "'summary':{'total-successful-session-count':'"
            + digits
            + "','total-failure-session-count':0}}]}",
        "policies[0].summary.total-successful-session-count is too large for a count (\""
            + "9".repeat(64)
            + "…\")");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "yesterday | date-range.start-datetime is not an RFC 3339 date-time (\"yesterday\")",
        "2024-01-01 | date-range.start-datetime is not an RFC 3339 date-time (\"2024-01-01\")",
        "2024-02-30T00:00:00Z | (\"2024-02-30T00:00:00Z\")",
        "2024-01-01T24:00:00Z | (\"2024-01-01T24:00:00Z\")",
        "12024-01-01T00:00:00Z | (\"12024-01-01T00:00:00Z\")",
        "2024-01-01T00:00:00+0100 | (\"2024-01-01T00:00:00+0100\")",
        "1704067200 | (\"1704067200\")"
      })
  void a_date_that_is_no_rfc_3339_date_time_is_rejected(String sent, String reason) {
    assertRejected(
        "{'organization-name':'x','report-id':'r1','date-range':{'start-datetime':'"
            + sent
            + "','end-datetime':'2024-01-02T00:00:00Z'},'policies':[]}",
        reason);
  }

  @Test
  void a_date_range_that_ends_before_it_begins_is_rejected() {
    assertRejected(
        "{'organization-name':'x','report-id':'r1','date-range':{'start-datetime':"
            + "'2024-01-02T00:00:00Z','end-datetime':'2024-01-01T23:59:59Z'},'policies':[]}",
        "date-range.end-datetime (2024-01-01T23:59:59Z) is before start-datetime"
            + " (2024-01-02T00:00:00Z)");
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {
        "'date-range':'2024-01-01' | date-range is a string, not an object",
        "'policies':{} | policies is an object, not an array",
        "'policies':['sts'] | policies[0] is a string, not an object",
        "'policies':[null] | policies[0] is null, not an object",
        "'policies':[{'policy':'sts'}] | policies[0].policy is a string, not an object",
        "'policies':[{'policy':{'policy-type':['sts']}}] | policies[0].policy.policy-type is an"
            + " array, not a string",
        "'policies':[{'policy':{'policy-type':'sts','policy-domain':'a.example','mx-host':[['a']]}}]"
            + " | policies[0].policy.mx-host[0] is an array, not a string",
        "'policies':[{'summary':[]}] | policies[0].summary is an array, not an object",
        "'policies':[{'failure-details':{}}] | policies[0].failure-details is an object, not an"
            + " array",
        "'policies':[{'failure-details':[1]}] | policies[0].failure-details[0] is a number, not an"
            + " object",
        "'organization-name':{'name':'x'} | organization-name is an object, not a string"
      })
  void a_value_of_the_wrong_type_is_rejected_with_its_path(String field, String reason) {
    // The first wrong value stops the parse: nothing else needs to be there.
    assertRejected("{" + field + "}", reason);
  }

  // --- Duplicates, NUL and what surrounds the report ---

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {
        "{'report-id':'a','report-id':'b'} | report-id appears twice (field names are compared"
            + " ignoring case)",
        "{'report-id':'a','Report-ID':'b'} | Report-ID appears twice (field names are compared"
            + " ignoring case)",
        "{'policies':[{'summary':{'total-failure-session-count':1,'total-failure-session-count':2}}]}"
            + " | policies[0].summary.total-failure-session-count appears twice",
        "{'x':{'a':1,'a':2}} | x.a appears twice",
      })
  void a_field_given_twice_is_rejected_rather_than_one_value_winning(String json, String reason) {
    assertRejected(json, reason);
  }

  @Test
  void names_differing_in_case_inside_an_unknown_field_are_two_fields() throws Exception {
    assertThat(parse("{" + HEADER + ",'policies':[],'x':{'a':1,'A':2}}").unknownFields())
        .isEqualTo(json("{'x':{'a':1,'A':2}}"));
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {
        "'report-id':'r\\u0000' | report-id contains U+0000, which PostgreSQL text cannot hold",
        "'policies':[{'policy':{'policy-domain':'a\\u0000.example'}}] |"
            + " policies[0].policy.policy-domain contains U+0000",
        "'policies':[{'policy':{'mx-host':['a','\\u0000']}}] | policies[0].policy.mx-host[1]"
            + " contains U+0000",
        "'x':{'y':['ok','\\u0000']} | x.y[1] contains U+0000",
        "'date-range':{'start-datetime':'\\u0000'} | date-range.start-datetime contains U+0000",
        "'policies':[{'failure-details':[{'result-type':'a','sending-mta-ip':'\\u0000'}]}]"
            + " | policies[0].failure-details[0].sending-mta-ip contains U+0000",
        "'rep\\u0000ort-id':'r1' | a field name in the report contains U+0000",
        "'policies':[{'policy':{'\\u0000':1}}] | a field name in policies[0].policy contains"
            + " U+0000",
        "'x':{'y':{'\\u0000':1}} | a field name in x.y contains U+0000",
      })
  void a_nul_character_anywhere_is_rejected_naming_the_field(String field, String reason) {
    assertRejected("{" + field + "}", reason);
  }

  @Test
  void a_lone_surrogate_is_rejected_and_a_pair_is_kept() throws Exception {
    assertRejected(
        "{'report-id':'r\\ud800'}",
        "report-id contains a lone surrogate (U+D800), which is no Unicode character");
    // Jackson itself refuses one in a field name, as it encodes names to UTF-8.
    assertRejected("{'x':{'\\udc00':1}}", "surrogate");
    assertThat(parse("{" + HEADER + ",'policies':[],'x':'\\ud83d\\ude00'}").unknownFields())
        .isEqualTo("{\"x\":\"\ud83d\ude00\"}");
  }

  @Test
  void bytes_that_are_no_text_are_malformed_json() {
    assertThatThrownBy(
            () -> parseBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"'}))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageStartingWith(NAME + ": malformed JSON at line 1, column ")
        .hasMessageContaining("UTF-8");
    // A zero byte first makes Jackson take UTF-32, which then breaks off.
    assertThatThrownBy(() -> parseBytes(new byte[] {0, 0, 0, '{', 0}))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageStartingWith(NAME + ": malformed JSON");
  }

  @Test
  void a_raw_nul_byte_is_malformed_json() {
    assertThatThrownBy(() -> parseBytes(json("{'report-id':'r\0'}").getBytes(UTF_8)))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageStartingWith(NAME + ": malformed JSON at line 1, column ")
        .hasMessageContaining("code 0");
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {
        "[] | the document is an array, not a JSON object",
        "'report' | the document is a string, not a JSON object",
        "42 | the document is a number, not a JSON object",
        "null | the document is null, not a JSON object"
      })
  void a_root_that_is_no_object_is_rejected(String json, String reason) {
    assertRejected(json, reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''", "'   '", "'\n\t'"})
  void an_empty_document_is_rejected(String json) {
    assertRejected(json, "the document is empty");
  }

  @Test
  void a_truncated_report_is_rejected_with_where_it_ends() {
    String whole = json("{" + HEADER + ",'policies':[" + POLICY + "]}");

    assertThatThrownBy(() -> parse(whole.substring(0, whole.length() - 3)))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(
            NAME
                + ": the JSON ends before the report does (truncated?), at line 1, column "
                + (whole.length() - 2));
    assertThatThrownBy(() -> parse(whole.substring(0, 40)))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageContaining("the JSON ends before the report does (truncated?)");
  }

  @Test
  void malformed_json_is_rejected_with_where_it_breaks() {
    String broken = "{" + HEADER + ",\n'policies':[}";

    assertThatThrownBy(() -> parse(broken))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(
            NAME
                + ": malformed JSON at line 2, column 13: Unexpected close marker '}': expected ']'"
                + " (for Array starting at line 2, column 12)");
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '`',
      delimiter = '|',
      value = {"{}", "[]", "x", "'\\u0000'", "}"})
  void anything_but_whitespace_after_the_report_is_rejected(String after) throws Exception {
    String report = json("{" + HEADER + ",'policies':[]}");

    assertThatThrownBy(() -> parse(report + " \n " + after))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(NAME + ": data after the report, at line 2, column 2");
    assertThat(parse(report + " \n\t\r ").reportId()).isEqualTo("r1");
  }

  // --- Hostile inputs: limits ---

  @Test
  void a_nesting_bomb_in_an_unknown_field_stops_at_the_depth_limit() {
    String bomb = "{'x':" + "[".repeat(100_000);

    assertThatThrownBy(() -> parse(bomb))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(
            NAME
                + ": Document nesting depth (33) exceeds the maximum allowed (32), at line 1,"
                + " column 37");
  }

  @Test
  void a_nesting_bomb_as_the_root_is_no_report() {
    assertRejected("[".repeat(100_000), "the document is an array, not a JSON object");
  }

  @Test
  void nesting_within_the_limit_is_kept() throws Exception {
    // The report object is level 1 and x level 2: 30 arrays inside x reach 32.
    String nested = "[".repeat(30) + "]".repeat(30);

    assertThat(parse("{" + HEADER + ",'policies':[],'x':{'y':" + nested + "}}").unknownFields())
        .isEqualTo("{\"x\":{\"y\":" + nested + "}}");
  }

  @Test
  void a_number_literal_longer_than_the_limit_is_rejected() {
    assertThatThrownBy(
            () ->
                parse(
                    "{'policies':[{'summary':{'total-failure-session-count':"
                        + "1".repeat(41)
                        + "}}]}"))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageContaining("Number value length (41) exceeds the maximum allowed (40)");
  }

  @Test
  void a_string_longer_than_the_limit_is_rejected() {
    String longId = "r".repeat(TlsBounds.MAX_STRING_LENGTH + 1);

    assertThatThrownBy(() -> parse("{'report-id':'" + longId + "'}"))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(
            NAME
                + ": String value length (1048577) exceeds the maximum allowed (1048576), at line"
                + " 1, column 14");
  }

  @Test
  void a_string_at_the_limit_is_kept() throws Exception {
    String longId = "r".repeat(TlsBounds.MAX_STRING_LENGTH);

    assertThat(
            parse("{" + HEADER.replace("'r1'", "'" + longId + "'") + ",'policies':[]}").reportId())
        .hasSize(TlsBounds.MAX_STRING_LENGTH);
  }

  @Test
  void a_field_name_longer_than_the_limit_is_rejected() {
    String name = "n".repeat(TlsBounds.MAX_NAME_LENGTH + 1);

    assertThatThrownBy(() -> parse("{" + HEADER + ",'" + name + "':1}"))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageContaining("Name length (1025) exceeds the maximum allowed (1024)");
  }

  @Test
  void a_report_of_100000_failure_details_is_rejected_at_the_limit_without_reading_the_rest()
      throws Exception {
    RepeatedJson json =
        new RepeatedJson(
            "{" + HEADER + ",'policies':[{'failure-details':[" + FAILURE,
            "," + FAILURE,
            99_999,
            "]}]}");

    assertThatThrownBy(() -> parser.parse(NAME, json))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(NAME + ": more than 10,000 failure-details (the limit)");
    // Stopping at the limit is what keeps memory and time bounded.
    assertThat(json.read).isLessThan(json.length / 5);
  }

  @Test
  void the_failure_details_limit_counts_the_whole_report_not_each_policy() throws Exception {
    String sixThousand = FAILURE + ("," + FAILURE).repeat(5_999);
    String policy =
        "{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
            + "'summary':{'total-successful-session-count':0,'total-failure-session-count':6000},"
            + "'failure-details':["
            + sixThousand
            + "]}";

    assertThat(parse("{" + HEADER + ",'policies':[" + policy + "]}").policies().get(0).failures())
        .hasSize(6_000);
    assertRejected(
        "{" + HEADER + ",'policies':[" + policy + "," + policy + "]}",
        "more than 10,000 failure-details (the limit)");
  }

  @Test
  void exactly_10000_failure_details_are_read() throws Exception {
    String failures = FAILURE + ("," + FAILURE).repeat(9_999);

    TlsPolicy policy =
        onlyPolicy(
            "{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
                + "'summary':{'total-successful-session-count':0,'total-failure-session-count':1},"
                + "'failure-details':["
                + failures
                + "]}");

    assertThat(policy.failures()).hasSize(10_000);
  }

  @Test
  void more_than_10000_policies_are_rejected_and_10000_are_read() throws Exception {
    String tenThousand = POLICY + ("," + POLICY).repeat(9_999);

    assertThat(parse("{" + HEADER + ",'policies':[" + tenThousand + "]}").policies())
        .hasSize(10_000);
    assertRejected(
        "{" + HEADER + ",'policies':[" + tenThousand + "," + POLICY + "]}",
        "more than 10,000 policies (the limit)");
  }

  @Test
  void more_than_100000_policy_strings_and_mx_hosts_are_rejected() {
    RepeatedJson json =
        new RepeatedJson(
            "{" + HEADER + ",'policies':[{'policy':{'policy-string':['a'",
            ",'a'",
            100_000,
            "]}}]}");

    assertThatThrownBy(() -> parser.parse(NAME, json))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(NAME + ": more than 100,000 policy-string and mx-host entries (the limit)");
  }

  @Test
  void unknown_fields_are_kept_only_up_to_the_limit_on_kept_text() {
    // 17 MB of small numbers in an array nobody asked for.
    RepeatedJson json =
        new RepeatedJson("{" + HEADER + ",'x':[1234567", ",1234567", 2_200_000, "]}");

    assertThatThrownBy(() -> parser.parse(NAME, json))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(
            NAME + ": more than 16,777,216 characters of text and unknown fields (the limit)");
    assertThat(json.read).isLessThan(json.length);
  }

  @Test
  void long_strings_are_kept_only_up_to_the_limit_on_kept_text() {
    String megabyte = "'" + "m".repeat(TlsBounds.MAX_STRING_LENGTH) + "'";
    RepeatedJson json =
        new RepeatedJson(
            "{" + HEADER + ",'policies':[{'policy':{'policy-string':[" + megabyte,
            "," + megabyte,
            20,
            "]}}]}");

    assertThatThrownBy(() -> parser.parse(NAME, json))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessage(
            NAME + ": more than 16,777,216 characters of text and unknown fields (the limit)");
  }

  @Test
  void one_parser_reads_many_reports_without_keeping_anything_from_one_to_the_next()
      throws Exception {
    // The limits are per report: 10,000 failure details each, three times over.
    String failures = FAILURE + ("," + FAILURE).repeat(9_999);
    String report =
        "{"
            + HEADER
            + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
            + "'summary':{'total-successful-session-count':0,'total-failure-session-count':1},"
            + "'failure-details':["
            + failures
            + "]}]}";

    for (int i = 0; i < 3; i++) {
      assertThat(parse(report).policies().get(0).failures()).hasSize(10_000);
    }
  }

  // --- Helpers ---

  /**
   * JSON generated as it is read, so that a report of millions of entries costs the test no memory;
   * {@link #read} tells how far the parser got.
   */
  private static final class RepeatedJson extends InputStream {
    private final byte[] head;
    private final byte[] unit;
    private final byte[] tail;
    private final long length;
    private long read;

    RepeatedJson(String head, String unit, int times, String tail) {
      this.head = json(head).getBytes(UTF_8);
      this.unit = json(unit).getBytes(UTF_8);
      this.tail = json(tail).getBytes(UTF_8);
      this.length = this.head.length + (long) this.unit.length * times + this.tail.length;
    }

    @Override
    public int read() {
      if (read >= length) {
        return -1;
      }
      long at = read++;
      if (at < head.length) {
        return head[(int) at] & 0xFF;
      }
      long inUnits = at - head.length;
      long unitsLength = length - head.length - tail.length;
      if (inUnits < unitsLength) {
        return unit[(int) (inUnits % unit.length)] & 0xFF;
      }
      return tail[(int) (inUnits - unitsLength)] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (count == 0) {
        return 0;
      }
      int n = 0;
      while (n < count) {
        int b = read();
        if (b < 0) {
          break;
        }
        buffer[offset + n++] = (byte) b;
      }
      return n == 0 ? -1 : n;
    }
  }

  /** {@code '} stands for {@code "}: JSON in Java strings stays readable. */
  private static String json(String text) {
    return text.replace('\'', '"');
  }

  private static String policyWithFailures(String failures) {
    return "{"
        + HEADER
        + ",'policies':[{'policy':{'policy-type':'sts','policy-domain':'example.com'},"
        + "'summary':{'total-successful-session-count':0,'total-failure-session-count':1},"
        + "'failure-details':["
        + failures
        + "]}]}";
  }

  private TlsReport parse(String text) throws ReportRejectedException {
    return parseBytes(json(text).getBytes(UTF_8));
  }

  private TlsReport parseBytes(byte[] bytes) throws ReportRejectedException {
    return parser.parse(NAME, new ByteArrayInputStream(bytes));
  }

  private TlsPolicy onlyPolicy(String policy) throws ReportRejectedException {
    TlsReport report = parse("{" + HEADER + ",'policies':[" + policy + "]}");
    assertThat(report.policies()).hasSize(1);
    return report.policies().get(0);
  }

  private void assertRejected(String text, String reason) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ReportRejectedException.class)
        .hasMessageStartingWith(NAME + ": ")
        .hasMessageContaining(reason);
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The JSON an e-mail report carries, gunzipped when it is {@code application/tlsrpt+gzip}. */
  private static byte[] attachedJson(Path eml) throws IOException, MessagingException {
    try (InputStream in = Files.newInputStream(eml)) {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
      byte[] json = findJson(message);
      assertThat(json).as(eml.toString()).isNotNull();
      return json;
    }
  }

  private static byte[] findJson(Part part) throws IOException, MessagingException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        byte[] json = findJson(child);
        if (json != null) {
          return json;
        }
      }
      return null;
    }
    if (!part.getContentType().toLowerCase().contains("tlsrpt")) {
      return null;
    }
    try (InputStream body = part.getInputStream()) {
      byte[] bytes = body.readAllBytes();
      if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GZIPInputStream(new ByteArrayInputStream(bytes)).transferTo(out);
        return out.toByteArray();
      }
      return bytes;
    }
  }
}
