package dev.puerto.generate;

import static dev.puerto.generate.SampleSenders.EXAMPLE_COM;

import dev.puerto.generate.TlsReport.FailureDetail;
import dev.puerto.generate.TlsReport.Policy;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The failure report (RFC 6591) and SMTP TLS report (RFC 8460) samples: {@code failure/}, {@code
 * tls/} and a mailbox holding one report of each kind. Every value is invented: example.com/.net/
 * .org and documentation addresses. The e-mails are written by hand, as reporters format them in
 * many ways; the TLS reports are modelled, so the README's session counts come from them.
 */
final class ReportKindSamples {
  private static final String RUF_FROM = "DMARC Failure Reports <ruf@mailhost.example.net>";
  private static final String GOOGLE_TLS_FROM = "noreply-smtp-tls-reporting@google.com";
  private static final String GOOGLE_TLS_TEXT = "This is an aggregate TLS report from google.com";
  private static final List<String> STS_COM =
      List.of(
          "version: STSv1",
          "mode: enforce",
          "mx: mx1.example.com",
          "mx: mx2.example.com",
          "max_age: 604800");
  private static final List<String> STS_ORG =
      List.of("version: STSv1", "mode: testing", "mx: mx.example.org", "max_age: 86400");
  private static final List<String> MX_COM = List.of("mx1.example.com", "mx2.example.com");
  private static final List<String> MX_ORG = List.of("mx.example.org");

  /** 2026-02-04T03:12:40Z, when the aggregate report of the mixed mailbox was sent. */
  private static final long MAILBOX_AGGREGATE_SENT = 1_770_174_760L;

  List<Sample> all() {
    return List.of(
        failure(
            "auth-failure-crlf.eml",
            "CRLF line endings; multipart/report with message/feedback-report and"
                + " text/rfc822-headers; Auth-Failure: dmarc, Delivery-Result: reject for spoofer"
                + " 203.0.113.66 under example.org p=reject; Original-Mail-From in `<>`,"
                + " Reporting-MTA",
            FailureReportEmail.payload(authFailureCrlf().text().replace("\n", "\r\n"))),
        failure(
            "auth-failure-lf-rfc822.eml",
            "LF; the whole returned message as message/rfc822; `Source-IP: 2001:db8:bad::66"
                + " (host66.spoofer.example.net)`, Arrival-Date with a `(CET)` comment,"
                + " `Reported-Domain: example.com.` with a trailing dot, an RFC 2047 Subject (`Ihre"
                + " Rechnung für März`), From `<Support@Example.COM>`; p=none, so delivered",
            authFailureRfc822().payload()),
        failure(
            "dkim-failure.eml",
            "Auth-Failure: dkim with DKIM-Domain example.org, DKIM-Selector s2026, DKIM-Identity"
                + " @example.org: the mailing list 198.51.100.77 broke the signature; the feedback"
                + " part is base64 with CRLF inside",
            dkimFailure().payload()),
        failure(
            "spf-failure.eml",
            "Auth-Failure: spf with `SPF-DNS: txt : example.net : \"v=spf1 ip4:192.0.2.80 -all\"`"
                + " for the forwarder 203.0.113.5; the older field name Received-Date instead of"
                + " Arrival-Date; `Reported-Domain: EXAMPLE.NET`; Delivery-Result: spam,"
                + " Identity-Alignment: dkim",
            spfFailure().payload()),
        failure(
            "exim-plain-text.eml",
            "no ARF part: only Exim's plain-text wording (Sender Domain, Sender IP Address,"
                + " Received date) and the headers after \"------ This is a copy of the headers"
                + " that were received before the error was detected.\"; example.com, 203.0.113.66",
            FailureReportEmail.payload(EXIM_PLAIN_TEXT)),
        failure(
            "abuse-report.eml",
            "an RFC 5965 `Feedback-Type: abuse` complaint (no Auth-Failure) about news.example.net"
                + " mail from 198.51.100.120: ARF all the same, so it is kept with the failure"
                + " reports",
            abuseReport().payload()),
        tls(
            "google.com!example.com!1773014400!1773100799!001.json",
            "bare JSON, sts policy with mx-host list and two failure-details: certificate-expired"
                + " (IPv6 sender, additional-information) and starttls-not-supported"
                + " (receiving-mx-helo)",
            googleCom().json(true)),
        tls(
            "microsoft.com!example.org!1773100800!1773187199!134176320000000001.json.gz",
            "gzip of one-line JSON, sts in testing mode without mx-host, a validation-failure"
                + " with failure-reason-code",
            Payloads.gzip(Deflater.BEST_COMPRESSION, microsoftSts().json(false))),
        tls(
            "google.com!example.org!1773187200!1773273599!001.eml",
            "e-mail (multipart/report; report-type=\"tlsrpt\") with an `application/tlsrpt+gzip`"
                + " attachment in base64",
            googleOrgEmail().payload()),
        tls(
            "relay.example.net!example.com!1773273600!1773359999.eml",
            "e-mail with an `application/tlsrpt+json` attachment (7bit, not compressed); an"
                + " sts-policy-fetch-error with no receiving MX",
            relayEmail().payload()),
        tls(
            "comcast.net!example.com!1773360000!1773446399.zip",
            "zip holding one `.json` report",
            Payloads.zip(
                Deflater.BEST_COMPRESSION,
                List.of(
                    new ZipItem(
                        "comcast.net!example.com!1773360000!1773446399.json",
                        1_773_453_600L, // 2026-03-14T02:00:00Z, when Comcast zipped it
                        comcast().json(true))))),
        tls(
            "google.com!example.net!1773014400!1773100799!001.json",
            "policy-type no-policy-found (example.net publishes neither MTA-STS nor DANE), no"
                + " policy-string, no failure-details",
            googleNoPolicy().json(true)),
        tls(
            "microsoft.com!example.org!1773187200!1773273599!134177184000000002.json",
            "policy-type tlsa with two TLSA records as policy-string; a tlsa-invalid failure"
                + " whose receiving-mx-hostname has a trailing dot",
            microsoftTlsa().json(true)),
        Sample.imported(
            "three-kinds.mbox",
            "mixed mailbox (mboxrd, a body line escaped as `>From `): an Enterprise Outlook"
                + " aggregate report e-mail for example.com dated 2026-02-03 (W06, so W10/W11 stay"
                + " as they are), a DMARC failure report of 2026-02-04 and a Google TLS report for"
                + " 2026-02-03",
            Payloads.mboxrd(
                List.of(
                    Payloads.MboxMessage.of(mailboxAggregate()),
                    mailboxFailure().inMailbox(),
                    mailboxTls().inMailbox()))));
  }

  private static Sample failure(String file, String shows, Payload email) {
    return Sample.imported("failure/" + file, shows, email);
  }

  private static Sample tls(String file, String shows, Payload payload) {
    return Sample.imported("tls/" + file, shows, payload);
  }

  // ------------------------------------------------------------------------ failure reports

  private static FailureReportEmail authFailureCrlf() {
    return new FailureReportEmail(
        new MailHeaders(
            RUF_FROM,
            "dmarc-failures@example.org",
            "Tue, 10 Mar 2026 08:14:09 +0000",
            "ruf-20260310081409-4f1a@mailhost.example.net"),
        "DMARC failure report for example.org from 203.0.113.66",
        """
        This is an authentication failure report for an email message received from
        IP 203.0.113.66 on Tue, 10 Mar 2026 08:14:03 +0000.
        The message failed the DMARC policy of example.org and was rejected.""",
        List.of(
            "Feedback-Type: auth-failure",
            "User-Agent: ExampleMTA-DMARC/2.4",
            "Version: 1",
            "Original-Envelope-Id: 4ZcQ1k0XqVz9",
            "Original-Mail-From: <billing@example.org>",
            "Original-Rcpt-To: <j.doe@mailhost.example.net>",
            "Arrival-Date: Tue, 10 Mar 2026 08:14:03 +0000",
            "Reporting-MTA: dns; mx2.mailhost.example.net",
            "Source-IP: 203.0.113.66",
            "Authentication-Results: mx2.mailhost.example.net;",
            " dmarc=fail (p=reject dis=reject) header.from=example.org;",
            " spf=fail smtp.mailfrom=example.org; dkim=none",
            "Reported-Domain: example.org",
            "Delivery-Result: reject",
            "Auth-Failure: dmarc",
            "Identity-Alignment: none"),
        "text/rfc822-headers",
        """
        Received: from unknown (HELO billing-example.org) (203.0.113.66)
        \tby mx2.mailhost.example.net with ESMTP id 4ZcQ1k0XqVz9
        \tfor <j.doe@mailhost.example.net>; Tue, 10 Mar 2026 08:14:03 +0000
        From: "Example Billing" <billing@example.org>
        To: <j.doe@mailhost.example.net>
        Subject: Your invoice 2026-0310 is overdue
        Date: Tue, 10 Mar 2026 09:14:01 +0100
        Message-ID: <20260310081401.77812@billing-example.org>
        MIME-Version: 1.0
        Content-Type: text/html; charset=utf-8
        """,
        "==ruf-4f1a-boundary==",
        false);
  }

  private static FailureReportEmail authFailureRfc822() {
    return new FailureReportEmail(
        new MailHeaders(
            "\"Mailhost Postmaster\" <ruf@mailhost.example.net>",
            "dmarc@example.com",
            "Wed, 11 Mar 2026 09:30:20 +0100",
            "ruf-20260311083020-08c2@mailhost.example.net"),
        "DMARC failure report for example.com from 2001:db8:bad::66",
        """
        This is an authentication failure report for an email message received from
        IP 2001:db8:bad::66 on Wed, 11 Mar 2026 09:30:12 +0100.
        The domain's policy is p=none: the message was delivered.""",
        List.of(
            "Feedback-Type: auth-failure",
            "User-Agent: ExampleMTA-DMARC/2.4",
            "Version: 1",
            "Original-Mail-From: <support@example.com>",
            "Original-Rcpt-To: <m.rossi@mailhost.example.net>",
            "Arrival-Date: Wed, 11 Mar 2026 09:30:12 +0100 (CET)",
            "Reporting-MTA: dns; mx1.mailhost.example.net",
            "Source-IP: 2001:db8:bad::66 (host66.spoofer.example.net)",
            "Authentication-Results: mx1.mailhost.example.net;",
            " dmarc=fail (p=none dis=none) header.from=example.com;",
            " spf=softfail smtp.mailfrom=example.com; dkim=none",
            "Reported-Domain: example.com.",
            "Delivery-Result: delivered",
            "Auth-Failure: dmarc",
            "Identity-Alignment: none"),
        "message/rfc822",
        """
        Received: from [2001:db8:bad::66] (host66.spoofer.example.net [2001:db8:bad::66])
        \tby mx1.mailhost.example.net with ESMTP id 9B27C40E11
        \tfor <m.rossi@mailhost.example.net>; Wed, 11 Mar 2026 09:30:12 +0100 (CET)
        From: =?UTF-8?Q?Example_Kundenservice?= <Support@Example.COM>
        To: m.rossi@mailhost.example.net
        Subject: =?UTF-8?Q?Ihre_Rechnung_f=C3=BCr_M=C3=A4rz?=
        Date: Wed, 11 Mar 2026 09:30:05 +0100
        Message-ID: <c0ffee66.20260311@host66.spoofer.example.net>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Bitte begleichen Sie den offenen Betrag unter dem folgenden Link.
        """,
        "----=_Part_08c2_11032026",
        false);
  }

  private static FailureReportEmail dkimFailure() {
    return new FailureReportEmail(
        new MailHeaders(
            "ruf@lists-relay.example.net",
            "dmarc-failures@example.org",
            "Thu, 12 Mar 2026 14:02:44 +0000",
            "dkimfail.6d0b2e@lists-relay.example.net"),
        "Authentication failure report: example.org (DKIM)",
        """
        This is an authentication failure report for an email message received from
        IP 198.51.100.77 on Thu, 12 Mar 2026 14:02:40 +0000.
        The DKIM signature of example.org did not verify.""",
        List.of(
            "Feedback-Type: auth-failure",
            "User-Agent: RelayFeedback/1.1",
            "Version: 1",
            "Original-Mail-From: <announce-bounces@lists.example.net>",
            "Arrival-Date: Thu, 12 Mar 2026 14:02:40 +0000",
            "Source-IP: 198.51.100.77",
            "Reported-Domain: example.org",
            "Authentication-Results: lists-relay.example.net;",
            " dkim=fail (body hash did not verify) header.d=example.org header.s=s2026",
            "Auth-Failure: dkim",
            "DKIM-Domain: example.org",
            "DKIM-Identity: @example.org",
            "DKIM-Selector: s2026",
            "Delivery-Result: reject",
            "Identity-Alignment: none"),
        "text/rfc822-headers",
        """
        DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s2026;
         h=From:To:Subject:Date:Message-ID; bh=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4MDAwMDA=;
         b=bm90IGEgcmVhbCBzaWduYXR1cmUsIGp1c3QgYSBzYW1wbGUgb2YgdGhlIHJpZ2h0IHNoYXBl
        Received: from lists.example.net (lists.example.net [198.51.100.77])
        \tby lists-relay.example.net with ESMTPS id 6d0b2e
        \tfor <kim@lists-relay.example.net>; Thu, 12 Mar 2026 14:02:40 +0000
        From: Board Announcements <board@example.org>
        To: announce@lists.example.net
        Subject: [announce] Spring meeting agenda
        List-Id: <announce.lists.example.net>
        Date: Thu, 12 Mar 2026 15:01:58 +0100
        Message-ID: <agenda-2026-spring@example.org>
        """,
        "==dkimfail-6d0b2e==",
        true);
  }

  private static FailureReportEmail spfFailure() {
    return new FailureReportEmail(
        new MailHeaders(
            "Forward Service Abuse Desk <ruf@fwd.example.com>",
            "dmarc@example.net",
            "Fri, 13 Mar 2026 06:45:31 -0500",
            "spf-ruf-20260313114531@fwd.example.com"),
        "DMARC Failure Report for example.net (mail-from=orders@example.net, ip=203.0.113.5)",
        """
        This is an authentication failure report for an email message received from
        IP 203.0.113.5 on Fri, 13 Mar 2026 06:45:27 -0500.
        SPF did not authorize this host to send for example.net.""",
        List.of(
            "Feedback-Type: auth-failure",
            "User-Agent: FwdReporter/3.0",
            "Version: 1",
            "Original-Mail-From: orders@example.net",
            "Original-Rcpt-To: alex@fwd.example.com",
            "Received-Date: Fri, 13 Mar 2026 06:45:27 -0500",
            "Source-IP: 203.0.113.5",
            "Reported-Domain: EXAMPLE.NET",
            "Authentication-Results: mx.fwd.example.com; spf=fail smtp.mailfrom=example.net",
            "Auth-Failure: spf",
            "SPF-DNS: txt : example.net : \"v=spf1 ip4:192.0.2.80 -all\"",
            "Delivery-Result: spam",
            "Identity-Alignment: dkim"),
        "message/rfc822",
        """
        Received: from relay.forwarder.example (unknown [203.0.113.5])
        \tby mx.fwd.example.com with ESMTP id 2Kq7Xw
        \tfor <alex@fwd.example.com>; Fri, 13 Mar 2026 06:45:27 -0500
        From: Example Net Orders <orders@example.net>
        To: alex@forwarder.example
        Subject: Order 58213 has shipped
        Date: Fri, 13 Mar 2026 11:45:20 +0000
        Message-ID: <order-58213-shipped@mail.example.net>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=us-ascii

        Your order 58213 is on its way.
        """,
        "b_fwd_20260313",
        false);
  }

  /** Exim's DMARC code sends no ARF part, only its own wording and the received headers. */
  private static final String EXIM_PLAIN_TEXT =
      """
      Received: from root by gw1.mailgate.example.net with local-generated (Exim 4.97)
      \t(envelope-from <no-reply@gw1.mailgate.example.net>)
      \tid 1w3pXk-0007Qa-2Z
      \tfor dmarc@example.com; Thu, 12 Mar 2026 17:20:41 +0100
      Content-Type: multipart/report;
       boundary="===============7310442893851140662=="
      MIME-Version: 1.0
      Subject: DMARC Forensic Report for example.com from IP 203.0.113.66
      From: no-reply@gw1.mailgate.example.net
      To: dmarc@example.com
      Date: Thu, 12 Mar 2026 17:20:41 +0100
      Auto-Submitted: auto-replied
      Message-Id: <E1w3pXk-0007Qa-2Z@gw1.mailgate.example.net>

      --===============7310442893851140662==
      Content-Type: text/plain; charset="us-ascii"
      MIME-Version: 1.0
      Content-Transfer-Encoding: 7bit

      A message claiming to be from you has failed the published DMARC policy for your domain.

        Sender Domain: example.com
        Sender IP Address: 203.0.113.66
        Received date: Thu, 12 Mar 2026 17:20:39 +0100
        SPF Alignment: no
        DKIM Alignment: no
        DMARC Results: None, Accept

      ------ This is a copy of the headers that were received before the error was detected.

      Received: from [203.0.113.66] (helo=example-com.invoices)
      \tby gw1.mailgate.example.net with esmtp (Exim 4.97)
      \t(envelope-from <accounts@example.com>)
      \tid 1w3pXi-0007QU-0n
      \tfor pat@mailgate.example.net; Thu, 12 Mar 2026 17:20:39 +0100
      From: "Accounts" <accounts@example.com>
      To: <pat@mailgate.example.net>
      Subject: Payment received - thank you
      Date: Thu, 12 Mar 2026 16:20:30 +0000
      Message-Id: <5E2A-77C1-4B0E@example-com.invoices>
      MIME-Version: 1.0
      Content-Type: text/plain; charset=utf-8
      Authentication-Results: gw1.mailgate.example.net;
      \tspf=fail smtp.mailfrom=example.com;
      \tdmarc=fail header.from=example.com

      --===============7310442893851140662==--
      """;

  private static FailureReportEmail abuseReport() {
    return new FailureReportEmail(
        new MailHeaders(
            "Complaints <fbl@mailhost.example.net>",
            "fbl@example.net",
            "Wed, 11 Mar 2026 19:05:12 +0000",
            "fbl-20260311190512-a71f@mailhost.example.net"),
        "Abuse report: news.example.net",
        """
        This is an email abuse report for an email message received from
        IP 198.51.100.120 on Wed, 11 Mar 2026 18:52:40 +0000.
        A recipient marked the message as spam.""",
        List.of(
            "Feedback-Type: abuse",
            "User-Agent: MailhostFBL/0.9",
            "Version: 1",
            "Original-Mail-From: <bounce-3311@news.example.net>",
            "Original-Rcpt-To: <sam@mailhost.example.net>",
            "Arrival-Date: Wed, 11 Mar 2026 18:52:40 +0000",
            "Reporting-MTA: dns; fbl.mailhost.example.net",
            "Source-IP: 198.51.100.120",
            "Reported-Domain: news.example.net"),
        "message/rfc822",
        """
        Received: from a120.mail.example.org (a120.mail.example.org [198.51.100.120])
        \tby mx1.mailhost.example.net with ESMTPS id 1F00A2
        \tfor <sam@mailhost.example.net>; Wed, 11 Mar 2026 18:52:40 +0000
        From: Example Net News <newsletter@news.example.net>
        To: sam@mailhost.example.net
        Subject: March offers inside
        Date: Wed, 11 Mar 2026 18:52:31 +0000
        Message-ID: <0100018e-march-offers-3311@news.example.net>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=us-ascii

        Spring deals for subscribers.
        """,
        "fbl-a71f",
        false);
  }

  // ------------------------------------------------------------------------ TLS reports

  private static TlsReport google(String reportId, LocalDate day, Policy policy) {
    return new TlsReport(
        "Google Inc.", "smtp-tls-reporting@google.com", reportId, day, List.of(policy));
  }

  private static TlsReport microsoft(String reportId, LocalDate day, Policy policy) {
    return new TlsReport(
        "Microsoft Corporation", "tlsrpt-noreply@microsoft.com", reportId, day, List.of(policy));
  }

  private static LocalDate march(int day) {
    return LocalDate.of(2026, 3, day);
  }

  private static TlsReport googleCom() {
    return google(
        "2026-03-09T00:00:00Z_example.com",
        march(9),
        new Policy(
            "sts",
            "example.com",
            STS_COM,
            MX_COM,
            1204,
            9,
            List.of(
                new FailureDetail(
                    "certificate-expired",
                    "2001:db8:4860::1b",
                    "mx2.example.com",
                    null,
                    "192.0.2.26",
                    7,
                    "https://tls-help.example.com/expired?mx=mx2.example.com",
                    null),
                new FailureDetail(
                    "starttls-not-supported",
                    "198.51.100.201",
                    "mx1.example.com",
                    "mx1.example.com",
                    "192.0.2.25",
                    2,
                    null,
                    null))));
  }

  private static TlsReport microsoftSts() {
    return microsoft(
        "134176320000000001+example.org",
        march(10),
        new Policy(
            "sts",
            "example.org",
            STS_ORG,
            null,
            880,
            4,
            List.of(
                new FailureDetail(
                    "validation-failure",
                    "2001:db8:3c::25",
                    "mx.example.org",
                    null,
                    "192.0.2.51",
                    4,
                    null,
                    "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"))));
  }

  private static TlsReportEmail googleOrgEmail() {
    return new TlsReportEmail(
        new MailHeaders(
            GOOGLE_TLS_FROM,
            "tlsrpt@example.org",
            "Thu, 12 Mar 2026 04:51:07 -0700",
            "tlsrpt-20260311-example.org@google.com"),
        "google.com",
        "2026.03.11T00.00.00Z+example.org@google.com",
        GOOGLE_TLS_TEXT,
        "000000000000a1b2c3d4e5f60718",
        "google.com!example.org!1773187200!1773273599!001.json.gz",
        google(
            "2026-03-11T00:00:00Z_example.org",
            march(11),
            new Policy("sts", "example.org", STS_ORG, MX_ORG, 310, 0, List.of())),
        true);
  }

  private static TlsReportEmail relayEmail() {
    return new TlsReportEmail(
        new MailHeaders(
            "TLS Reports <tls-reports@relay.example.net>",
            "tlsrpt@example.com",
            "Fri, 13 Mar 2026 01:10:00 +0000",
            "tlsrpt.20260312.example.com@relay.example.net"),
        "relay.example.net",
        "rx-20260312-0042@relay.example.net",
        "SMTP TLS report for example.com, 2026-03-12 (UTC). The report is attached as JSON.",
        "tlsrpt-rx-0042",
        "relay.example.net!example.com!1773273600!1773359999.json",
        new TlsReport(
            "Relay Example Networks",
            "tls-reports@relay.example.net",
            "rx-20260312-0042@relay.example.net",
            march(12),
            List.of(
                new Policy(
                    "sts",
                    "example.com",
                    STS_COM,
                    MX_COM,
                    41,
                    2,
                    List.of(
                        new FailureDetail(
                            "sts-policy-fetch-error",
                            "203.0.113.140",
                            null,
                            null,
                            null,
                            2,
                            null,
                            "HTTP 503 from mta-sts.example.com"))))),
        false);
  }

  private static TlsReport comcast() {
    return new TlsReport(
        "Comcast",
        "tlsrpt@comcast.net",
        "comcast-2026-03-13-example.com",
        march(13),
        List.of(new Policy("sts", "example.com", STS_COM, MX_COM, 77, 0, List.of())));
  }

  private static TlsReport googleNoPolicy() {
    return google(
        "2026-03-09T00:00:00Z_example.net",
        march(9),
        new Policy("no-policy-found", "example.net", null, null, 96, 0, List.of()));
  }

  private static TlsReport microsoftTlsa() {
    return microsoft(
        "134177184000000002+example.org",
        march(11),
        new Policy(
            "tlsa",
            "example.org",
            List.of(
                "3 1 1 8A2F0C6E4D1B7A9E3C5F2D8B6A4E1C9F7B3D5A2E8C6F4B1D9A7E3C5B2F8D6A41",
                "3 1 1 1D4B7E2A9C6F3B8D5A2E7C4F1B9D6A3E8C5F2B7D4A1E9C6F3B8D5A2E7C4F1B90"),
            MX_ORG,
            512,
            3,
            List.of(
                new FailureDetail(
                    "tlsa-invalid",
                    "2001:db8:3c::25",
                    "mx.example.org.",
                    null,
                    "2001:db8:50::25",
                    3,
                    null,
                    "TLSA_NO_MATCH"))));
  }

  // ------------------------------------------------------------------------ the mixed mailbox

  /** Written like the Enterprise Outlook samples, with the values the mailbox was made with. */
  private static ReportEmail mailboxAggregate() {
    long begin = 1_770_076_800L; // 2026-02-03T00:00:00Z
    String reportId = "5b0e3f27c1d84a6e9f2a7c3b1d0e4f86";
    Reporter outlook = Reporters.ENTERPRISE_OUTLOOK;
    GeneratedReport report =
        new GeneratedReport(
            outlook,
            new ReportMetadata(
                outlook.orgName(),
                outlook.email(),
                null,
                reportId,
                begin,
                begin + outlook.periodEndOffset(),
                null),
            EXAMPLE_COM.publishedIn(outlook.dialect()),
            List.of(),
            List.of(
                new FeedbackRecord(
                    "192.0.2.25",
                    42,
                    "none",
                    "pass",
                    "pass",
                    List.of(),
                    "example.com",
                    "example.com",
                    null,
                    List.of(new DkimResult("example.com", "s2026", "pass")),
                    List.of(new SpfResult("example.com", "mfrom", "pass"))),
                new FeedbackRecord(
                    "203.0.113.66",
                    3,
                    "none",
                    "fail",
                    "fail",
                    List.of(),
                    "example.com",
                    "example.com",
                    null,
                    List.of(),
                    List.of(new SpfResult("example.com", "mfrom", "none")))));
    String token = reportId.substring(0, 16);
    return new ReportEmail(
        outlook.email(),
        "dmarc-reports@example.com",
        ReportEmail.subject("example.com", outlook.receiverDomain(), reportId),
        MAILBOX_AGGREGATE_SENT,
        token + "@" + outlook.receiverDomain(),
        "_part_" + token,
        "This is a DMARC aggregate report from Enterprise Outlook for example.com.",
        Compression.GZIP.mediaType(),
        report.fileStem() + Compression.GZIP.extension(),
        Payloads.gzip(Deflater.BEST_COMPRESSION, Payloads.xml(report)));
  }

  private static FailureReportEmail mailboxFailure() {
    return new FailureReportEmail(
        new MailHeaders(
            RUF_FROM,
            "dmarc@example.com",
            "Wed, 4 Feb 2026 10:41:18 +0000",
            "ruf-20260204104118-91d3@mailhost.example.net"),
        "DMARC failure report for example.com from 203.0.113.66",
        // The line starting with "From " is what the mailbox quotes as ">From ".
        """
        This is an authentication failure report for an email message received from
        IP 203.0.113.66 on Wed, 4 Feb 2026 10:41:15 +0000.
        From the headers below: the message claims example.com but came from elsewhere.""",
        List.of(
            "Feedback-Type: auth-failure",
            "User-Agent: ExampleMTA-DMARC/2.4",
            "Version: 1",
            "Original-Mail-From: <alerts@example.com>",
            "Original-Rcpt-To: <lee@mailhost.example.net>",
            "Arrival-Date: Wed, 4 Feb 2026 10:41:15 +0000",
            "Reporting-MTA: dns; mx1.mailhost.example.net",
            "Source-IP: 203.0.113.66",
            "Reported-Domain: example.com",
            "Delivery-Result: delivered",
            "Auth-Failure: dmarc",
            "Identity-Alignment: none"),
        "text/rfc822-headers",
        """
        From: Example Security <alerts@example.com>
        To: lee@mailhost.example.net
        Subject: Unusual sign-in to your account
        Date: Wed, 4 Feb 2026 10:41:09 +0000
        Message-ID: <signin-alert-0204@203.0.113.66>
        """,
        "==ruf-91d3==",
        false);
  }

  private static TlsReportEmail mailboxTls() {
    return new TlsReportEmail(
        new MailHeaders(
            GOOGLE_TLS_FROM,
            "tlsrpt@example.com",
            "Wed, 4 Feb 2026 05:02:19 -0800",
            "tlsrpt-20260203-example.com@google.com"),
        "google.com",
        "2026.02.03T00.00.00Z+example.com@google.com",
        GOOGLE_TLS_TEXT,
        "0000000000005e6f7a8b9c0d1e2f",
        "google.com!example.com!1770076800!1770163199!001.json.gz",
        google(
            "2026-02-03T00:00:00Z_example.com",
            LocalDate.of(2026, 2, 3),
            new Policy("sts", "example.com", STS_COM, MX_COM, 1187, 0, List.of())),
        true);
  }
}
