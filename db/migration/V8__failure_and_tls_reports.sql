-- Puerto schema, version 8: the other two kinds of report a postmaster mailbox receives.
-- DMARC failure reports (RFC 6591 ARF as updated by RFC 9991, and any RFC 5965 feedback report)
-- and SMTP TLS reports (RFC 8460). Tables hold the data; the views dmarc_failure_reports,
-- smtp_tls_reports, smtp_tls_policies and smtp_tls_failures are the stable contract for users' SQL.
-- Domains are lower case without a trailing dot, as for aggregate reports.

CREATE TABLE failure_reports (
    id                             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    input_id                       bigint      NOT NULL REFERENCES inputs (id),
    input_part                     text        NOT NULL,
    reporter                       text,
    report_subject                 text,
    report_date                    timestamptz,
    feedback_type                  text,
    version                        text,
    user_agent                     text,
    reporting_mta                  text,
    reported_domain                text,
    source_ip                      inet,
    arrival_at                     timestamptz,
    auth_failure                   text,
    original_mail_from             text,
    original_rcpt_to               text,
    delivery_result                text,
    identity_alignment             text,
    dkim_domain                    text,
    dkim_selector                  text,
    dkim_identity                  text,
    spf_dns                        text,
    authentication_results         text,
    header_from                    text,
    from_header                    text,
    subject                        text,
    message_id                     text,
    message_date                   timestamptz,
    message_authentication_results text,
    returned_headers               text,
    returned_body                  text,
    missing                        text[]      NOT NULL DEFAULT '{}',
    imported_at                    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT failure_reports_input_part_key UNIQUE (input_id, input_part)
);
-- The same report delivered twice in different bytes; without all three parts only the bytes tell.
CREATE UNIQUE INDEX failure_reports_natural_key ON failure_reports (reporter, message_id, arrival_at);
CREATE INDEX failure_reports_domain_arrival_idx ON failure_reports (reported_domain, arrival_at);
CREATE INDEX failure_reports_source_ip_idx ON failure_reports (source_ip);

COMMENT ON TABLE failure_reports IS 'One row per DMARC failure (forensic, RUF) report or other ARF feedback report; stored once per reporter, returned Message-ID and arrival date, and once per input part.';
COMMENT ON COLUMN failure_reports.id IS 'Surrogate key.';
COMMENT ON COLUMN failure_reports.input_id IS 'The input the report came from (first seen).';
COMMENT ON COLUMN failure_reports.input_part IS 'Where in the input the report was, e.g. "INBOX UID 7" or "mail.mbox!message-3".';
COMMENT ON COLUMN failure_reports.reporter IS 'The report e-mail''s From address, lower case.';
COMMENT ON COLUMN failure_reports.report_subject IS 'The report e-mail''s Subject, decoded.';
COMMENT ON COLUMN failure_reports.report_date IS 'The report e-mail''s Date.';
COMMENT ON COLUMN failure_reports.feedback_type IS 'Feedback-Type, lower case: auth-failure (a DMARC failure report), abuse, fraud, virus, other (RFC 5965).';
COMMENT ON COLUMN failure_reports.version IS 'Version field of the feedback part.';
COMMENT ON COLUMN failure_reports.user_agent IS 'User-Agent field: the reporting software.';
COMMENT ON COLUMN failure_reports.reporting_mta IS 'Reporting-MTA field.';
COMMENT ON COLUMN failure_reports.reported_domain IS 'Reported-Domain: the domain the failing message claimed.';
COMMENT ON COLUMN failure_reports.source_ip IS 'Source-IP: the address that sent the failing message.';
COMMENT ON COLUMN failure_reports.arrival_at IS 'Arrival-Date (or the older Received-Date): when the receiver got the failing message.';
COMMENT ON COLUMN failure_reports.auth_failure IS 'Auth-Failure, lower case: dmarc, dkim, spf, bodyhash, revoked (RFC 6591).';
COMMENT ON COLUMN failure_reports.original_mail_from IS 'Original-Mail-From: the envelope sender, without angle brackets.';
COMMENT ON COLUMN failure_reports.original_rcpt_to IS 'Original-Rcpt-To: the envelope recipients, without angle brackets, joined by ", ".';
COMMENT ON COLUMN failure_reports.delivery_result IS 'Delivery-Result, lower case: delivered, spam, policy, reject, other.';
COMMENT ON COLUMN failure_reports.identity_alignment IS 'Identity-Alignment, lower case: which identifiers were aligned (none, spf, dkim, or both).';
COMMENT ON COLUMN failure_reports.dkim_domain IS 'DKIM-Domain: the d= of the failing signature.';
COMMENT ON COLUMN failure_reports.dkim_selector IS 'DKIM-Selector: the s= of the failing signature.';
COMMENT ON COLUMN failure_reports.dkim_identity IS 'DKIM-Identity: the i= of the failing signature.';
COMMENT ON COLUMN failure_reports.spf_dns IS 'SPF-DNS: the SPF record the receiver evaluated.';
COMMENT ON COLUMN failure_reports.authentication_results IS 'Authentication-Results field of the feedback part.';
COMMENT ON COLUMN failure_reports.header_from IS 'The domain of the returned message''s From address, lower case.';
COMMENT ON COLUMN failure_reports.from_header IS 'The returned message''s From header, decoded.';
COMMENT ON COLUMN failure_reports.subject IS 'The returned message''s Subject, decoded.';
COMMENT ON COLUMN failure_reports.message_id IS 'The returned message''s Message-ID, without angle brackets.';
COMMENT ON COLUMN failure_reports.message_date IS 'The returned message''s Date.';
COMMENT ON COLUMN failure_reports.message_authentication_results IS 'The returned message''s Authentication-Results headers, one per line.';
COMMENT ON COLUMN failure_reports.returned_headers IS 'The returned message''s whole header section as text (at most 64 KiB).';
COMMENT ON COLUMN failure_reports.returned_body IS 'The returned message''s body, only when imported with --keep-failure-bodies (at most 1 MiB); NULL otherwise.';
COMMENT ON COLUMN failure_reports.missing IS 'What the report lacked or what had to be read from its wording, in words; empty for a complete ARF report.';
COMMENT ON COLUMN failure_reports.imported_at IS 'When the report was stored.';

CREATE TABLE tls_reports (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    input_id       bigint      NOT NULL REFERENCES inputs (id),
    input_part     text        NOT NULL,
    org_name       text        NOT NULL CHECK (org_name <> ''),
    report_id      text        NOT NULL CHECK (report_id <> ''),
    contact_info   text,
    begin_at       timestamptz NOT NULL,
    end_at         timestamptz NOT NULL,
    policy_count   integer     NOT NULL CHECK (policy_count >= 0),
    unknown_fields jsonb       NOT NULL DEFAULT '{}',
    imported_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tls_reports_date_range_check CHECK (end_at >= begin_at),
    CONSTRAINT tls_reports_natural_key UNIQUE (org_name, report_id)
);
CREATE INDEX tls_reports_begin_idx ON tls_reports (begin_at);
CREATE INDEX tls_reports_input_idx ON tls_reports (input_id);

COMMENT ON TABLE tls_reports IS 'One row per SMTP TLS report (RFC 8460); unique per organization and report id.';
COMMENT ON COLUMN tls_reports.id IS 'Surrogate key; policies and failures refer to it as tls_report_id.';
COMMENT ON COLUMN tls_reports.input_id IS 'The input the report came from (first seen).';
COMMENT ON COLUMN tls_reports.input_part IS 'Where in the input the report was, e.g. "mail.eml!google.com!x.json.gz!x.json".';
COMMENT ON COLUMN tls_reports.org_name IS 'organization-name: who sent the report.';
COMMENT ON COLUMN tls_reports.report_id IS 'report-id: the reporter''s id for the report.';
COMMENT ON COLUMN tls_reports.contact_info IS 'contact-info: how to reach the reporter.';
COMMENT ON COLUMN tls_reports.begin_at IS 'date-range start-datetime.';
COMMENT ON COLUMN tls_reports.end_at IS 'date-range end-datetime.';
COMMENT ON COLUMN tls_reports.policy_count IS 'Number of entries in policies.';
COMMENT ON COLUMN tls_reports.unknown_fields IS 'Top-level fields RFC 8460 does not name, as sent.';
COMMENT ON COLUMN tls_reports.imported_at IS 'When the report was stored.';

CREATE TABLE tls_policies (
    tls_report_id       bigint  NOT NULL REFERENCES tls_reports (id) ON DELETE CASCADE,
    policy_no           integer NOT NULL CHECK (policy_no >= 1),
    policy_type         text    NOT NULL CHECK (policy_type IN ('sts', 'tlsa', 'no-policy-found')),
    policy_domain       text    NOT NULL,
    policy_strings      text[]  NOT NULL DEFAULT '{}',
    mx_hosts            text[]  NOT NULL DEFAULT '{}',
    successful_sessions bigint  NOT NULL CHECK (successful_sessions >= 0),
    failed_sessions     bigint  NOT NULL CHECK (failed_sessions >= 0),
    unknown_fields      jsonb   NOT NULL DEFAULT '{}',
    PRIMARY KEY (tls_report_id, policy_no)
);
CREATE INDEX tls_policies_domain_idx ON tls_policies (policy_domain);

COMMENT ON TABLE tls_policies IS 'One row per entry of a TLS report''s policies: a policy a sender applied to a domain, and how its sessions went.';
COMMENT ON COLUMN tls_policies.tls_report_id IS 'The report (tls_reports.id).';
COMMENT ON COLUMN tls_policies.policy_no IS 'Position of the entry in the report, from 1.';
COMMENT ON COLUMN tls_policies.policy_type IS 'policy-type: sts (MTA-STS), tlsa (DANE) or no-policy-found.';
COMMENT ON COLUMN tls_policies.policy_domain IS 'policy-domain: the domain the policy is for.';
COMMENT ON COLUMN tls_policies.policy_strings IS 'policy-string: the policy as the sender saw it, line by line (MTA-STS policy lines or TLSA records).';
COMMENT ON COLUMN tls_policies.mx_hosts IS 'mx-host: the MX host patterns of the policy.';
COMMENT ON COLUMN tls_policies.successful_sessions IS 'summary total-successful-session-count.';
COMMENT ON COLUMN tls_policies.failed_sessions IS 'summary total-failure-session-count.';
COMMENT ON COLUMN tls_policies.unknown_fields IS 'Fields of the entry RFC 8460 does not name, as sent.';

CREATE TABLE tls_failures (
    tls_report_id         bigint  NOT NULL,
    policy_no             integer NOT NULL,
    failure_no            integer NOT NULL CHECK (failure_no >= 1),
    result_type           text    NOT NULL CHECK (result_type <> ''),
    sending_mta_ip        inet,
    receiving_mx_hostname text,
    receiving_mx_helo     text,
    receiving_ip          inet,
    failed_sessions       bigint  NOT NULL CHECK (failed_sessions >= 0),
    additional_information text,
    failure_reason_code   text,
    unknown_fields        jsonb   NOT NULL DEFAULT '{}',
    PRIMARY KEY (tls_report_id, policy_no, failure_no),
    FOREIGN KEY (tls_report_id, policy_no) REFERENCES tls_policies (tls_report_id, policy_no)
        ON DELETE CASCADE
);

COMMENT ON TABLE tls_failures IS 'One row per entry of a policy''s failure-details: a kind of TLS failure and how many sessions met it.';
COMMENT ON COLUMN tls_failures.tls_report_id IS 'The report (tls_reports.id).';
COMMENT ON COLUMN tls_failures.policy_no IS 'The policy entry (tls_policies.policy_no).';
COMMENT ON COLUMN tls_failures.failure_no IS 'Position of the entry in the policy''s failure-details, from 1.';
COMMENT ON COLUMN tls_failures.result_type IS 'result-type, lower case: e.g. starttls-not-supported, certificate-host-mismatch, certificate-expired, certificate-not-trusted, validation-failure, tlsa-invalid, dnssec-invalid, dane-required, sts-policy-fetch-error, sts-policy-invalid, sts-webpki-invalid.';
COMMENT ON COLUMN tls_failures.sending_mta_ip IS 'sending-mta-ip: the sender''s address (NULL when absent or not an address; then kept in unknown_fields).';
COMMENT ON COLUMN tls_failures.receiving_mx_hostname IS 'receiving-mx-hostname: the MX the sender tried.';
COMMENT ON COLUMN tls_failures.receiving_mx_helo IS 'receiving-mx-helo: the name the MX gave in its greeting.';
COMMENT ON COLUMN tls_failures.receiving_ip IS 'receiving-ip: the MX''s address (NULL when absent or not an address; then kept in unknown_fields).';
COMMENT ON COLUMN tls_failures.failed_sessions IS 'failed-session-count.';
COMMENT ON COLUMN tls_failures.additional_information IS 'additional-information: a URI with more detail.';
COMMENT ON COLUMN tls_failures.failure_reason_code IS 'failure-reason-code: the sender''s own code or text.';
COMMENT ON COLUMN tls_failures.unknown_fields IS 'Fields of the entry RFC 8460 does not name, as sent.';

CREATE VIEW dmarc_failure_reports AS
SELECT id, input_id, feedback_type, reported_domain, source_ip, arrival_at, auth_failure,
       original_mail_from, original_rcpt_to, delivery_result, identity_alignment, dkim_domain,
       dkim_selector, spf_dns, header_from, subject, message_id, reporter, report_date,
       dkim_identity, user_agent, reporting_mta, version, from_header, message_date,
       authentication_results, message_authentication_results, returned_headers, returned_body,
       missing, imported_at
FROM failure_reports;

COMMENT ON VIEW dmarc_failure_reports IS 'DMARC failure (forensic, RUF) reports and other ARF feedback reports, one row each (stable interface for users'' SQL).';
COMMENT ON COLUMN dmarc_failure_reports.id IS 'The report (failure_reports.id).';
COMMENT ON COLUMN dmarc_failure_reports.input_id IS 'The input it came from (dmarc_inputs.id).';
COMMENT ON COLUMN dmarc_failure_reports.feedback_type IS 'auth-failure for a DMARC failure report; abuse, fraud, virus or other for other ARF reports.';
COMMENT ON COLUMN dmarc_failure_reports.reported_domain IS 'The domain the failing message claimed (Reported-Domain).';
COMMENT ON COLUMN dmarc_failure_reports.source_ip IS 'The address that sent the failing message (Source-IP).';
COMMENT ON COLUMN dmarc_failure_reports.arrival_at IS 'When the receiver got the failing message (Arrival-Date).';
COMMENT ON COLUMN dmarc_failure_reports.auth_failure IS 'What failed: dmarc, dkim, spf, bodyhash or revoked (Auth-Failure).';
COMMENT ON COLUMN dmarc_failure_reports.original_mail_from IS 'The envelope sender (Original-Mail-From).';
COMMENT ON COLUMN dmarc_failure_reports.original_rcpt_to IS 'The envelope recipients (Original-Rcpt-To).';
COMMENT ON COLUMN dmarc_failure_reports.delivery_result IS 'What the receiver did with the message (Delivery-Result).';
COMMENT ON COLUMN dmarc_failure_reports.identity_alignment IS 'Which identifiers were aligned (Identity-Alignment).';
COMMENT ON COLUMN dmarc_failure_reports.dkim_domain IS 'd= of the failing DKIM signature.';
COMMENT ON COLUMN dmarc_failure_reports.dkim_selector IS 's= of the failing DKIM signature.';
COMMENT ON COLUMN dmarc_failure_reports.spf_dns IS 'The SPF record the receiver evaluated (SPF-DNS).';
COMMENT ON COLUMN dmarc_failure_reports.header_from IS 'Domain of the returned message''s From.';
COMMENT ON COLUMN dmarc_failure_reports.subject IS 'The returned message''s Subject.';
COMMENT ON COLUMN dmarc_failure_reports.message_id IS 'The returned message''s Message-ID, without angle brackets.';
COMMENT ON COLUMN dmarc_failure_reports.reporter IS 'Who sent the report (its From address).';
COMMENT ON COLUMN dmarc_failure_reports.report_date IS 'When the report was sent (its Date).';
COMMENT ON COLUMN dmarc_failure_reports.dkim_identity IS 'i= of the failing DKIM signature.';
COMMENT ON COLUMN dmarc_failure_reports.user_agent IS 'The reporting software (User-Agent).';
COMMENT ON COLUMN dmarc_failure_reports.reporting_mta IS 'The reporting MTA (Reporting-MTA).';
COMMENT ON COLUMN dmarc_failure_reports.version IS 'Version of the feedback format.';
COMMENT ON COLUMN dmarc_failure_reports.from_header IS 'The returned message''s whole From header.';
COMMENT ON COLUMN dmarc_failure_reports.message_date IS 'The returned message''s Date.';
COMMENT ON COLUMN dmarc_failure_reports.authentication_results IS 'Authentication-Results of the feedback part.';
COMMENT ON COLUMN dmarc_failure_reports.message_authentication_results IS 'The returned message''s Authentication-Results headers.';
COMMENT ON COLUMN dmarc_failure_reports.returned_headers IS 'The returned message''s header section (at most 64 KiB).';
COMMENT ON COLUMN dmarc_failure_reports.returned_body IS 'The returned message''s body, only with --keep-failure-bodies.';
COMMENT ON COLUMN dmarc_failure_reports.missing IS 'What the report lacked, in words; empty for a complete ARF report.';
COMMENT ON COLUMN dmarc_failure_reports.imported_at IS 'When the report was stored.';

CREATE VIEW smtp_tls_reports AS
SELECT id, input_id, org_name, report_id, contact_info, begin_at, end_at, policy_count,
       unknown_fields, imported_at
FROM tls_reports;

COMMENT ON VIEW smtp_tls_reports IS 'SMTP TLS reports (RFC 8460), one row each (stable interface for users'' SQL).';
COMMENT ON COLUMN smtp_tls_reports.id IS 'The report (tls_reports.id; smtp_tls_policies.tls_report_id).';
COMMENT ON COLUMN smtp_tls_reports.input_id IS 'The input it came from (dmarc_inputs.id).';
COMMENT ON COLUMN smtp_tls_reports.org_name IS 'Who sent the report (organization-name).';
COMMENT ON COLUMN smtp_tls_reports.report_id IS 'The reporter''s report id.';
COMMENT ON COLUMN smtp_tls_reports.contact_info IS 'How to reach the reporter.';
COMMENT ON COLUMN smtp_tls_reports.begin_at IS 'Start of the reporting period.';
COMMENT ON COLUMN smtp_tls_reports.end_at IS 'End of the reporting period.';
COMMENT ON COLUMN smtp_tls_reports.policy_count IS 'Number of policies in the report.';
COMMENT ON COLUMN smtp_tls_reports.unknown_fields IS 'Top-level fields RFC 8460 does not name, as sent.';
COMMENT ON COLUMN smtp_tls_reports.imported_at IS 'When the report was stored.';

CREATE VIEW smtp_tls_policies AS
SELECT p.tls_report_id, r.org_name, r.report_id, r.begin_at, r.end_at, p.policy_type,
       p.policy_domain, p.successful_sessions, p.failed_sessions, p.policy_strings, p.mx_hosts,
       p.policy_no, p.unknown_fields
FROM tls_policies p
JOIN tls_reports r ON r.id = p.tls_report_id;

COMMENT ON VIEW smtp_tls_policies IS 'Every policy of every SMTP TLS report: which policy senders applied to a domain and how many sessions succeeded and failed.';
COMMENT ON COLUMN smtp_tls_policies.tls_report_id IS 'The report (smtp_tls_reports.id).';
COMMENT ON COLUMN smtp_tls_policies.org_name IS 'Who sent the report.';
COMMENT ON COLUMN smtp_tls_policies.report_id IS 'The reporter''s report id.';
COMMENT ON COLUMN smtp_tls_policies.begin_at IS 'Start of the reporting period.';
COMMENT ON COLUMN smtp_tls_policies.end_at IS 'End of the reporting period.';
COMMENT ON COLUMN smtp_tls_policies.policy_type IS 'sts (MTA-STS), tlsa (DANE) or no-policy-found.';
COMMENT ON COLUMN smtp_tls_policies.policy_domain IS 'The domain the policy is for.';
COMMENT ON COLUMN smtp_tls_policies.successful_sessions IS 'Sessions that negotiated TLS as the policy requires.';
COMMENT ON COLUMN smtp_tls_policies.failed_sessions IS 'Sessions that failed (see smtp_tls_failures for why).';
COMMENT ON COLUMN smtp_tls_policies.policy_strings IS 'The policy as the sender saw it, line by line.';
COMMENT ON COLUMN smtp_tls_policies.mx_hosts IS 'The MX host patterns of the policy.';
COMMENT ON COLUMN smtp_tls_policies.policy_no IS 'Position of the policy in the report, from 1.';
COMMENT ON COLUMN smtp_tls_policies.unknown_fields IS 'Fields of the policy entry RFC 8460 does not name, as sent.';

CREATE VIEW smtp_tls_failures AS
SELECT f.tls_report_id, r.org_name, r.report_id, p.policy_domain, f.result_type,
       f.sending_mta_ip, f.receiving_mx_hostname, f.receiving_ip, f.failed_sessions,
       f.receiving_mx_helo, f.additional_information, f.failure_reason_code, p.policy_type,
       r.begin_at, r.end_at, f.policy_no, f.failure_no, f.unknown_fields
FROM tls_failures f
JOIN tls_policies p ON p.tls_report_id = f.tls_report_id AND p.policy_no = f.policy_no
JOIN tls_reports r ON r.id = f.tls_report_id;

COMMENT ON VIEW smtp_tls_failures IS 'Every failure detail of every SMTP TLS report: why sessions to an MX failed, and how many.';
COMMENT ON COLUMN smtp_tls_failures.tls_report_id IS 'The report (smtp_tls_reports.id).';
COMMENT ON COLUMN smtp_tls_failures.org_name IS 'Who sent the report.';
COMMENT ON COLUMN smtp_tls_failures.report_id IS 'The reporter''s report id.';
COMMENT ON COLUMN smtp_tls_failures.policy_domain IS 'The domain of the policy the failure was met under.';
COMMENT ON COLUMN smtp_tls_failures.result_type IS 'What failed, e.g. certificate-expired, starttls-not-supported, sts-policy-fetch-error.';
COMMENT ON COLUMN smtp_tls_failures.sending_mta_ip IS 'The sender''s address.';
COMMENT ON COLUMN smtp_tls_failures.receiving_mx_hostname IS 'The MX the sender tried.';
COMMENT ON COLUMN smtp_tls_failures.receiving_ip IS 'The MX''s address.';
COMMENT ON COLUMN smtp_tls_failures.failed_sessions IS 'Sessions that failed this way.';
COMMENT ON COLUMN smtp_tls_failures.receiving_mx_helo IS 'The name the MX gave in its greeting.';
COMMENT ON COLUMN smtp_tls_failures.additional_information IS 'A URI with more detail, from the reporter.';
COMMENT ON COLUMN smtp_tls_failures.failure_reason_code IS 'The reporter''s own code or text for the failure.';
COMMENT ON COLUMN smtp_tls_failures.policy_type IS 'sts, tlsa or no-policy-found.';
COMMENT ON COLUMN smtp_tls_failures.begin_at IS 'Start of the reporting period.';
COMMENT ON COLUMN smtp_tls_failures.end_at IS 'End of the reporting period.';
COMMENT ON COLUMN smtp_tls_failures.policy_no IS 'The policy entry (smtp_tls_policies.policy_no).';
COMMENT ON COLUMN smtp_tls_failures.failure_no IS 'Position of the detail in the policy, from 1.';
COMMENT ON COLUMN smtp_tls_failures.unknown_fields IS 'Fields of the entry RFC 8460 does not name, as sent.';

COMMENT ON COLUMN inputs.report_count IS 'Number of reports (aggregate, failure or SMTP TLS) found in the input, new or duplicate.';
COMMENT ON COLUMN dmarc_inputs.report_count IS 'Number of reports (aggregate, failure or SMTP TLS) found in the input, new or duplicate.';
