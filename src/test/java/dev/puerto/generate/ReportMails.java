package dev.puerto.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Report e-mails as a mailbox receives them, for the IMAP tests and the fetch benchmark. */
public final class ReportMails {
  private static final long SENT = 1_773_532_800L; // 2026-03-15T00:00:00Z

  /** One e-mail and the reports it carries. */
  public record Mail(String name, byte[] raw, ReportTotals totals) {}

  private ReportMails() {}

  /**
   * The importable samples of {@code reports-samples/} as e-mails: the .eml samples as they are,
   * every other file (xml, gzip, zip, gzip in gzip, a zip of three reports) as an attachment, and
   * one e-mail that forwards a report e-mail as an attachment (labelled octet-stream, as base64
   * message/rfc822 is not allowed). The mbox sample is left out: it is a mailbox, not a message.
   */
  public static List<Mail> samples() {
    SplittableRandom random = new SplittableRandom(7);
    List<Mail> mails = new ArrayList<>();
    for (Sample sample : new GoodSamples().all()) {
      if (sample.file().endsWith(".mbox")) {
        continue;
      }
      Payload payload =
          sample.file().endsWith(".eml")
              ? sample.payload()
              : Payloads.email(attaching(sample.file(), sample.payload(), random));
      mails.add(mail(sample.file(), payload));
    }
    Mail inner = mails.stream().filter(m -> m.name().endsWith(".eml")).findFirst().orElseThrow();
    Payload forwarded =
        Payloads.email(attaching("forwarded.eml", Payloads.bytes(inner.raw()), random));
    mails.add(new Mail("forwarded report e-mail", render(forwarded), inner.totals()));
    return mails;
  }

  /** An e-mail with no report at all, as bounces and spam are. */
  public static Mail notAReport() {
    ReportEmail email =
        new ReportEmail(
            "MAILER-DAEMON@mx.example.net",
            "dmarc-reports@example.com",
            "Undelivered Mail Returned to Sender",
            SENT,
            "bounce-1@mx.example.net",
            "_bounce_1",
            "This is the mail system at host mx.example.net. Your message could not be delivered.",
            null,
            null,
            null);
    return mail("bounce", Payloads.email(email));
  }

  /** A DMARC failure (forensic) report, RFC 6591: multipart/report with a feedback-report part. */
  public static Mail failureReport() {
    String raw =
        String.join(
            "\r\n",
            "From: dmarc-ruf@reporter.example",
            "To: dmarc-reports@example.com",
            "Subject: FW: Authentication failure report for example.com",
            "Date: Sun, 15 Mar 2026 00:00:00 +0000",
            "Message-ID: <ruf-1@reporter.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"ruf\"",
            "",
            "--ruf",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "This is an authentication failure report for an email message received from IP"
                + " 192.0.2.99.",
            "--ruf",
            "Content-Type: message/feedback-report",
            "",
            "Feedback-Type: auth-failure",
            "User-Agent: reporter/1.0",
            "Version: 1",
            "Auth-Failure: dmarc",
            "Reported-Domain: example.com",
            "Source-IP: 192.0.2.99",
            "Arrival-Date: Sat, 14 Mar 2026 23:58:00 +0000",
            "",
            "--ruf",
            "Content-Type: text/rfc822-headers",
            "",
            "From: ceo@example.com",
            "Subject: Urgent wire transfer",
            "Message-ID: <wire-1@example.com>",
            "",
            "--ruf--",
            "");
    return new Mail("failure report", raw.getBytes(StandardCharsets.US_ASCII), ReportTotals.NONE);
  }

  /** An SMTP TLS report (RFC 8460) with its JSON attached. */
  public static Mail tlsReport() {
    ReportEmail email =
        new ReportEmail(
            "tlsrpt@reporter.example",
            "tls-reports@example.com",
            "Report Domain: example.com Submitter: reporter.example Report-ID: tls-1",
            SENT,
            "tls-1@reporter.example",
            "_tls_1",
            "This is an aggregate TLS report from reporter.example.",
            "application/tlsrpt+json",
            "reporter.example!example.com!1773446400!1773532799.json",
            Payloads.text(
                "{\"organization-name\":\"Reporter Inc.\",\"report-id\":\"tls-1\","
                    + "\"contact-info\":\"tlsrpt@reporter.example\","
                    + "\"date-range\":{\"start-datetime\":\"2026-03-14T00:00:00Z\","
                    + "\"end-datetime\":\"2026-03-14T23:59:59Z\"},"
                    + "\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                    + "\"policy-domain\":\"example.com\"},"
                    + "\"summary\":{\"total-successful-session-count\":120,"
                    + "\"total-failure-session-count\":0}}]}"));
    return mail("TLS report", Payloads.email(email));
  }

  /**
   * Every file of a generated corpus directory (see {@link GenerateCorpus}) wrapped as a report
   * e-mail; .eml files as they are.
   */
  public static List<Mail> fromCorpus(Path directory) throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    List<Mail> mails = new ArrayList<>();
    try (var files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        byte[] content = Files.readAllBytes(file);
        Payload payload =
            name.endsWith(".eml")
                ? Payloads.bytes(content)
                : Payloads.email(attaching(name, Payloads.bytes(content), random));
        mails.add(new Mail(name, render(payload), ReportTotals.NONE));
      }
    }
    return mails;
  }

  private static ReportEmail attaching(String fileName, Payload payload, SplittableRandom random) {
    String token = HexFormat.of().toHexDigits(random.nextLong());
    return new ReportEmail(
        "noreply-dmarc@reporter.example",
        "dmarc-reports@example.com",
        "Report Domain: example.com Submitter: reporter.example Report-ID: " + token,
        SENT,
        token + "@reporter.example",
        "_part_" + token,
        "A DMARC aggregate report.",
        mediaType(fileName),
        fileName,
        payload);
  }

  private static String mediaType(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".zip")) {
      return "application/zip";
    }
    if (name.endsWith(".gz")) {
      return "application/gzip";
    }
    return name.endsWith(".xml") ? "text/xml" : "application/octet-stream";
  }

  private static Mail mail(String name, Payload payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ReportTotals totals = payload.writeTo(out);
      return new Mail(name, out.toByteArray(), totals);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] render(Payload payload) {
    return mail("", payload).raw();
  }
}
