#!/usr/bin/env python3
"""Independent extraction of DMARC failure reports (RFC 6591 ARF) and SMTP TLS reports (RFC 8460).

This is the ground truth the conformance tests compare Puerto's stored failure and TLS reports
against. It is deliberately independent of Puerto's Java code: Python 3 standard library only
(email, json, gzip, zipfile), written from the RFCs and from reading the files, sharing no code,
table or rule with src/main. Do not "fix" it to agree with Puerto; when the two disagree, decide
from the RFC and the bytes which one is wrong.

Re-run from the repository root:

    python3 src/test/tools/extract_report_truth.py
        reads /work/shared/corpus (or --corpus DIR): forensic/* and smtp_tls/*, writes
        src/test/resources/conformance/failure-truth.jsonl and tls-truth.jsonl
    python3 src/test/tools/extract_report_truth.py --samples reports-samples \
            src/test/resources/conformance/samples-truth.jsonl
        walks the directory, finds every failure and TLS report in it (bare or gzipped JSON, zip,
        e-mail, mbox) and writes one line per report with "kind" = "failure" | "tls"; aggregate
        reports are skipped (their truth lives elsewhere), and so is bad/; a report found in an
        mbox also has "message_index" (0-based position of its mail in the mailbox)

One JSON object per report, keys sorted, "file" relative to the directory given. Decisions where
the RFCs leave room (also in the report that introduced this file):
- values are as sent, unfolded (CR LF before white space removed) and trimmed; a field present
  but empty is ""; an absent field is null; a repeated ARF field gives its first occurrence
- feedback_type, auth_failure, delivery_result, identity_alignment, TLS result_type: lower case;
  domains: lower case, no trailing dot; source_ip: the address only, without "(host)" or [ ]
- dates: email.utils.parsedate_to_datetime; a zone name it does not know is looked up in a small
  table below, else taken as UTC (RFC 5322 4.3: unknown zones mean -0000); unparsable -> null
- TLS date-times are RFC 3339; one without an offset (Microsoft sends those) is taken as UTC
- TLS field names match case-insensitively; "mx-host" or "policy-string" given as one string
  becomes a one-element list; absent lists are []
- a TLS file that is not a valid RFC 8460 report gives {"file", "error"} with the first reason:
  missing organization-name, date-range, contact-info, report-id or policies; a policy without
  policy-type, with a policy-type other than sts/tlsa/no-policy-found, without policy-domain, or
  without both summary counts; a count that is not a non-negative JSON integer; a failure detail
  without result-type or failed-session-count; end-datetime before start-datetime
"""

import base64
import datetime
import email
import email.header
import email.parser
import email.utils
import gzip
import io
import json
import os
import quopri
import re
import sys
import zipfile

CORPUS = "/work/shared/corpus"
OUT_DIR = os.path.join("src", "test", "resources", "conformance")

ZONES = {  # zone names seen in mail besides RFC 5322's UT/GMT/EST/EDT/CST/CDT/MST/MDT/PST/PDT
    "UTC": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "MET": 1, "CEST": 2, "MEST": 2,
    "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8,
}


# ---------------------------------------------------------------- small helpers

def unfold(value):
    if value is None:
        return None
    value = str(value)
    value = re.sub(r"\r?\n(?=[ \t])", "", value)
    return value.replace("\r", "").replace("\n", "").strip()


def lower(value):
    return None if value is None else value.lower()


def domain(value):
    if value is None:
        return None
    return value.strip().lower().rstrip(".")


def epoch_of_mail_date(value):
    if value is None or value == "":
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        hours = 0
        names = re.findall(r"\b([A-Za-z]{1,5})\b\)?\s*$", value)
        if names and names[-1].upper() in ZONES:
            hours = ZONES[names[-1].upper()]
        when = when.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=hours)))
    return int(when.timestamp())


def decode_words(value):
    if value is None:
        return None
    try:
        return str(email.header.make_header(email.header.decode_header(value))).strip()
    except (UnicodeError, LookupError, email.errors.HeaderParseError):
        return value


def address(value):
    if value is None:
        return None
    found = email.utils.parseaddr(value)[1]
    return found.strip().lower() or None


def strip_angles(value):
    if value is None:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value


def header_block(text):
    """Header fields of a text block (an ARF part, returned headers): a Message."""
    text = text.lstrip("\r\n")
    return email.parser.HeaderParser().parsestr(text)


def field(headers, name):
    value = headers.get(name)
    return None if value is None else unfold(value)


def part_bytes(part):
    """The content of a part after its Content-Transfer-Encoding. The email package parses any
    message/* part (message/feedback-report too) into a sub-message, which for a base64 part holds
    the base64 text as its body: turn it back into text first, then decode."""
    payload = part.get_payload()
    if isinstance(payload, list):
        inner = payload[0] if payload else None
        if inner is None:
            return b""
        text = inner.as_bytes()
        if inner.keys() == [] or not text.startswith(tuple(k.encode() for k in inner.keys()[:1])):
            text = text.lstrip(b"\r\n")
        cte = (part.get("Content-Transfer-Encoding") or "").strip().lower()
        if cte == "base64":
            return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", text))
        if cte == "quoted-printable":
            return quopri.decodestring(text)
        return text
    decoded = part.get_payload(decode=True)
    return decoded if decoded is not None else str(payload).encode("utf-8", "surrogateescape")


def part_text(part):
    return part_bytes(part).decode("utf-8", "replace")


# ---------------------------------------------------------------- failure reports

EXIM_MARKER = "------ This is a copy of the headers that were received before the error was detected."
ARF_LINE = re.compile(r"^Feedback-Type[ \t]*:", re.I | re.M)


def returned_message(message):
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            cte = (part.get("Content-Transfer-Encoding") or "").strip().lower()
            inner = part.get_payload()
            if cte not in ("base64", "quoted-printable") and isinstance(inner, list) and inner:
                return inner[0]
            return email.message_from_bytes(part_bytes(part))
        if kind == "text/rfc822-headers":
            return header_block(part_text(part))
    return None


def failure_report(message):
    """The failure report in one mail, or None when the mail holds none."""
    arf = None
    for part in message.walk():
        if part.get_content_type() == "message/feedback-report":
            arf = header_block(part_text(part))
            break
    if arf is None:
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                text = part_text(part)
                match = ARF_LINE.search(text)
                if match and (match.start() == 0 or text[:match.start()].strip() == ""):
                    arf = header_block(text)
                    break
    report = {
        "reporter": address(unfold(message.get("From"))),
        "has_arf_part": arf is not None,
    }
    if arf is not None:
        source = field(arf, "Source-IP")
        if source:
            source = source.split("(")[0].split()[0].strip("[]") if source.split() else source
        mail_from = field(arf, "Original-Mail-From")
        arrival = field(arf, "Arrival-Date")
        if arrival is None:
            arrival = field(arf, "Received-Date")
        report.update({
            "feedback_type": lower(field(arf, "Feedback-Type")),
            "reported_domain": domain(field(arf, "Reported-Domain")),
            "source_ip": source,
            "arrival_date": epoch_of_mail_date(arrival),
            "auth_failure": lower(field(arf, "Auth-Failure")),
            "original_mail_from": strip_angles(mail_from),
            "original_rcpt_to": strip_angles(field(arf, "Original-Rcpt-To")),
            "delivery_result": lower(field(arf, "Delivery-Result")),
            "identity_alignment": lower(field(arf, "Identity-Alignment")),
            "dkim_domain": domain(field(arf, "DKIM-Domain")),
            "dkim_selector": field(arf, "DKIM-Selector"),
            "dkim_identity": field(arf, "DKIM-Identity"),
            "spf_dns": field(arf, "SPF-DNS"),
            "reporting_mta": field(arf, "Reporting-MTA"),
            "user_agent": field(arf, "User-Agent"),
            "version": field(arf, "Version"),
        })
        returned = returned_message(message)
    else:
        text = None
        for part in message.walk():
            if part.get_content_type() == "text/plain" and EXIM_MARKER in part_text(part):
                text = part_text(part)
                break
        if text is None:
            return None
        body, _, copied = text.partition(EXIM_MARKER)

        def said(label):
            match = re.search(r"^[ \t]*" + re.escape(label) + r"[ \t]*(.*?)[ \t]*\r?$", body, re.I | re.M)
            return match.group(1).strip() if match else None

        report.update({key: None for key in (
            "auth_failure", "original_mail_from", "original_rcpt_to", "delivery_result",
            "identity_alignment", "dkim_domain", "dkim_selector", "dkim_identity", "spf_dns",
            "reporting_mta", "user_agent", "version")})
        report.update({
            "feedback_type": "auth-failure",
            "reported_domain": domain(said("Sender Domain:")),
            "source_ip": said("Sender IP Address:"),
            "arrival_date": epoch_of_mail_date(said("Received date:")),
        })
        returned = header_block(copied.lstrip("\r\n"))
    if returned is not None:
        sender = address(unfold(returned.get("From")))
        report["header_from"] = domain(sender.rpartition("@")[2]) if sender and "@" in sender else None
        report["subject"] = decode_words(field(returned, "Subject"))
        report["message_id"] = strip_angles(field(returned, "Message-ID"))
    else:
        report.update({"header_from": None, "subject": None, "message_id": None})
    return report


# ---------------------------------------------------------------- TLS reports

class Invalid(Exception):
    pass


POLICY_TYPES = ("sts", "tlsa", "no-policy-found")


def lower_keys(value):
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    return value


def rfc3339(value, name):
    if not isinstance(value, str) or not value.strip():
        raise Invalid(name + " is missing")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(name + " is not an RFC 3339 date-time: " + value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return int(when.timestamp() // 1)


def count(holder, key, where):
    if key not in holder:
        raise Invalid(where + key + " is missing")
    value = holder[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(where + key + " is not an integer: " + json.dumps(value))
    if value < 0:
        raise Invalid(where + key + " is negative")
    return value


def text_or_none(value):
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)


def string_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [v if isinstance(v, str) else json.dumps(v) for v in value]


def tls_report(document):
    try:
        report = json.loads(document.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as e:
        raise Invalid("not JSON: " + str(e).split(":")[0])
    if not isinstance(report, dict):
        raise Invalid("not a JSON object")
    report = lower_keys(report)
    for key in ("organization-name", "contact-info", "report-id"):
        if not isinstance(report.get(key), str) or not report[key].strip():
            raise Invalid(key + " is missing")
    dates = report.get("date-range")
    if not isinstance(dates, dict):
        raise Invalid("date-range is missing")
    begin = rfc3339(dates.get("start-datetime"), "date-range.start-datetime")
    end = rfc3339(dates.get("end-datetime"), "date-range.end-datetime")
    if end < begin:
        raise Invalid("date-range: end-datetime is before start-datetime")
    if not isinstance(report.get("policies"), list):
        raise Invalid("policies is missing")
    policies = []
    for index, entry in enumerate(report["policies"]):
        where = "policies[%d]: " % index
        if not isinstance(entry, dict) or not isinstance(entry.get("policy"), dict):
            raise Invalid(where + "policy is missing")
        policy = entry["policy"]
        kind = policy.get("policy-type")
        if not isinstance(kind, str):
            raise Invalid(where + "policy-type is missing")
        if kind.strip().lower() not in POLICY_TYPES:
            raise Invalid(where + "policy-type " + json.dumps(kind) + " is none of sts, tlsa, no-policy-found")
        if not isinstance(policy.get("policy-domain"), str) or not policy["policy-domain"].strip():
            raise Invalid(where + "policy-domain is missing")
        summary = entry.get("summary")
        if not isinstance(summary, dict):
            raise Invalid(where + "summary is missing")
        successful = count(summary, "total-successful-session-count", where)
        failed = count(summary, "total-failure-session-count", where)
        failures = []
        details = entry.get("failure-details") or []
        if not isinstance(details, list):
            raise Invalid(where + "failure-details is not a list")
        for number, detail in enumerate(details):
            at = where + "failure-details[%d]: " % number
            if not isinstance(detail, dict) or not isinstance(detail.get("result-type"), str):
                raise Invalid(at + "result-type is missing")
            failures.append({
                "result_type": detail["result-type"].strip().lower(),
                "sending_mta_ip": text_or_none(detail.get("sending-mta-ip")),
                "receiving_mx_hostname": domain(text_or_none(detail.get("receiving-mx-hostname"))),
                "receiving_mx_helo": text_or_none(detail.get("receiving-mx-helo")),
                "receiving_ip": text_or_none(detail.get("receiving-ip")),
                "failed_sessions": count(detail, "failed-session-count", at),
                "additional_information": text_or_none(detail.get("additional-information")),
                "failure_reason_code": text_or_none(detail.get("failure-reason-code")),
            })
        policies.append({
            "policy_type": kind,
            "policy_domain": domain(policy["policy-domain"]),
            "policy_strings": string_list(policy.get("policy-string")),
            "mx_hosts": string_list(policy.get("mx-host")),
            "successful_sessions": successful,
            "failed_sessions": failed,
            "failures": failures,
        })
    return {
        "organization_name": report["organization-name"],
        "report_id": report["report-id"],
        "contact_info": report["contact-info"],
        "begin": begin,
        "end": end,
        "policies": policies,
    }


TLS_TYPES = ("application/tlsrpt+gzip", "application/tlsrpt+json")


def tls_documents_in_mail(message):
    """Payloads of the TLS report attachments of a mail (decoded, still gzipped if so)."""
    found = []
    for part in message.walk():
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in TLS_TYPES or name.endswith((".json", ".json.gz")):
            found.append(part.get_payload(decode=True) or b"")
    return found


# ---------------------------------------------------------------- containers

def unwrap(data):
    """Bare documents in a blob: gunzip (repeatedly), open a zip, else the bytes themselves."""
    if data[:2] == b"\x1f\x8b":
        return unwrap(gzip.decompress(data))
    if data[:4] == b"PK\x03\x04":
        out = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    out.extend(unwrap(archive.read(info)))
        return out
    return [data]


def looks_like_json(data):
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def mbox_messages(data):
    """Messages of an mboxrd/mboxo mailbox: cut at "From " lines after an empty line (or first)."""
    lines = data.splitlines(keepends=True)
    messages, current, previous_blank = [], None, True
    for line in lines:
        if line.startswith(b"From ") and previous_blank:
            if current is not None:
                messages.append(b"".join(current))
            current = []
        elif current is not None:
            if re.match(rb"^>+From ", line):
                line = line[1:]
            current.append(line)
        previous_blank = line.strip(b"\r\n") == b""
    if current is not None:
        messages.append(b"".join(current))
    return messages


def is_mbox(data):
    first = data.split(b"\n", 1)[0]
    return first.startswith(b"From ") and data.count(b"\nFrom ") >= 1 and b"\n\nFrom " in data.replace(b"\r\n", b"\n")


def reports_in_mail(raw):
    """(kind, truth-or-error) pairs for one mail."""
    message = email.message_from_bytes(raw)
    documents = tls_documents_in_mail(message)
    out = []
    if documents:
        for document in documents:
            for bare in unwrap(document):
                out.append(("tls", tls_entry(bare)))
        return out
    failure = failure_report(message)
    if failure is not None:
        out.append(("failure", failure))
    return out


def tls_entry(bare):
    try:
        return tls_report(bare)
    except Invalid as e:
        return {"error": str(e)}


def reports_in_file(path):
    with open(path, "rb") as handle:
        data = handle.read()
    out = []
    try:
        blobs = unwrap(data)
    except (OSError, EOFError, zipfile.BadZipFile) as e:
        return [(None, {"error": "cannot unpack: %s" % e})]
    for blob in blobs:
        if looks_like_json(blob):
            out.append(("tls", tls_entry(blob)))
        elif blob.lstrip()[:1] == b"<":
            continue  # XML: an aggregate report, not ours
        elif is_mbox(blob):
            for index, raw in enumerate(mbox_messages(blob)):
                for kind, entry in reports_in_mail(raw):
                    entry["message_index"] = index
                    out.append((kind, entry))
        else:
            out.extend(reports_in_mail(blob))
    return out


def line(relative, entry, kind=None):
    entry = dict(entry)
    entry["file"] = relative
    if kind is not None:
        entry["kind"] = kind
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


def corpus(root):
    for folder, kind, out_name in (("forensic", "failure", "failure-truth.jsonl"),
                                   ("smtp_tls", "tls", "tls-truth.jsonl")):
        lines = []
        for name in sorted(os.listdir(os.path.join(root, folder))):
            relative = folder + "/" + name
            found = [(k, e) for k, e in reports_in_file(os.path.join(root, relative)) if k in (kind, None)]
            if not found:
                found = [(kind, {"error": "no %s report found" % kind})]
            lines.extend(line(relative, entry) for _, entry in found)
        with open(os.path.join(OUT_DIR, out_name), "w", encoding="utf-8", newline="\n") as out:
            out.write("\n".join(lines) + "\n")
        print("%s: %d lines" % (out_name, len(lines)))


def samples(root, out_path):
    lines = []
    for directory, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if relative.startswith("bad/") or name == "README.md":
                continue  # hostile aggregate samples (the 10 GiB bomb): nothing of ours there
            for kind, entry in reports_in_file(path):
                if kind is not None:
                    lines.append(line(relative, entry, kind))
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
    print("%s: %d lines" % (out_path, len(lines)))


def main(argv):
    if len(argv) >= 1 and argv[0] == "--samples":
        samples(argv[1] if len(argv) > 1 else "reports-samples",
                argv[2] if len(argv) > 2 else os.path.join(OUT_DIR, "samples-truth.jsonl"))
    elif len(argv) >= 2 and argv[0] == "--corpus":
        corpus(argv[1])
    else:
        corpus(CORPUS)


if __name__ == "__main__":
    main(sys.argv[1:])
