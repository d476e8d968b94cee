package dev.puerto.arf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.puerto.parse.ReportRejectedException;
import dev.puerto.testing.SharedCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the failure report parser reads from the e-mails real reporters send. */
class FailureReportParserTest {
  private static final FailureReportParser PARSER = new FailureReportParser(false);
  private static final FailureReportParser KEEPING_BODIES = new FailureReportParser(true);

  /** An RFC 6591 report as the RFC shows it, every field given. */
  private static final String FEEDBACK =
      """
      Feedback-Type: auth-failure
      User-Agent: SomeGenerator/1.0
      Version: 1
      Reporting-MTA: dns; mx.receiver.example
      Original-Mail-From: <bounce@Mail.Sender.Example>
      Original-Rcpt-To: <alice@receiver.example>
      Original-Rcpt-To: bob@receiver.example
      Arrival-Date: Tue, 8 Oct 2024 13:15:58 -0700
      Source-IP: 192.0.2.1 (relay.sender.example)
      Reported-Domain: Sender.Example.
      Authentication-Results: mx.receiver.example;
        dmarc=fail header.from=sender.example
      Auth-Failure: DMARC
      Delivery-Result: Reject
      Identity-Alignment: DKIM
      DKIM-Domain: Sender.Example
      DKIM-Selector: sel1
      DKIM-Identity: @sender.example
      SPF-DNS: txt : sender.example : "v=spf1 -all"
      """;

  private static final String RETURNED =
      """
      Authentication-Results: mx.receiver.example; dkim=fail header.d=sender.example
      Authentication-Results: mx.receiver.example;
        spf=fail smtp.mailfrom=sender.example
      From: "Sender =?UTF-8?Q?M=C3=BCller?=" <news@Sender.Example>
      To: alice@receiver.example
      Subject: =?UTF-8?B?UmVjaG51bmcgZsO8ciBPa3RvYmVy?=
      Date: Tue, 8 Oct 2024 16:15:24 -0400
      Message-ID: <87913910.1318094604546@out.sender.example>
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: quoted-printable
      """;

  private static String report(String feedback, String returnedType, String returned) {
    return """
        From: "Receiver Feedback" <Feedback@Receiver.Example>
        To: dmarc-ruf@sender.example
        Subject: FW: Rechnung
        Date: Wed, 9 Oct 2024 08:00:00 +0200
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report;
          boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        This is an authentication failure report for an email message received
        from IP 198.51.100.9 on Tue, 8 Oct 2024 20:15:58 +0000.

        --b1
        Content-Type: message/feedback-report

        %s
        --b1
        Content-Type: %s

        %s
        --b1--
        """
        .formatted(feedback, returnedType, returned);
  }

  private static String complete() {
    return report(FEEDBACK, "message/rfc822", RETURNED + "\nGr=C3=BC=C3=9Fe from the body\n");
  }

  private static FailureReport parse(String email) throws ReportRejectedException {
    return parse(PARSER, email);
  }

  private static FailureReport parse(FailureReportParser parser, String email)
      throws ReportRejectedException {
    return parser.parse("report.eml", bytes(email));
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String crlf(String lf) {
    return lf.replace("\n", "\r\n");
  }

  private static Instant instant(String iso) {
    return Instant.parse(iso);
  }

  private static InetAddress ip(String literal) throws IOException {
    return InetAddress.getByName(literal); // literals only: no lookup
  }

  @Nested
  class Rfc6591Reports {
    @Test
    void every_field_of_the_feedback_part_is_read_unfolded_and_normalised() throws Exception {
      FailureReport report = parse(complete());

      assertThat(report.name()).isEqualTo("report.eml");
      assertThat(report.reporter()).isEqualTo("feedback@receiver.example");
      assertThat(report.reportSubject()).isEqualTo("FW: Rechnung");
      assertThat(report.reportDate()).isEqualTo(instant("2024-10-09T06:00:00Z"));
      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.version()).isEqualTo("1");
      assertThat(report.userAgent()).isEqualTo("SomeGenerator/1.0");
      assertThat(report.reportingMta()).isEqualTo("dns; mx.receiver.example");
      assertThat(report.reportedDomain()).isEqualTo("sender.example");
      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.1"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2024-10-08T20:15:58Z"));
      assertThat(report.authFailure()).isEqualTo("dmarc");
      assertThat(report.originalMailFrom()).isEqualTo("bounce@Mail.Sender.Example");
      assertThat(report.originalRcptTo()).isEqualTo("alice@receiver.example, bob@receiver.example");
      assertThat(report.deliveryResult()).isEqualTo("reject");
      assertThat(report.identityAlignment()).isEqualTo("dkim");
      assertThat(report.dkimDomain()).isEqualTo("sender.example");
      assertThat(report.dkimSelector()).isEqualTo("sel1");
      assertThat(report.dkimIdentity()).isEqualTo("@sender.example");
      assertThat(report.spfDns()).isEqualTo("txt : sender.example : \"v=spf1 -all\"");
      assertThat(report.authenticationResults())
          .isEqualTo("mx.receiver.example; dmarc=fail header.from=sender.example");
    }

    @Test
    void a_complete_report_lacks_nothing() throws Exception {
      assertThat(parse(complete()).missing()).isEmpty();
    }

    @Test
    void the_returned_message_gives_its_from_domain_decoded_headers_and_authentication_results()
        throws Exception {
      ReturnedMessage returned = parse(complete()).returned();

      assertThat(returned.headerFrom()).isEqualTo("sender.example");
      assertThat(returned.from()).isEqualTo("\"Sender Müller\" <news@Sender.Example>");
      assertThat(returned.subject()).isEqualTo("Rechnung für Oktober");
      assertThat(returned.messageId()).isEqualTo("87913910.1318094604546@out.sender.example");
      assertThat(returned.date()).isEqualTo(instant("2024-10-08T20:15:24Z"));
      assertThat(returned.authenticationResults())
          .isEqualTo(
              "mx.receiver.example; dkim=fail header.d=sender.example\n"
                  + "mx.receiver.example; spf=fail smtp.mailfrom=sender.example");
      assertThat(returned.headers())
          .startsWith("Authentication-Results: mx.receiver.example; dkim=fail")
          .contains("Subject: =?UTF-8?B?UmVjaG51bmcgZsO8ciBPa3RvYmVy?=\n")
          .endsWith("Content-Transfer-Encoding: quoted-printable\n");
    }

    @Test
    void crlf_and_lf_line_endings_give_the_same_report() throws Exception {
      assertThat(parse(crlf(complete()))).isEqualTo(parse(complete()));
      assertThat(parse(KEEPING_BODIES, crlf(complete())))
          .isEqualTo(parse(KEEPING_BODIES, complete()));
    }

    @Test
    void mixed_line_endings_give_the_same_report() throws Exception {
      String lf = complete();
      StringBuilder mixed = new StringBuilder();
      String[] lines = lf.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        mixed.append(lines[i]).append(i == lines.length - 1 ? "" : i % 2 == 0 ? "\r\n" : "\n");
      }
      assertThat(parse(mixed.toString())).isEqualTo(parse(lf));
    }

    @Test
    void field_names_are_case_insensitive() throws Exception {
      String feedback =
          """
          feedback-type: auth-failure
          SOURCE-IP: 192.0.2.7
          reported-domain: sender.example
          ARRIVAL-date: Tue, 8 Oct 2024 13:15:58 -0700
          """;
      FailureReport report = parse(report(feedback, "text/rfc822-headers", RETURNED));

      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.7"));
      assertThat(report.reportedDomain()).isEqualTo("sender.example");
      assertThat(report.arrivalDate()).isEqualTo(instant("2024-10-08T20:15:58Z"));
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void received_date_stands_in_for_arrival_date() throws Exception {
      String feedback = FEEDBACK.replace("Arrival-Date:", "Received-Date:");

      FailureReport report = parse(report(feedback, "message/rfc822", RETURNED));

      assertThat(report.arrivalDate()).isEqualTo(instant("2024-10-08T20:15:58Z"));
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void an_ipv6_source_ip_in_brackets_is_read() throws Exception {
      String feedback = FEEDBACK.replace("192.0.2.1 (relay.sender.example)", "[2001:db8::25]");

      assertThat(parse(report(feedback, "message/rfc822", RETURNED)).sourceIp())
          .isEqualTo(ip("2001:db8::25"));
    }

    @Test
    void a_source_ip_that_is_a_host_name_is_null_and_noted() throws Exception {
      String feedback = FEEDBACK.replace("192.0.2.1 (relay.sender.example)", "relay.example");

      FailureReport report = parse(report(feedback, "message/rfc822", RETURNED));

      assertThat(report.sourceIp()).isNull();
      assertThat(report.missing()).containsExactly("Source-IP not an IP address: relay.example");
    }

    @Test
    void an_empty_original_mail_from_is_the_null_reverse_path() throws Exception {
      String feedback =
          FEEDBACK.replace(
              "Original-Mail-From: <bounce@Mail.Sender.Example>", "Original-Mail-From: <>");

      assertThat(parse(report(feedback, "message/rfc822", RETURNED)).originalMailFrom()).isEmpty();
    }
  }

  @Nested
  class ReporterDeviations {
    @Test
    void a_text_plain_part_holding_arf_fields_stands_in_for_the_feedback_part() throws Exception {
      String email =
          complete().replace("Content-Type: message/feedback-report", "Content-Type: text/plain");

      FailureReport report = parse(email);

      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.1"));
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void a_base64_feedback_part_with_crlf_fields_is_decoded() throws Exception {
      String encoded = Base64.getMimeEncoder().encodeToString(crlf(FEEDBACK).getBytes());
      String email =
          complete()
              .replace(
                  "Content-Type: message/feedback-report\n\n" + FEEDBACK,
                  "Content-Type: message/feedback-report\nContent-Transfer-Encoding: base64\n\n"
                      + encoded.replace("\r\n", "\n")
                      + "\n");

      assertThat(parse(email)).isEqualTo(parse(complete()));
    }

    @Test
    void a_quoted_printable_text_plain_feedback_part_is_decoded() throws Exception {
      String qp = FEEDBACK.replace("=", "=3D").replace("Source-IP: 192", "Source-IP: =31=39=32");
      String email =
          complete()
              .replace(
                  "Content-Type: message/feedback-report\n\n" + FEEDBACK,
                  "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n" + qp);

      assertThat(parse(email)).isEqualTo(parse(complete()));
    }

    @Test
    void headers_only_in_text_rfc822_headers_give_a_returned_message_without_body()
        throws Exception {
      FailureReport report =
          parse(KEEPING_BODIES, report(FEEDBACK, "text/rfc822-headers", RETURNED));

      assertThat(report.returned().messageId())
          .isEqualTo("87913910.1318094604546@out.sender.example");
      assertThat(report.returned().headerFrom()).isEqualTo("sender.example");
      assertThat(report.returned().body()).isNull();
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void a_base64_message_rfc822_part_is_decoded() throws Exception {
      String encoded = Base64.getMimeEncoder().encodeToString(RETURNED.getBytes());
      String email = report(FEEDBACK, "message/rfc822\nContent-Transfer-Encoding: base64", encoded);

      assertThat(parse(email).returned().subject()).isEqualTo("Rechnung für Oktober");
    }

    @Test
    void a_report_without_arrival_date_takes_it_from_the_sentence_and_says_so() throws Exception {
      String feedback = FEEDBACK.replace("Arrival-Date: Tue, 8 Oct 2024 13:15:58 -0700\n", "");

      FailureReport report = parse(report(feedback, "message/rfc822", RETURNED));

      assertThat(report.arrivalDate()).isEqualTo(instant("2024-10-08T20:15:58Z"));
      assertThat(report.missing()).containsExactly("Arrival-Date read from the report's text");
    }

    @Test
    void a_report_without_source_ip_takes_it_from_the_netease_sentence_and_says_so()
        throws Exception {
      String feedback = FEEDBACK.replace("Source-IP: 192.0.2.1 (relay.sender.example)\n", "");

      FailureReport report = parse(report(feedback, "message/rfc822", RETURNED));

      assertThat(report.sourceIp()).isEqualTo(ip("198.51.100.9"));
      assertThat(report.missing()).containsExactly("Source-IP read from the report's text");
    }

    @Test
    void a_report_with_nothing_to_fall_back_on_says_in_words_what_it_lacks() throws Exception {
      String email =
          """
          From: reporter@receiver.example
          Content-Type: multipart/report; report-type=feedback-report; boundary=x

          --x
          Content-Type: message/feedback-report

          Feedback-Type: auth-failure
          User-Agent: X/1
          --x--
          """;

      FailureReport report = parse(email);

      assertThat(report.missing())
          .containsExactly(
              "no Reported-Domain",
              "no Source-IP",
              "no Arrival-Date",
              "no returned message or headers");
      assertThat(report.reportedDomain()).isNull();
      assertThat(report.returned()).isNull();
    }

    @Test
    void the_reported_domain_is_taken_from_the_returned_from_when_the_report_lacks_it()
        throws Exception {
      String feedback = FEEDBACK.replace("Reported-Domain: Sender.Example.\n", "");

      FailureReport report = parse(report(feedback, "message/rfc822", RETURNED));

      assertThat(report.reportedDomain()).isEqualTo("sender.example");
      assertThat(report.missing())
          .containsExactly("Reported-Domain taken from the returned message's From");
    }

    @Test
    void a_localised_subject_in_rfc_2047_is_decoded() throws Exception {
      String email =
          complete()
              .replace(
                  "Subject: FW: Rechnung",
                  "Subject: =?GB2312?B?RE1BUkMgyqew3LGouOY=?=\n =?UTF-8?Q?_f=C3=BCr_sender.example?=");

      assertThat(parse(email).reportSubject()).isEqualTo("DMARC 失败报告 für sender.example");
    }

    @Test
    void an_mbox_from_line_before_the_headers_is_passed_over() throws Exception {
      FailureReport report =
          parse("From feedback@receiver.example Tue Apr 30 02:09:16 2019\n" + complete());

      assertThat(report).isEqualTo(parse(complete()));
    }
  }

  @Nested
  class Dates {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "Tue, 8 Oct 2024 22:15:58 +0200       | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 22:15:58 CEST        | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 22:15:58 (CEST)      | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 22:15:58 +0200 (CEST) | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 13:15:58 PDT         | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 20:15:58 UTC         | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 20:15:58 GMT         | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 20:15 +0000          | 2024-10-08T20:15:00Z",
          "8 Oct 2024 20:15:58 +0000 (GMT)      | 2024-10-08T20:15:58Z",
          "08 Oct 2024 22:15:58 +0200           | 2024-10-08T20:15:58Z",
          "Tue,  8 Oct 24 20:15:58 +0000        | 2024-10-08T20:15:58Z",
          "Tue Oct  8 20:15:58 2024             | 2024-10-08T20:15:58Z",
          "2024-10-08T22:15:58+02:00            | 2024-10-08T20:15:58Z",
          "2024-10-08 20:15:58.123 +0000 UTC    | 2024-10-08T20:15:58Z",
          "Tue, 8 Oct 2024 20:15:58             | 2024-10-08T20:15:58Z",
        })
    void arrival_dates_are_read_liberally(String written, String meant) throws Exception {
      String feedback =
          FEEDBACK.replace(
              "Arrival-Date: Tue, 8 Oct 2024 13:15:58 -0700", "Arrival-Date: " + written);

      assertThat(parse(report(feedback, "message/rfc822", RETURNED)).arrivalDate())
          .isEqualTo(instant(meant));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "yesterday",
          "Tue, 8 Oct 2024",
          "Tue, 32 Oct 2024 20:15:58 +0000",
          "Tue, 8 Oct 2024 20:15:58 XYZT"
        })
    void an_unreadable_arrival_date_is_null_and_noted(String written) throws Exception {
      String feedback =
          FEEDBACK.replace(
              "Arrival-Date: Tue, 8 Oct 2024 13:15:58 -0700", "Arrival-Date: " + written);
      String email =
          report(feedback, "message/rfc822", RETURNED)
              .replace(" on Tue, 8 Oct 2024 20:15:58 +0000", "");

      FailureReport report = parse(email);

      assertThat(report.arrivalDate()).isNull();
      assertThat(report.missing()).containsExactly("Arrival-Date not understood: " + written);
    }
  }

  @Nested
  class OtherFeedbackTypes {
    @ParameterizedTest
    @ValueSource(strings = {"abuse", "fraud", "other", "Virus"})
    void an_rfc_5965_report_leaves_the_fields_it_lacks_null(String type) throws Exception {
      String feedback =
          """
          Feedback-Type: %s
          User-Agent: SomeGenerator/1.0
          Version: 1
          """
              .formatted(type);

      FailureReport report = parse(report(feedback, "message/rfc822", RETURNED));

      assertThat(report.feedbackType()).isEqualTo(type.toLowerCase());
      assertThat(report.userAgent()).isEqualTo("SomeGenerator/1.0");
      assertThat(report.authFailure()).isNull();
      assertThat(report.originalMailFrom()).isNull();
      assertThat(report.originalRcptTo()).isNull();
      assertThat(report.deliveryResult()).isNull();
      assertThat(report.dkimDomain()).isNull();
      assertThat(report.authenticationResults()).isNull();
      assertThat(report.returned().messageId())
          .isEqualTo("87913910.1318094604546@out.sender.example");
    }
  }

  @Nested
  class PlainTextReports {
    private static final String EXIM =
        """
        From: no-reply@mailgate.receiver.example
        Subject: DMARC Forensic Report for sender.example from IP 203.0.113.68
        Date: Mon, 07 Apr 2025 23:16:09 +0200
        Content-Type: multipart/report; boundary="==x=="

        --==x==
        Content-Type: text/plain; charset="us-ascii"

        A message claiming to be from you has failed the published DMARC policy for your domain.

          Sender Domain: Sender.Example
          Sender IP Address: 203.0.113.68
          Received date: Mon, 07 Apr 2025 23:16:09 +0200
          SPF Alignment: no

        ------ This is a copy of the headers that were received before the error was detected.

        Received: from [203.0.113.68] (helo=client)
        	by mailgate.receiver.example with esmtp
        From: <user@sender.example>
        Subject: Payment from your account.
        Message-Id: <1341@sender.example>
        Authentication-Results: mailgate.receiver.example;
        	dmarc=none header.from=sender.example

        --==x==--
        """;

    @Test
    void an_exim_plain_text_report_is_read_from_its_wording() throws Exception {
      FailureReport report = parse(EXIM);

      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.reportedDomain()).isEqualTo("sender.example");
      assertThat(report.sourceIp()).isEqualTo(ip("203.0.113.68"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2025-04-07T21:16:09Z"));
      assertThat(report.returned().headerFrom()).isEqualTo("sender.example");
      assertThat(report.returned().subject()).isEqualTo("Payment from your account.");
      assertThat(report.returned().messageId()).isEqualTo("1341@sender.example");
      assertThat(report.returned().authenticationResults())
          .isEqualTo("mailgate.receiver.example; dmarc=none header.from=sender.example");
      assertThat(report.returned().headers()).startsWith("Received: from [203.0.113.68]");
      assertThat(report.missing())
          .containsExactly("no ARF part; fields read from the report's text");
    }

    @Test
    void a_plain_single_part_e_mail_is_read_from_its_wording_too() throws Exception {
      String plain =
          EXIM.replace("Content-Type: multipart/report; boundary=\"==x==\"\n\n--==x==\n", "")
              .replace("--==x==--\n", "");

      FailureReport report = parse(plain);

      assertThat(report.reportedDomain()).isEqualTo("sender.example");
      assertThat(report.sourceIp()).isEqualTo(ip("203.0.113.68"));
      assertThat(report.returned().messageId()).isEqualTo("1341@sender.example");
    }

    @Test
    void a_crlf_plain_text_report_reads_the_same() throws Exception {
      assertThat(parse(crlf(EXIM))).isEqualTo(parse(EXIM));
    }
  }

  @Nested
  class Bodies {
    @Test
    void with_keep_bodies_on_a_text_body_is_kept_decoded() throws Exception {
      assertThat(parse(KEEPING_BODIES, complete()).returned().body())
          .isEqualTo("Grüße from the body\n");
    }

    @Test
    void with_keep_bodies_off_no_body_is_kept() throws Exception {
      assertThat(parse(complete()).returned().body()).isNull();
    }

    @Test
    void a_multipart_body_is_kept_as_received() throws Exception {
      String returned =
          """
          From: news@sender.example
          Content-Type: multipart/alternative; boundary="inner"

          --inner
          Content-Type: text/plain; charset=utf-8
          Content-Transfer-Encoding: quoted-printable

          Gr=C3=BC=C3=9Fe
          --inner--
          """;

      String body =
          parse(KEEPING_BODIES, report(FEEDBACK, "message/rfc822", returned)).returned().body();

      assertThat(body).startsWith("--inner\n").contains("Gr=C3=BC=C3=9Fe").endsWith("--inner--\n");
    }

    @Test
    void a_body_over_one_mebibyte_is_cut_and_says_so() throws Exception {
      String big = "x".repeat(999) + "\n";
      String email =
          report(FEEDBACK, "message/rfc822", "From: a@sender.example\n\n" + big.repeat(2000));

      String body = parse(KEEPING_BODIES, email).returned().body();

      assertThat(body).endsWith("\n(truncated)").hasSizeLessThanOrEqualTo((1 << 20) + 20);
    }
  }

  @Nested
  class RealReports {
    private FailureReport real(String file) throws Exception {
      Path folder = SharedCorpus.require().root().resolve("forensic");
      assumeTrue(Files.isDirectory(folder), "no forensic corpus at " + folder);
      try (InputStream in = Files.newInputStream(folder.resolve(file))) {
        return PARSER.parse(file, in);
      }
    }

    @Test
    void opendmarc_reports_without_arrival_date_take_it_from_their_sentence() throws Exception {
      FailureReport report = real("mailauth__004.eml");

      assertThat(report.reporter()).isEqualTo("opendmarc@box.mydomain.name");
      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.userAgent()).isEqualTo("OpenDMARC-Filter/1.3.2");
      assertThat(report.reportedDomain()).isEqualTo("interpublication.org");
      assertThat(report.sourceIp()).isEqualTo(ip("148.163.85.135"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2021-10-05T04:37:02Z"));
      assertThat(report.authFailure()).isEqualTo("dmarc");
      assertThat(report.originalMailFrom()).isEqualTo("info@interpublication.org");
      assertThat(report.returned().headerFrom()).isEqualTo("interpublication.org");
      assertThat(report.returned().from()).isEqualTo("\"Rolf Bader\" <info@interpublication.org>");
      assertThat(report.returned().messageId()).isNull();
      assertThat(report.returned().date()).isEqualTo(instant("2021-10-05T04:36:51Z"));
      assertThat(report.missing()).containsExactly("Arrival-Date read from the report's text");
    }

    @Test
    void the_rfc_6591_example_is_complete() throws Exception {
      FailureReport report = real("mailauth__005.eml");

      assertThat(report.reporter()).isEqualTo("feedback@mail.receiver.example");
      assertThat(report.reportDate()).isEqualTo(instant("2011-10-08T20:15:59Z"));
      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.reportedDomain()).isEqualTo("a.sender.example");
      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.1"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2011-10-08T20:15:58Z"));
      assertThat(report.authFailure()).isEqualTo("bodyhash");
      assertThat(report.dkimDomain()).isEqualTo("sender.example");
      assertThat(report.dkimSelector()).isEqualTo("testkey");
      assertThat(report.dkimIdentity()).isEqualTo("@sender.example");
      assertThat(report.authenticationResults())
          .isEqualTo(
              "mta1011.mail.tp2.receiver.example; dkim=fail (bodyhash) header.d=sender.example");
      assertThat(report.returned().headerFrom()).isEqualTo("a.sender.example");
      assertThat(report.returned().messageId())
          .isEqualTo("87913910.1318094604546@out.sender.example");
      assertThat(report.returned().subject()).isEqualTo("You have a new bill from your bank");
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void the_lua_ecelerity_report_returns_a_whole_message() throws Exception {
      FailureReport report =
          real(
              "parsedmarc__DMARC Failure Report for domain.de (mail-from=sharepoint@domain.de, ip=10.10.10.10).eml");

      assertThat(report.reporter()).isEqualTo("dmarc-report@domain.de");
      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.reportedDomain()).isEqualTo("domain.de");
      assertThat(report.sourceIp()).isEqualTo(ip("10.10.10.10"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2018-10-01T09:20:27Z"));
      assertThat(report.originalRcptTo()).isEqualTo("peter.pan@domain.de");
      assertThat(report.deliveryResult()).isEqualTo("smg-policy-action");
      assertThat(report.returned().headerFrom()).isEqualTo("domain.de");
      assertThat(report.returned().from())
          .isEqualTo("\"Interaktive Wettbewerber-Übersicht\" <sharepoint@domain.de>");
      assertThat(report.returned().messageId()).isEqualTo("38.E7.30937.BD6E1BB5@ mailrelay.de");
      assertThat(report.returned().date()).isEqualTo(instant("2018-10-01T09:20:27Z"));
      assertThat(report.returned().body()).isNull();
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void the_netease_report_has_its_feedback_part_in_base64_with_crlf_fields() throws Exception {
      FailureReport report = real("parsedmarc__[Netease DMARC Failure Report] Rent Reminder.eml");

      assertThat(report.reporter()).isEqualTo("abuse@163.com");
      assertThat(report.reportSubject()).isEqualTo("[Netease DMARC Failure Report] Rent Reminder");
      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.userAgent()).isEqualTo("NtesDmarcReporter/1.0");
      assertThat(report.reportedDomain()).isEqualTo("cardinal.com");
      assertThat(report.sourceIp()).isEqualTo(ip("167.89.69.24"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2018-09-28T08:48:42Z"));
      assertThat(report.originalMailFrom())
          .isEqualTo("bounces+1137616-c1ad-xsj399=163.com@email.entrata.com");
      assertThat(report.dkimDomain()).isEqualTo("entrata.com");
      assertThat(report.deliveryResult()).isEqualTo("delivered");
      assertThat(report.identityAlignment()).isEqualTo("spf,dkim");
      assertThat(report.returned().headerFrom()).isEqualTo("cardinal.com");
      assertThat(report.returned().messageId())
          .isEqualTo("oguVx1AxQayV5Sv2nYK-rA@ismtpd0007p1las1.sendgrid.net");
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void the_linkedin_report_reads_the_same_with_lf_and_crlf() throws Exception {
      FailureReport lf = real("parsedmarc__dmarc_ruf_report_linkedin.eml");
      FailureReport crlf = real("parsedmarc__dmarc_ruf_report_linkedin.crlf.eml");

      assertThat(lf.reporter()).isEqualTo("dmarc-noreply@linkedin.com");
      assertThat(lf.feedbackType()).isEqualTo("auth-failure");
      assertThat(lf.reportedDomain()).isEqualTo("example.com");
      assertThat(lf.sourceIp()).isEqualTo(ip("10.10.10.10"));
      assertThat(lf.arrivalDate()).isEqualTo(instant("2019-04-30T02:09:00Z"));
      assertThat(lf.originalMailFrom()).isEmpty();
      assertThat(lf.originalRcptTo()).isEqualTo("recipient@linkedin.com");
      assertThat(lf.returned().headerFrom()).isEqualTo("example.com");
      assertThat(lf.returned().messageId())
          .isEqualTo("01010101010101010101010101010101@ABAB01MS0016.someserver.loc");
      assertThat(lf.missing()).isEmpty();
      assertThat(crlf)
          .isEqualTo(
              new FailureReport(
                  crlf.name(),
                  lf.reporter(),
                  lf.reportSubject(),
                  lf.reportDate(),
                  lf.feedbackType(),
                  lf.version(),
                  lf.userAgent(),
                  lf.reportingMta(),
                  lf.reportedDomain(),
                  lf.sourceIp(),
                  lf.arrivalDate(),
                  lf.authFailure(),
                  lf.originalMailFrom(),
                  lf.originalRcptTo(),
                  lf.deliveryResult(),
                  lf.identityAlignment(),
                  lf.dkimDomain(),
                  lf.dkimSelector(),
                  lf.dkimIdentity(),
                  lf.spfDns(),
                  lf.authenticationResults(),
                  lf.returned(),
                  lf.missing()));
    }

    @Test
    void the_exim_report_without_arf_part_is_read_from_its_wording() throws Exception {
      FailureReport report = real("parsedmarc__exim_plain_text_only_no_arf_part.eml");

      assertThat(report.reporter()).isEqualTo("no-reply@node01.mailgate.example.net");
      assertThat(report.feedbackType()).isEqualTo("auth-failure");
      assertThat(report.reportedDomain()).isEqualTo("example.com");
      assertThat(report.sourceIp()).isEqualTo(ip("203.0.113.68"));
      assertThat(report.arrivalDate()).isEqualTo(instant("2025-04-07T21:16:09Z"));
      assertThat(report.returned().headerFrom()).isEqualTo("example.com");
      assertThat(report.returned().messageId())
          .isEqualTo("134117F8-2145-AECE-9CCA-25FC98731341@example.com");
      assertThat(report.returned().authenticationResults()).hasLineCount(2);
      assertThat(report.missing())
          .containsExactly("no ARF part; fields read from the report's text");
    }
  }

  @Nested
  class HostileInput {
    @Test
    void a_nul_in_a_feedback_field_is_rejected_naming_the_field() {
      String feedback =
          FEEDBACK.replace("Reported-Domain: Sender.Example.", "Reported-Domain: sender\0.example");

      assertThatThrownBy(() -> parse(report(feedback, "message/rfc822", RETURNED)))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessageStartingWith("report.eml: ")
          .hasMessageContaining("Reported-Domain")
          .hasMessageContaining("U+0000");
    }

    @Test
    void a_nul_in_the_returned_headers_becomes_a_replacement_character() throws Exception {
      String returned =
          RETURNED.replace(
              "Subject: =?UTF-8?B?UmVjaG51bmcgZsO8ciBPa3RvYmVy?=", "Subject: bad\0subject");

      ReturnedMessage message = parse(report(FEEDBACK, "message/rfc822", returned)).returned();

      assertThat(message.subject()).isEqualTo("bad\uFFFDsubject");
      assertThat(message.headers()).contains("bad\uFFFDsubject").doesNotContain("\0");
    }

    @Test
    void a_ten_megabyte_header_line_in_the_report_is_cut_and_the_report_still_read()
        throws Exception {
      String email = "X-Long: " + "a".repeat(10 << 20) + "\n" + complete();

      FailureReport report = parse(email);

      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.1"));
      assertThat(report.missing()).isEmpty();
    }

    @Test
    void a_ten_megabyte_header_line_in_the_returned_headers_is_cut_and_says_so() throws Exception {
      String returned = "X-Long: " + "a".repeat(10 << 20) + "\n" + RETURNED;

      ReturnedMessage message = parse(report(FEEDBACK, "text/rfc822-headers", returned)).returned();

      assertThat(message.headers())
          .hasSizeLessThanOrEqualTo((64 << 10) + 20)
          .endsWith("(truncated)");
      assertThat(message.messageId()).isEqualTo("87913910.1318094604546@out.sender.example");
    }

    @Test
    void of_a_hundred_thousand_mime_parts_only_the_first_hundreds_are_examined() throws Exception {
      StringBuilder email = new StringBuilder(complete().replace("--b1--\n", ""));
      for (int i = 0; i < 100_000; i++) {
        email.append("--b1\nContent-Type: text/html\n\n<p>").append(i).append("</p>\n");
      }
      email.append("--b1--\n");

      FailureReport report = parse(email.toString());

      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.1"));
      assertThat(report.missing()).containsExactly("MIME parts after the first 500 not examined");
    }

    @Test
    void a_feedback_part_after_the_part_limit_is_not_found() {
      StringBuilder email =
          new StringBuilder(
              "From: a@receiver.example\nContent-Type: multipart/mixed; boundary=b1\n\n");
      for (int i = 0; i < 100_000; i++) {
        email.append("--b1\nContent-Type: text/html\n\n<p>").append(i).append("</p>\n");
      }
      email
          .append("--b1\nContent-Type: message/feedback-report\n\n")
          .append(FEEDBACK)
          .append("--b1--\n");

      assertThatThrownBy(() -> parse(email.toString()))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessageContaining("not a failure report");
    }

    @Test
    void mime_nested_ten_thousand_deep_is_passed_over_below_the_depth_limit() throws Exception {
      StringBuilder nested = new StringBuilder();
      for (int i = 0; i < 10_000; i++) {
        nested
            .append("Content-Type: multipart/mixed; boundary=n")
            .append(i)
            .append("\n\n--n")
            .append(i)
            .append("\n");
      }
      nested.append("Content-Type: message/feedback-report\n\nFeedback-Type: abuse\n");
      String email = complete().replace("--b1--\n", "--b1\n" + nested + "--b1--\n");

      FailureReport report = parse(email);

      assertThat(report.feedbackType()).isEqualTo("auth-failure"); // the first, not the buried one
      assertThat(report.missing())
          .containsExactly("MIME parts nested deeper than 32 levels not examined");
    }

    @Test
    void a_fifty_megabyte_feedback_part_is_read_only_to_its_bound() throws Exception {
      String[] around =
          complete()
              .split(
                  "(?<=Content-Type: message/feedback-report\n\n"
                      + FEEDBACK.replace("(", "\\(").replace(")", "\\)")
                      + ")");
      InputStream email =
          new SequenceInputStream(
              Collections.enumeration(
                  List.of(
                      bytes(around[0]),
                      new Repeated("X-Padding: 0123456789abcdef\n", 50 << 20),
                      bytes(around[1]))));

      FailureReport report = PARSER.parse("big.eml", email);

      assertThat(report.sourceIp()).isEqualTo(ip("192.0.2.1"));
      assertThat(report.returned().messageId())
          .isEqualTo("87913910.1318094604546@out.sender.example");
      assertThat(report.missing())
          .containsExactly("feedback part longer than 64 KiB; only its start read");
    }

    @Test
    void an_e_mail_that_is_not_a_failure_report_is_rejected_with_the_reason() {
      String newsletter =
          """
          From: news@shop.example
          Subject: Our autumn sale
          Content-Type: multipart/alternative; boundary=a

          --a
          Content-Type: text/plain

          Everything half price.
          --a
          Content-Type: text/html

          <p>Everything half price.</p>
          --a--
          """;

      assertThatThrownBy(() -> parse(newsletter))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessage(
              "report.eml: not a failure report: no feedback-report fields, no reported domain,"
                  + " no source IP and no returned message or headers");
    }

    @Test
    void a_text_part_of_one_long_line_of_white_space_is_read_through() {
      String email =
          "From: a@receiver.example\nContent-Type: text/plain\n\n"
              + " \t".repeat(200_000)
              + "received from IP 192.0.2.1 on nonsense";

      // Wording patterns that backtracked would never finish this.
      assertThatThrownBy(() -> parse(email))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessageContaining("not a failure report");
    }

    @Test
    void garbage_bytes_are_rejected() {
      byte[] garbage = new byte[4 << 20];
      new Random(6591).nextBytes(garbage);

      assertThatThrownBy(() -> PARSER.parse("garbage.bin", new ByteArrayInputStream(garbage)))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessageStartingWith("garbage.bin: not a failure report");
    }

    @Test
    void an_empty_e_mail_is_rejected() {
      assertThatThrownBy(() -> parse(""))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessageContaining("not a failure report");
    }

    @Test
    void an_unreadable_stream_is_rejected_with_its_cause() {
      InputStream broken =
          new InputStream() {
            @Override
            public int read() throws IOException {
              throw new IOException("disk gone");
            }
          };

      assertThatThrownBy(() -> PARSER.parse("broken.eml", broken))
          .isInstanceOf(ReportRejectedException.class)
          .hasMessage("broken.eml: cannot read the e-mail: disk gone")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  /** A line repeated to a size, without holding it. */
  private static final class Repeated extends InputStream {
    private final byte[] line;
    private long left;
    private int at;

    Repeated(String line, long size) {
      this.line = line.getBytes(StandardCharsets.US_ASCII);
      this.left = size;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      byte b = line[at];
      at = (at + 1) % line.length;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = line[at];
        at = (at + 1) % line.length;
      }
      left -= n;
      return n;
    }
  }
}
