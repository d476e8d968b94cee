package dev.puerto.unpack;

import static dev.puerto.unpack.Inputs.REPORT;
import static dev.puerto.unpack.Inputs.attachment;
import static dev.puerto.unpack.Inputs.concat;
import static dev.puerto.unpack.Inputs.gzip;
import static dev.puerto.unpack.Inputs.mail;
import static dev.puerto.unpack.Inputs.report;
import static dev.puerto.unpack.Inputs.zip;
import static dev.puerto.unpack.RecordingVisitor.unpack;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.generate.RandomMail;
import dev.puerto.unpack.RecordingVisitor.Seen;
import dev.puerto.unpack.UnpackProblem.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** E-mails and mbox files: which parts are reports, and what the rest is reported as. */
class MailUnpackTest {

  @Test
  void base64ZipAttachmentYieldsItsEntries() throws IOException {
    byte[] email =
        mail(
            "This is an aggregate report from google.com.",
            attachment(
                "google.com!example.com!1.zip",
                "application/zip",
                zip(entry("a.xml", report("a")))));

    RecordingVisitor seen = unpack("mail.eml", email);

    assertThat(seen.documentPaths()).containsExactly("mail.eml!google.com!example.com!1.zip!a.xml");
    assertThat(seen.problems).isEmpty();
  }

  @Test
  void zip_labelled_gzip_is_read_as_a_zip() throws IOException {
    byte[] email =
        mail("", attachment("report.xml.gz", "application/gzip", zip(entry("a.xml", report("a")))));

    assertThat(unpack("mail.eml", email).documentPaths())
        .containsExactly("mail.eml!report.xml.gz!a.xml");
  }

  @Test
  void octet_stream_attachment_is_detected_by_content() throws IOException {
    byte[] email =
        mail(
            "",
            attachment("amazonses.com!x.xml.gz", "application/octet-stream", gzip(report("ses"))));

    assertThat(unpack("mail.eml", email).documentPaths())
        .containsExactly("mail.eml!amazonses.com!x.xml.gz!amazonses.com!x.xml");
  }

  @Test
  void uncompressed_xml_attachment_is_a_document() throws IOException {
    byte[] email = mail("", attachment("report.xml", "text/xml", report("rspamd")));

    assertThat(unpack("mail.eml", email).onlyDocument().text()).contains("rspamd");
  }

  @Test
  void report_inline_in_the_body_is_a_document_but_an_html_body_is_not()
      throws IOException, MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(body("text/plain", REPORT));
    alternative.addBodyPart(body("text/html", "<html><body>DMARC feedback</body></html>"));

    RecordingVisitor seen = unpack("inline.eml", Inputs.write(alternative));

    assertThat(seen.documentPaths()).containsExactly("inline.eml!part-1");
    assertThat(seen.problems).isEmpty();
  }

  @Test
  void attached_email_is_opened_as_an_email() throws IOException {
    byte[] inner = mail("", attachment("r.xml.gz", "application/gzip", gzip(report("fwd"))));
    byte[] outer = mail("Forwarded report", attachment("report.eml", "message/rfc822", inner));

    assertThat(unpack("fwd.eml", outer).documentPaths())
        .containsExactly("fwd.eml!report.eml!r.xml.gz!r.xml");
  }

  @Test
  void without_attachment_has_no_report() throws IOException {
    RecordingVisitor seen = unpack("mail.eml", mail("Hello, no report today."));

    assertThat(seen.onlyProblem())
        .isEqualTo(
            new UnpackProblem(
                "mail.eml", Kind.NO_REPORT, "mail.eml: e-mail has no report attachment"));
  }

  @Test
  void unrecognised_attachment_is_reported_by_name() throws IOException {
    byte[] email =
        mail("", attachment("invoice.pdf", "application/pdf", "%PDF-1.7".getBytes(US_ASCII)));

    RecordingVisitor seen = unpack("mail.eml", email);

    assertThat(seen.onlyProblem().path()).isEqualTo("mail.eml!invoice.pdf");
    assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.UNRECOGNISED);
  }

  @Test
  void a_failure_report_is_handed_on_as_its_whole_email() throws IOException, MessagingException {
    MimeMultipart report = new MimeMultipart("report; report-type=feedback-report");
    report.addBodyPart(body("text/plain", "This is an authentication failure report."));
    report.addBodyPart(body("message/feedback-report", "Feedback-Type: auth-failure\r\n"));
    report.addBodyPart(body("text/rfc822-headers", "From: someone@example.com\r\n"));
    byte[] email = Inputs.write(report);

    RecordingVisitor seen = unpack("ruf.eml", email);

    assertThat(seen.problems).isEmpty();
    Seen document = seen.onlyDocument();
    assertThat(document.path()).isEqualTo("ruf.eml");
    assertThat(document.kind()).isEqualTo(DocumentKind.FAILURE_REPORT);
    assertThat(document.bytes()).isEqualTo(email.length);
  }

  @Test
  void a_plain_email_whose_subject_says_failure_report_is_handed_on_as_one() throws IOException {
    byte[] email =
        ("From: no-reply@mx.example.net\r\nSubject: DMARC Forensic Report for example.com from IP"
                + " 203.0.113.68\r\n\r\nA message claiming to be from you has failed.\r\n")
            .getBytes(US_ASCII);

    assertThat(unpack("exim.eml", email).onlyDocument().kind())
        .isEqualTo(DocumentKind.FAILURE_REPORT);
  }

  @Test
  void a_plain_email_with_another_subject_still_has_no_report() throws IOException {
    byte[] email =
        "From: a@example.net\r\nSubject: lunch\r\n\r\nDMARC failure is not the topic.\r\n"
            .getBytes(US_ASCII);

    assertThat(unpack("lunch.eml", email).onlyProblem().kind()).isEqualTo(Kind.NO_REPORT);
  }

  @Test
  void tls_report_attachment_is_a_tls_report() throws IOException, MessagingException {
    byte[] json = "{\"organization-name\":\"Google Inc.\",\"policies\":[]}".getBytes(UTF_8);
    MimeMultipart report = new MimeMultipart("report; report-type=tlsrpt");
    report.addBodyPart(body("text/plain", "This is an aggregate TLS report from google.com"));
    report.addBodyPart(
        attachment("google.com!example.com!1.json.gz", "application/tlsrpt+gzip", gzip(json)));

    RecordingVisitor seen = unpack("tls.eml", Inputs.write(report));

    assertThat(seen.problems).isEmpty();
    assertThat(seen.onlyDocument().kind()).isEqualTo(DocumentKind.TLS_REPORT);
    assertThat(seen.onlyDocument().text()).isEqualTo(new String(json, UTF_8));
    assertThat(seen.onlyDocument().path())
        .isEqualTo("tls.eml!google.com!example.com!1.json.gz!google.com!example.com!1.json");
  }

  @Test
  void mbox_messages_are_each_opened_as_an_email() throws IOException {
    byte[] first = mail("", attachment("a.xml.gz", "application/gzip", gzip(report("a"))));
    byte[] second =
        mail(">From the desk of the postmaster", attachment("b.xml", "text/xml", report("b")));
    byte[] mbox =
        concat(
            "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n".getBytes(US_ASCII),
            first,
            "\nFrom MAILER-DAEMON Tue Jan  2 00:00:00 2024\n".getBytes(US_ASCII),
            second);

    RecordingVisitor seen = unpack("reports.mbox", mbox);

    assertThat(seen.documentPaths())
        .containsExactly("reports.mbox!message-1!a.xml.gz!a.xml", "reports.mbox!message-2!b.xml");
    assertThat(seen.problems).isEmpty();
  }

  @Test
  void hundred_megabyte_random_attachment_is_rejected_as_unrecognised() throws IOException {
    RecordingVisitor seen =
        unpack(UnpackLimits.defaults(), "big.eml", RandomMail.withAttachmentOf(100L << 20));

    assertThat(seen.documents).isEmpty();
    assertThat(seen.onlyProblem().kind()).isEqualTo(Kind.UNRECOGNISED);
    assertThat(seen.onlyProblem().path()).isEqualTo("big.eml!random.bin");
  }

  /** A body part with the text as it is, whatever the type. */
  private static MimeBodyPart body(String contentType, String text) {
    try {
      InternetHeaders headers = new InternetHeaders();
      headers.setHeader("Content-Type", contentType);
      return new MimeBodyPart(headers, text.getBytes(UTF_8));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
