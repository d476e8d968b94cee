#!/usr/bin/env python3
"""Writes the hand-made failure and TLS report samples of reports-samples/ (failure/, tls/,
three-kinds.mbox). Every value is invented: example.com/.net/.org and documentation addresses
(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32). The output is the same byte for
byte on every run (gzip mtime 0, fixed zip timestamps). Re-run from the repository root:

    python3 src/test/tools/make_report_samples.py [reports-samples]

then refresh the truth: python3 src/test/tools/extract_report_truth.py --samples reports-samples
"""

import base64
import email.utils
import gzip
import io
import json
import os
import sys
import zipfile

OUT = sys.argv[1] if len(sys.argv) > 1 else "reports-samples"


def write(name, data, crlf=False):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if crlf:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def gz(data):
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data, compresslevel=9, mtime=0)


def b64(data, width=76):
    text = base64.b64encode(data).decode("ascii")
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


# ------------------------------------------------------------------------------ failure reports

def arf_mail(*, sender, to, date, message_id, subject, human, fields, returned, returned_type,
             boundary, feedback_base64=False):
    feedback = "\n".join(fields) + "\n"
    if feedback_base64:
        feedback_part = ("Content-Type: message/feedback-report\n"
                         "Content-Transfer-Encoding: base64\n\n"
                         + b64(feedback.replace("\n", "\r\n").encode("ascii")) + "\n")
    else:
        feedback_part = "Content-Type: message/feedback-report\n\n" + feedback
    return (
        f"From: {sender}\n"
        f"To: {to}\n"
        f"Subject: {subject}\n"
        f"Date: {date}\n"
        f"Message-ID: <{message_id}>\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=feedback-report;\n boundary="{boundary}"\n'
        "\n"
        "This is a multi-part message in MIME format.\n"
        "\n"
        f"--{boundary}\n"
        'Content-Type: text/plain; charset="us-ascii"\n'
        "Content-Transfer-Encoding: 7bit\n"
        "\n"
        f"{human}\n"
        "\n"
        f"--{boundary}\n"
        f"{feedback_part}"
        "\n"
        f"--{boundary}\n"
        f"Content-Type: {returned_type}\n"
        "Content-Disposition: inline\n"
        "\n"
        f"{returned}"
        "\n"
        f"--{boundary}--\n"
    )


RUF_FROM = "DMARC Failure Reports <ruf@mailhost.example.net>"

# 1. auth-failure (dmarc), CRLF, text/rfc822-headers: a spoofer rejected under example.org p=reject
write("failure/auth-failure-crlf.eml", arf_mail(
    sender=RUF_FROM,
    to="dmarc-failures@example.org",
    date="Tue, 10 Mar 2026 08:14:09 +0000",
    message_id="ruf-20260310081409-4f1a@mailhost.example.net",
    subject="DMARC failure report for example.org from 203.0.113.66",
    human="This is an authentication failure report for an email message received from\n"
          "IP 203.0.113.66 on Tue, 10 Mar 2026 08:14:03 +0000.\n"
          "The message failed the DMARC policy of example.org and was rejected.",
    fields=[
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
        "Identity-Alignment: none",
    ],
    returned_type="text/rfc822-headers",
    returned=(
        "Received: from unknown (HELO billing-example.org) (203.0.113.66)\n"
        "\tby mx2.mailhost.example.net with ESMTP id 4ZcQ1k0XqVz9\n"
        "\tfor <j.doe@mailhost.example.net>; Tue, 10 Mar 2026 08:14:03 +0000\n"
        "From: \"Example Billing\" <billing@example.org>\n"
        "To: <j.doe@mailhost.example.net>\n"
        "Subject: Your invoice 2026-0310 is overdue\n"
        "Date: Tue, 10 Mar 2026 09:14:01 +0100\n"
        "Message-ID: <20260310081401.77812@billing-example.org>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/html; charset=utf-8\n"
    ),
    boundary="==ruf-4f1a-boundary==",
), crlf=True)

# 2. auth-failure (dmarc), LF, whole message/rfc822; Source-IP with "(host)", zone name, RFC 2047
write("failure/auth-failure-lf-rfc822.eml", arf_mail(
    sender="\"Mailhost Postmaster\" <ruf@mailhost.example.net>",
    to="dmarc@example.com",
    date="Wed, 11 Mar 2026 09:30:20 +0100",
    message_id="ruf-20260311083020-08c2@mailhost.example.net",
    subject="DMARC failure report for example.com from 2001:db8:bad::66",
    human="This is an authentication failure report for an email message received from\n"
          "IP 2001:db8:bad::66 on Wed, 11 Mar 2026 09:30:12 +0100.\n"
          "The domain's policy is p=none: the message was delivered.",
    fields=[
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
        "Identity-Alignment: none",
    ],
    returned_type="message/rfc822",
    returned=(
        "Received: from [2001:db8:bad::66] (host66.spoofer.example.net [2001:db8:bad::66])\n"
        "\tby mx1.mailhost.example.net with ESMTP id 9B27C40E11\n"
        "\tfor <m.rossi@mailhost.example.net>; Wed, 11 Mar 2026 09:30:12 +0100 (CET)\n"
        "From: =?UTF-8?Q?Example_Kundenservice?= <Support@Example.COM>\n"
        "To: m.rossi@mailhost.example.net\n"
        "Subject: =?UTF-8?Q?Ihre_Rechnung_f=C3=BCr_M=C3=A4rz?=\n"
        "Date: Wed, 11 Mar 2026 09:30:05 +0100\n"
        "Message-ID: <c0ffee66.20260311@host66.spoofer.example.net>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "Bitte begleichen Sie den offenen Betrag unter dem folgenden Link.\n"
    ),
    boundary="----=_Part_08c2_11032026",
))

# 3. DKIM failure: a mailing list altered a message signed by example.org; feedback part in base64
write("failure/dkim-failure.eml", arf_mail(
    sender="ruf@lists-relay.example.net",
    to="dmarc-failures@example.org",
    date="Thu, 12 Mar 2026 14:02:44 +0000",
    message_id="dkimfail.6d0b2e@lists-relay.example.net",
    subject="Authentication failure report: example.org (DKIM)",
    human="This is an authentication failure report for an email message received from\n"
          "IP 198.51.100.77 on Thu, 12 Mar 2026 14:02:40 +0000.\n"
          "The DKIM signature of example.org did not verify.",
    fields=[
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
        "Identity-Alignment: none",
    ],
    returned_type="text/rfc822-headers",
    returned=(
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s2026;\n"
        " h=From:To:Subject:Date:Message-ID; bh=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4MDAwMDA=;\n"
        " b=bm90IGEgcmVhbCBzaWduYXR1cmUsIGp1c3QgYSBzYW1wbGUgb2YgdGhlIHJpZ2h0IHNoYXBl\n"
        "Received: from lists.example.net (lists.example.net [198.51.100.77])\n"
        "\tby lists-relay.example.net with ESMTPS id 6d0b2e\n"
        "\tfor <kim@lists-relay.example.net>; Thu, 12 Mar 2026 14:02:40 +0000\n"
        "From: Board Announcements <board@example.org>\n"
        "To: announce@lists.example.net\n"
        "Subject: [announce] Spring meeting agenda\n"
        "List-Id: <announce.lists.example.net>\n"
        "Date: Thu, 12 Mar 2026 15:01:58 +0100\n"
        "Message-ID: <agenda-2026-spring@example.org>\n"
    ),
    boundary="==dkimfail-6d0b2e==",
    feedback_base64=True,
))

# 4. SPF failure: a forwarder relays example.net mail; SPF-DNS; the older name Received-Date
write("failure/spf-failure.eml", arf_mail(
    sender="Forward Service Abuse Desk <ruf@fwd.example.com>",
    to="dmarc@example.net",
    date="Fri, 13 Mar 2026 06:45:31 -0500",
    message_id="spf-ruf-20260313114531@fwd.example.com",
    subject="DMARC Failure Report for example.net (mail-from=orders@example.net, ip=203.0.113.5)",
    human="This is an authentication failure report for an email message received from\n"
          "IP 203.0.113.5 on Fri, 13 Mar 2026 06:45:27 -0500.\n"
          "SPF did not authorize this host to send for example.net.",
    fields=[
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
        'SPF-DNS: txt : example.net : "v=spf1 ip4:192.0.2.80 -all"',
        "Delivery-Result: spam",
        "Identity-Alignment: dkim",
    ],
    returned_type="message/rfc822",
    returned=(
        "Received: from relay.forwarder.example (unknown [203.0.113.5])\n"
        "\tby mx.fwd.example.com with ESMTP id 2Kq7Xw\n"
        "\tfor <alex@fwd.example.com>; Fri, 13 Mar 2026 06:45:27 -0500\n"
        "From: Example Net Orders <orders@example.net>\n"
        "To: alex@forwarder.example\n"
        "Subject: Order 58213 has shipped\n"
        "Date: Fri, 13 Mar 2026 11:45:20 +0000\n"
        "Message-ID: <order-58213-shipped@mail.example.net>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "Your order 58213 is on its way.\n"
    ),
    boundary="b_fwd_20260313",
))

# 5. plain text only, no ARF part, in the wording Exim's DMARC code uses
write("failure/exim-plain-text.eml", (
    "Received: from root by gw1.mailgate.example.net with local-generated (Exim 4.97)\n"
    "\t(envelope-from <no-reply@gw1.mailgate.example.net>)\n"
    "\tid 1w3pXk-0007Qa-2Z\n"
    "\tfor dmarc@example.com; Thu, 12 Mar 2026 17:20:41 +0100\n"
    'Content-Type: multipart/report;\n boundary="===============7310442893851140662=="\n'
    "MIME-Version: 1.0\n"
    "Subject: DMARC Forensic Report for example.com from IP 203.0.113.66\n"
    "From: no-reply@gw1.mailgate.example.net\n"
    "To: dmarc@example.com\n"
    "Date: Thu, 12 Mar 2026 17:20:41 +0100\n"
    "Auto-Submitted: auto-replied\n"
    "Message-Id: <E1w3pXk-0007Qa-2Z@gw1.mailgate.example.net>\n"
    "\n"
    "--===============7310442893851140662==\n"
    'Content-Type: text/plain; charset="us-ascii"\n'
    "MIME-Version: 1.0\n"
    "Content-Transfer-Encoding: 7bit\n"
    "\n"
    "A message claiming to be from you has failed the published DMARC policy for your domain.\n"
    "\n"
    "  Sender Domain: example.com\n"
    "  Sender IP Address: 203.0.113.66\n"
    "  Received date: Thu, 12 Mar 2026 17:20:39 +0100\n"
    "  SPF Alignment: no\n"
    "  DKIM Alignment: no\n"
    "  DMARC Results: None, Accept\n"
    "\n"
    "------ This is a copy of the headers that were received before the error was detected.\n"
    "\n"
    "Received: from [203.0.113.66] (helo=example-com.invoices)\n"
    "\tby gw1.mailgate.example.net with esmtp (Exim 4.97)\n"
    "\t(envelope-from <accounts@example.com>)\n"
    "\tid 1w3pXi-0007QU-0n\n"
    "\tfor pat@mailgate.example.net; Thu, 12 Mar 2026 17:20:39 +0100\n"
    "From: \"Accounts\" <accounts@example.com>\n"
    "To: <pat@mailgate.example.net>\n"
    "Subject: Payment received - thank you\n"
    "Date: Thu, 12 Mar 2026 16:20:30 +0000\n"
    "Message-Id: <5E2A-77C1-4B0E@example-com.invoices>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Authentication-Results: gw1.mailgate.example.net;\n"
    "\tspf=fail smtp.mailfrom=example.com;\n"
    "\tdmarc=fail header.from=example.com\n"
    "\n"
    "--===============7310442893851140662==--\n"
))

# 6. an abuse complaint (RFC 5965 Feedback-Type: abuse) about a newsletter of news.example.net
write("failure/abuse-report.eml", arf_mail(
    sender="Complaints <fbl@mailhost.example.net>",
    to="fbl@example.net",
    date="Wed, 11 Mar 2026 19:05:12 +0000",
    message_id="fbl-20260311190512-a71f@mailhost.example.net",
    subject="Abuse report: news.example.net",
    human="This is an email abuse report for an email message received from\n"
          "IP 198.51.100.120 on Wed, 11 Mar 2026 18:52:40 +0000.\n"
          "A recipient marked the message as spam.",
    fields=[
        "Feedback-Type: abuse",
        "User-Agent: MailhostFBL/0.9",
        "Version: 1",
        "Original-Mail-From: <bounce-3311@news.example.net>",
        "Original-Rcpt-To: <sam@mailhost.example.net>",
        "Arrival-Date: Wed, 11 Mar 2026 18:52:40 +0000",
        "Reporting-MTA: dns; fbl.mailhost.example.net",
        "Source-IP: 198.51.100.120",
        "Reported-Domain: news.example.net",
    ],
    returned_type="message/rfc822",
    returned=(
        "Received: from a120.mail.example.org (a120.mail.example.org [198.51.100.120])\n"
        "\tby mx1.mailhost.example.net with ESMTPS id 1F00A2\n"
        "\tfor <sam@mailhost.example.net>; Wed, 11 Mar 2026 18:52:40 +0000\n"
        "From: Example Net News <newsletter@news.example.net>\n"
        "To: sam@mailhost.example.net\n"
        "Subject: March offers inside\n"
        "Date: Wed, 11 Mar 2026 18:52:31 +0000\n"
        "Message-ID: <0100018e-march-offers-3311@news.example.net>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "Spring deals for subscribers.\n"
    ),
    boundary="fbl-a71f",
))

# ------------------------------------------------------------------------------ TLS reports

STS_COM = ["version: STSv1", "mode: enforce", "mx: mx1.example.com", "mx: mx2.example.com",
           "max_age: 604800"]
STS_ORG = ["version: STSv1", "mode: testing", "mx: mx.example.org", "max_age: 86400"]


def tls(org, contact, report_id, day, policies):
    begin = "2026-03-%02dT00:00:00Z" % day
    end = "2026-03-%02dT23:59:59Z" % day
    return {"organization-name": org,
            "date-range": {"start-datetime": begin, "end-datetime": end},
            "contact-info": contact, "report-id": report_id, "policies": policies}


def policy(kind, domain, strings=None, mx=None, ok=0, failed=0, failures=None):
    body = {"policy-type": kind}
    if strings is not None:
        body["policy-string"] = strings
    body["policy-domain"] = domain
    if mx is not None:
        body["mx-host"] = mx
    entry = {"policy": body, "summary": {"total-successful-session-count": ok,
                                         "total-failure-session-count": failed}}
    if failures:
        entry["failure-details"] = failures
    return entry


def pretty(report):
    return json.dumps(report, indent=2) + "\n"


def compact(report):
    return json.dumps(report, separators=(",", ":"))


def tls_mail(*, sender, to, date, message_id, subject, text, attachment_type, filename, payload,
             boundary):
    if attachment_type == "application/tlsrpt+gzip":
        body = "Content-Transfer-Encoding: base64\n\n" + b64(gz(payload)) + "\n"
    else:
        body = "Content-Transfer-Encoding: 7bit\n\n" + payload + "\n"
    return (
        f"From: {sender}\n"
        f"To: {to}\n"
        f"Subject: {subject}\n"
        f"Date: {date}\n"
        f"Message-ID: <{message_id}>\n"
        "TLS-Report-Domain: " + subject.split("Report Domain: ")[1].split(" ")[0] + "\n"
        "TLS-Report-Submitter: " + subject.split("Submitter: ")[1].split(" ")[0] + "\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type="tlsrpt";\n boundary="{boundary}"\n'
        "\n"
        f"--{boundary}\n"
        'Content-Type: text/plain; charset="us-ascii"\n'
        "Content-Transfer-Encoding: 7bit\n"
        "\n"
        f"{text}\n"
        "\n"
        f"--{boundary}\n"
        f'Content-Type: {attachment_type}; name="{filename}"\n'
        f'Content-Disposition: attachment; filename="{filename}"\n'
        f"{body}"
        f"--{boundary}--\n"
    )


# 1. bare JSON: Google, sts for example.com, two failure-details
write("tls/google.com!example.com!1773014400!1773100799!001.json", pretty(tls(
    "Google Inc.", "smtp-tls-reporting@google.com", "2026-03-09T00:00:00Z_example.com", 9,
    [policy("sts", "example.com", STS_COM, ["mx1.example.com", "mx2.example.com"], 1204, 9, [
        {"result-type": "certificate-expired", "sending-mta-ip": "2001:db8:4860::1b",
         "receiving-mx-hostname": "mx2.example.com", "receiving-ip": "192.0.2.26",
         "failed-session-count": 7,
         "additional-information": "https://tls-help.example.com/expired?mx=mx2.example.com"},
        {"result-type": "starttls-not-supported", "sending-mta-ip": "198.51.100.201",
         "receiving-mx-hostname": "mx1.example.com", "receiving-mx-helo": "mx1.example.com",
         "receiving-ip": "192.0.2.25", "failed-session-count": 2},
    ])])))

# 2. .json.gz: Microsoft, sts for example.org in testing mode, one validation failure
write("tls/microsoft.com!example.org!1773100800!1773187199!134176320000000001.json.gz", gz(compact(tls(
    "Microsoft Corporation", "tlsrpt-noreply@microsoft.com", "134176320000000001+example.org", 10,
    [policy("sts", "example.org", STS_ORG, None, 880, 4, [
        {"result-type": "validation-failure", "sending-mta-ip": "2001:db8:3c::25",
         "receiving-mx-hostname": "mx.example.org", "receiving-ip": "192.0.2.51",
         "failed-session-count": 4, "failure-reason-code": "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"},
    ])]))))

# 3. e-mail with application/tlsrpt+gzip (base64): Google for example.org, no failures
ORG_GOOGLE = compact(tls(
    "Google Inc.", "smtp-tls-reporting@google.com", "2026-03-11T00:00:00Z_example.org", 11,
    [policy("sts", "example.org", STS_ORG, ["mx.example.org"], 310, 0)]))
write("tls/google.com!example.org!1773187200!1773273599!001.eml", tls_mail(
    sender="noreply-smtp-tls-reporting@google.com",
    to="tlsrpt@example.org",
    date="Thu, 12 Mar 2026 04:51:07 -0700",
    message_id="tlsrpt-20260311-example.org@google.com",
    subject="Report Domain: example.org Submitter: google.com Report-ID: <2026.03.11T00.00.00Z+example.org@google.com>",
    text="This is an aggregate TLS report from google.com",
    attachment_type="application/tlsrpt+gzip",
    filename="google.com!example.org!1773187200!1773273599!001.json.gz",
    payload=ORG_GOOGLE,
    boundary="000000000000a1b2c3d4e5f60718"))

# 4. e-mail with application/tlsrpt+json: a smaller provider, a policy fetch error for example.com
write("tls/relay.example.net!example.com!1773273600!1773359999.eml", tls_mail(
    sender="TLS Reports <tls-reports@relay.example.net>",
    to="tlsrpt@example.com",
    date="Fri, 13 Mar 2026 01:10:00 +0000",
    message_id="tlsrpt.20260312.example.com@relay.example.net",
    subject="Report Domain: example.com Submitter: relay.example.net Report-ID: <rx-20260312-0042@relay.example.net>",
    text="SMTP TLS report for example.com, 2026-03-12 (UTC). The report is attached as JSON.",
    attachment_type="application/tlsrpt+json",
    filename="relay.example.net!example.com!1773273600!1773359999.json",
    payload=pretty(tls(
        "Relay Example Networks", "tls-reports@relay.example.net",
        "rx-20260312-0042@relay.example.net", 12,
        [policy("sts", "example.com", STS_COM, ["mx1.example.com", "mx2.example.com"], 41, 2, [
            {"result-type": "sts-policy-fetch-error", "sending-mta-ip": "203.0.113.140",
             "failed-session-count": 2, "failure-reason-code": "HTTP 503 from mta-sts.example.com"},
        ])])),
    boundary="tlsrpt-rx-0042"))

# 5. zip holding one .json: Comcast, sts for example.com, no failures
ZIP_NAME = "comcast.net!example.com!1773360000!1773446399.json"
zip_bytes = io.BytesIO()
with zipfile.ZipFile(zip_bytes, "w", zipfile.ZIP_DEFLATED) as archive:
    info = zipfile.ZipInfo(ZIP_NAME, date_time=(2026, 3, 14, 2, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    archive.writestr(info, pretty(tls(
        "Comcast", "tlsrpt@comcast.net", "comcast-2026-03-13-example.com", 13,
        [policy("sts", "example.com", STS_COM, ["mx1.example.com", "mx2.example.com"], 77, 0)])))
write("tls/comcast.net!example.com!1773360000!1773446399.zip", zip_bytes.getvalue())

# 6. no-policy-found: example.net publishes neither MTA-STS nor DANE; zero failures
write("tls/google.com!example.net!1773014400!1773100799!001.json", pretty(tls(
    "Google Inc.", "smtp-tls-reporting@google.com", "2026-03-09T00:00:00Z_example.net", 9,
    [policy("no-policy-found", "example.net", None, None, 96, 0)])))

# 7. tlsa (DANE) policy for example.org, with DANE failures
write("tls/microsoft.com!example.org!1773187200!1773273599!134177184000000002.json", pretty(tls(
    "Microsoft Corporation", "tlsrpt-noreply@microsoft.com", "134177184000000002+example.org", 11,
    [policy("tlsa", "example.org", [
        "3 1 1 8A2F0C6E4D1B7A9E3C5F2D8B6A4E1C9F7B3D5A2E8C6F4B1D9A7E3C5B2F8D6A41",
        "3 1 1 1D4B7E2A9C6F3B8D5A2E7C4F1B9D6A3E8C5F2B7D4A1E9C6F3B8D5A2E7C4F1B90"],
        ["mx.example.org"], 512, 3, [
        {"result-type": "tlsa-invalid", "sending-mta-ip": "2001:db8:3c::25",
         "receiving-mx-hostname": "mx.example.org.", "receiving-ip": "2001:db8:50::25",
         "failed-session-count": 3, "failure-reason-code": "TLSA_NO_MATCH"},
    ])])))

# ------------------------------------------------------------------------------ mixed mailbox

def mbox_entry(envelope, mail):
    # mboxrd: every body line that reads "From " after any number of ">" gets one more ">"
    body = "\n".join(">" + l if l.lstrip(">").startswith("From ") else l for l in mail.split("\n"))
    return f"From {envelope}\n" + body.rstrip("\n") + "\n\n"


AGGREGATE_XML = (
    '<?xml version="1.0"?><feedback xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><version>1.0</version><report_metadata>'
    "<org_name>Enterprise Outlook</org_name><email>dmarcreport@microsoft.com</email>"
    "<report_id>5b0e3f27c1d84a6e9f2a7c3b1d0e4f86</report_id><date_range><begin>1770076800</begin>"
    "<end>1770163200</end></date_range></report_metadata><policy_published><domain>example.com</domain>"
    "<adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>"
    "<record><row><source_ip>192.0.2.25</source_ip><count>42</count><policy_evaluated>"
    "<disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>"
    "<identifiers><envelope_from>example.com</envelope_from><header_from>example.com</header_from>"
    "</identifiers><auth_results><dkim><domain>example.com</domain><selector>s2026</selector>"
    "<result>pass</result></dkim><spf><domain>example.com</domain><scope>mfrom</scope>"
    "<result>pass</result></spf></auth_results></record><record><row><source_ip>203.0.113.66"
    "</source_ip><count>3</count><policy_evaluated><disposition>none</disposition><dkim>fail</dkim>"
    "<spf>fail</spf></policy_evaluated></row><identifiers><envelope_from>example.com</envelope_from>"
    "<header_from>example.com</header_from></identifiers><auth_results><spf><domain>example.com"
    "</domain><scope>mfrom</scope><result>none</result></spf></auth_results></record></feedback>"
)
AGG_NAME = "enterprise.protection.outlook.com!example.com!1770076800!1770163200.xml.gz"
aggregate_mail = (
    "From: dmarcreport@microsoft.com\n"
    "To: dmarc-reports@example.com\n"
    "Subject: Report Domain: example.com Submitter: enterprise.protection.outlook.com Report-ID: 5b0e3f27c1d84a6e9f2a7c3b1d0e4f86\n"
    "Date: Wed, 4 Feb 2026 03:12:40 GMT\n"
    "Message-ID: <5b0e3f27c1d84a6e@enterprise.protection.outlook.com>\n"
    "MIME-Version: 1.0\n"
    'Content-Type: multipart/mixed; boundary="_part_5b0e3f27c1d84a6e"\n'
    "\n"
    "This is a multi-part message in MIME format.\n"
    "\n"
    "--_part_5b0e3f27c1d84a6e\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "Content-Transfer-Encoding: 7bit\n"
    "\n"
    "This is a DMARC aggregate report from Enterprise Outlook for example.com.\n"
    "\n"
    "--_part_5b0e3f27c1d84a6e\n"
    f'Content-Type: application/gzip; name="{AGG_NAME}"\n'
    "Content-Transfer-Encoding: base64\n"
    f'Content-Disposition: attachment; filename="{AGG_NAME}"\n'
    "\n"
    + b64(gz(AGGREGATE_XML)) + "\n"
    "\n"
    "--_part_5b0e3f27c1d84a6e--\n"
)
failure_mail = arf_mail(
    sender=RUF_FROM,
    to="dmarc@example.com",
    date="Wed, 4 Feb 2026 10:41:18 +0000",
    message_id="ruf-20260204104118-91d3@mailhost.example.net",
    subject="DMARC failure report for example.com from 203.0.113.66",
    human="This is an authentication failure report for an email message received from\n"
          "IP 203.0.113.66 on Wed, 4 Feb 2026 10:41:15 +0000.\n"
          "From the headers below: the message claims example.com but came from elsewhere.",
    fields=[
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
        "Identity-Alignment: none",
    ],
    returned_type="text/rfc822-headers",
    returned=(
        "From: Example Security <alerts@example.com>\n"
        "To: lee@mailhost.example.net\n"
        "Subject: Unusual sign-in to your account\n"
        "Date: Wed, 4 Feb 2026 10:41:09 +0000\n"
        "Message-ID: <signin-alert-0204@203.0.113.66>\n"
    ),
    boundary="==ruf-91d3==",
)
tls_mail_mbox = tls_mail(
    sender="noreply-smtp-tls-reporting@google.com",
    to="tlsrpt@example.com",
    date="Wed, 4 Feb 2026 05:02:19 -0800",
    message_id="tlsrpt-20260203-example.com@google.com",
    subject="Report Domain: example.com Submitter: google.com Report-ID: <2026.02.03T00.00.00Z+example.com@google.com>",
    text="This is an aggregate TLS report from google.com",
    attachment_type="application/tlsrpt+gzip",
    filename="google.com!example.com!1770076800!1770163199!001.json.gz",
    payload=compact({
        "organization-name": "Google Inc.",
        "date-range": {"start-datetime": "2026-02-03T00:00:00Z", "end-datetime": "2026-02-03T23:59:59Z"},
        "contact-info": "smtp-tls-reporting@google.com",
        "report-id": "2026-02-03T00:00:00Z_example.com",
        "policies": [policy("sts", "example.com", STS_COM, ["mx1.example.com", "mx2.example.com"], 1187, 0)]}),
    boundary="0000000000005e6f7a8b9c0d1e2f")
write("three-kinds.mbox",
      mbox_entry("dmarcreport@microsoft.com Wed Feb  4 03:12:40 2026", aggregate_mail)
      + mbox_entry("ruf@mailhost.example.net Wed Feb  4 10:41:18 2026", failure_mail)
      + mbox_entry("noreply-smtp-tls-reporting@google.com Wed Feb  4 13:02:19 2026", tls_mail_mbox))
