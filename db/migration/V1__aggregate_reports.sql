-- Puerto schema, version 1: every input that arrives, and the DMARC aggregate reports in it.
-- Tables hold the data; the views dmarc_reports and dmarc_records are the stable contract
-- for users' own SQL and dashboards.

CREATE TABLE inputs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256        bytea       NOT NULL UNIQUE CHECK (octet_length(sha256) = 32),
    origin_kind   text        NOT NULL CHECK (origin_kind IN ('file', 'stdin', 'imap')),
    origin        text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes >= 0),
    raw_gzip      bytea       NOT NULL,
    status        text        NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'imported', 'duplicate', 'rejected', 'partial')),
    error         text,
    report_count  integer     NOT NULL DEFAULT 0 CHECK (report_count >= 0),
    received_at   timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz
);
CREATE INDEX inputs_status_idx ON inputs (status) WHERE status <> 'imported';

COMMENT ON TABLE inputs IS 'Every input Puerto was given (file, stdin or mail message), whatever became of it; the raw bytes make re-parsing possible (puerto reparse).';
COMMENT ON COLUMN inputs.id IS 'Surrogate key.';
COMMENT ON COLUMN inputs.sha256 IS 'SHA-256 of the raw bytes; the same input seen twice is recognised by it.';
COMMENT ON COLUMN inputs.origin_kind IS 'Where the input came from: file, stdin or imap.';
COMMENT ON COLUMN inputs.origin IS 'Human-readable origin: the file path, "-" for stdin, or the mailbox and UID.';
COMMENT ON COLUMN inputs.size_bytes IS 'Size of the raw input in bytes (before Puerto compressed it for storage).';
COMMENT ON COLUMN inputs.raw_gzip IS 'The raw input bytes, gzip-compressed.';
COMMENT ON COLUMN inputs.status IS 'pending (being processed, or interrupted), imported (at least one new report), duplicate (nothing new), rejected (nothing usable), partial (some reports imported, some rejected).';
COMMENT ON COLUMN inputs.error IS 'Why reports in this input were rejected, one line per problem, naming the part (zip entry, attachment).';
COMMENT ON COLUMN inputs.report_count IS 'Number of aggregate reports found in the input, new or duplicate.';
COMMENT ON COLUMN inputs.received_at IS 'When Puerto first saw this input.';
COMMENT ON COLUMN inputs.processed_at IS 'When Puerto last finished processing this input.';

CREATE TABLE reports (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    input_id           bigint      NOT NULL REFERENCES inputs (id),
    input_part         text        NOT NULL,
    xml_namespace      text,
    version            text,
    org_name           text        NOT NULL CHECK (org_name <> ''),
    email              text,
    extra_contact_info text,
    report_id          text        NOT NULL CHECK (report_id <> ''),
    begin_at           timestamptz NOT NULL,
    end_at             timestamptz NOT NULL,
    errors             text[]      NOT NULL DEFAULT '{}',
    generator          text,
    policy_domain      text        NOT NULL CHECK (policy_domain <> ''),
    adkim              text,
    aspf               text,
    p                  text,
    sp                 text,
    pct                integer,
    np                 text,
    fo                 text,
    testing            text,
    discovery_method   text,
    record_count       integer     NOT NULL DEFAULT 0 CHECK (record_count >= 0),
    message_count      bigint      NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    imported_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reports_date_range_check CHECK (end_at >= begin_at),
    CONSTRAINT reports_natural_key UNIQUE (org_name, report_id, policy_domain, begin_at, end_at)
);
CREATE INDEX reports_domain_begin_idx ON reports (policy_domain, begin_at);
CREATE INDEX reports_begin_idx ON reports (begin_at);
CREATE INDEX reports_input_idx ON reports (input_id);

COMMENT ON TABLE reports IS 'One row per DMARC aggregate report; unique per reporter, report id, policy domain and date range (reporters reuse report ids on consecutive days).';
COMMENT ON COLUMN reports.id IS 'Surrogate key; records, auth results and reasons refer to it as report_key.';
COMMENT ON COLUMN reports.input_id IS 'The input the report came from (first seen).';
COMMENT ON COLUMN reports.input_part IS 'Where in the input the report was: the file name, or the chain of attachments and archive entries, e.g. "mail.eml!google.com!x.zip!x.xml".';
COMMENT ON COLUMN reports.xml_namespace IS 'XML namespace of the document: NULL (RFC 7489 as sent), http://dmarc.org/dmarc-xml/0.1 or urn:ietf:params:xml:ns:dmarc-2.0 (RFC 9990).';
COMMENT ON COLUMN reports.version IS 'feedback/version as sent, if any.';
COMMENT ON COLUMN reports.org_name IS 'Reporting organization (report_metadata/org_name, or the domain of its email when the name is missing).';
COMMENT ON COLUMN reports.email IS 'Reporter contact address (report_metadata/email).';
COMMENT ON COLUMN reports.extra_contact_info IS 'Reporter contact details (report_metadata/extra_contact_info).';
COMMENT ON COLUMN reports.report_id IS 'The reporter''s report id (report_metadata/report_id); unique only together with reporter, domain and date range.';
COMMENT ON COLUMN reports.begin_at IS 'Start of the reporting period (from the epoch seconds in the report).';
COMMENT ON COLUMN reports.end_at IS 'End of the reporting period (from the epoch seconds in the report).';
COMMENT ON COLUMN reports.errors IS 'report_metadata/error messages the reporter included.';
COMMENT ON COLUMN reports.generator IS 'Generating software (RFC 9990 report_metadata/generator).';
COMMENT ON COLUMN reports.policy_domain IS 'The DMARC policy domain the report is about (policy_published/domain, lower case).';
COMMENT ON COLUMN reports.adkim IS 'Published DKIM alignment mode: r or s.';
COMMENT ON COLUMN reports.aspf IS 'Published SPF alignment mode: r or s.';
COMMENT ON COLUMN reports.p IS 'Published policy: none, quarantine or reject.';
COMMENT ON COLUMN reports.sp IS 'Published subdomain policy.';
COMMENT ON COLUMN reports.pct IS 'Published percentage of messages the policy applies to (RFC 7489; removed in RFC 9989).';
COMMENT ON COLUMN reports.np IS 'Published policy for non-existent subdomains (RFC 9989).';
COMMENT ON COLUMN reports.fo IS 'Published failure reporting options.';
COMMENT ON COLUMN reports.testing IS 'Published testing mode t=y|n (RFC 9989).';
COMMENT ON COLUMN reports.discovery_method IS 'How the receiver found the policy: psl or treewalk (RFC 9990).';
COMMENT ON COLUMN reports.record_count IS 'Number of <record> elements in the report.';
COMMENT ON COLUMN reports.message_count IS 'Sum of the record counts: messages covered by the report.';
COMMENT ON COLUMN reports.imported_at IS 'When the report was stored.';

CREATE TABLE records (
    report_key    bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    record_no     integer NOT NULL CHECK (record_no >= 1),
    source_ip     inet   NOT NULL,
    message_count bigint NOT NULL CHECK (message_count >= 0),
    disposition   text,
    dkim_result   text,
    spf_result    text,
    header_from   text,
    envelope_from text,
    envelope_to   text,
    PRIMARY KEY (report_key, record_no)
);
CREATE INDEX records_source_ip_idx ON records (source_ip);

COMMENT ON TABLE records IS 'One row per <record> of a report: a sending IP and the messages it sent with one set of results.';
COMMENT ON COLUMN records.report_key IS 'The report (reports.id).';
COMMENT ON COLUMN records.record_no IS 'Position of the record in the report, from 1.';
COMMENT ON COLUMN records.source_ip IS 'The sending IP address (row/source_ip).';
COMMENT ON COLUMN records.message_count IS 'Number of messages (row/count).';
COMMENT ON COLUMN records.disposition IS 'What the receiver did: none, quarantine, reject (or pass, RFC 9990); lower case.';
COMMENT ON COLUMN records.dkim_result IS 'Policy-evaluated DKIM result (aligned pass or not): pass or fail, lower case.';
COMMENT ON COLUMN records.spf_result IS 'Policy-evaluated SPF result (aligned pass or not): pass or fail, lower case.';
COMMENT ON COLUMN records.header_from IS 'RFC5322.From domain (identifiers/header_from).';
COMMENT ON COLUMN records.envelope_from IS 'RFC5321.MailFrom domain (identifiers/envelope_from), if reported.';
COMMENT ON COLUMN records.envelope_to IS 'RFC5321.RcptTo domain (identifiers/envelope_to), if reported.';

CREATE TABLE dkim_results (
    report_key   bigint  NOT NULL,
    record_no    integer NOT NULL,
    result_no    integer NOT NULL CHECK (result_no >= 1),
    domain       text,
    selector     text,
    result       text,
    human_result text,
    PRIMARY KEY (report_key, record_no, result_no)
);

COMMENT ON TABLE dkim_results IS 'Every DKIM signature result of a record (auth_results/dkim), one row each.';
COMMENT ON COLUMN dkim_results.report_key IS 'The report (reports.id).';
COMMENT ON COLUMN dkim_results.record_no IS 'The record within the report (records.record_no).';
COMMENT ON COLUMN dkim_results.result_no IS 'Position of this result in the record, from 1.';
COMMENT ON COLUMN dkim_results.domain IS 'Signing domain (d=).';
COMMENT ON COLUMN dkim_results.selector IS 'Selector (s=), if reported.';
COMMENT ON COLUMN dkim_results.result IS 'Raw DKIM result, lower case: pass, fail, none, policy, neutral, temperror, permerror.';
COMMENT ON COLUMN dkim_results.human_result IS 'Free-text result from the reporter.';

CREATE TABLE spf_results (
    report_key   bigint  NOT NULL,
    record_no    integer NOT NULL,
    result_no    integer NOT NULL CHECK (result_no >= 1),
    domain       text,
    scope        text,
    result       text,
    human_result text,
    PRIMARY KEY (report_key, record_no, result_no)
);

COMMENT ON TABLE spf_results IS 'Every SPF result of a record (auth_results/spf), one row each.';
COMMENT ON COLUMN spf_results.report_key IS 'The report (reports.id).';
COMMENT ON COLUMN spf_results.record_no IS 'The record within the report (records.record_no).';
COMMENT ON COLUMN spf_results.result_no IS 'Position of this result in the record, from 1.';
COMMENT ON COLUMN spf_results.domain IS 'Domain checked (MAIL FROM or HELO domain).';
COMMENT ON COLUMN spf_results.scope IS 'helo or mfrom, if reported.';
COMMENT ON COLUMN spf_results.result IS 'Raw SPF result, lower case: pass, fail, softfail, neutral, none, temperror, permerror (hardfail as some reporters spell fail is kept as sent).';
COMMENT ON COLUMN spf_results.human_result IS 'Free-text result from the reporter (RFC 9990).';

CREATE TABLE override_reasons (
    report_key bigint  NOT NULL,
    record_no  integer NOT NULL,
    reason_no  integer NOT NULL CHECK (reason_no >= 1),
    type       text,
    comment    text,
    PRIMARY KEY (report_key, record_no, reason_no)
);

COMMENT ON TABLE override_reasons IS 'Why the receiver applied a policy other than the published one (policy_evaluated/reason).';
COMMENT ON COLUMN override_reasons.report_key IS 'The report (reports.id).';
COMMENT ON COLUMN override_reasons.record_no IS 'The record within the report (records.record_no).';
COMMENT ON COLUMN override_reasons.reason_no IS 'Position of this reason in the record, from 1.';
COMMENT ON COLUMN override_reasons.type IS 'forwarded, sampled_out, trusted_forwarder, mailing_list, local_policy, policy_test_mode or other; lower case, empty when the reporter sent an empty type.';
COMMENT ON COLUMN override_reasons.comment IS 'Reporter''s comment.';

-- The auth results and reasons belong to a record, but carry no foreign key: a per-row
-- foreign-key check doubled the cost of bulk inserts (measured), and only Puerto writes these
-- rows, in the same transaction as their record. Deleting or truncating records still removes
-- them, through these statement-level triggers.
CREATE FUNCTION delete_record_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM dkim_results c USING deleted_records d
     WHERE c.report_key = d.report_key AND c.record_no = d.record_no;
    DELETE FROM spf_results c USING deleted_records d
     WHERE c.report_key = d.report_key AND c.record_no = d.record_no;
    DELETE FROM override_reasons c USING deleted_records d
     WHERE c.report_key = d.report_key AND c.record_no = d.record_no;
    RETURN NULL;
END
$$;
CREATE TRIGGER records_delete_children
    AFTER DELETE ON records REFERENCING OLD TABLE AS deleted_records
    FOR EACH STATEMENT EXECUTE FUNCTION delete_record_children();

CREATE FUNCTION truncate_record_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE dkim_results, spf_results, override_reasons;
    RETURN NULL;
END
$$;
CREATE TRIGGER records_truncate_children
    AFTER TRUNCATE ON records
    FOR EACH STATEMENT EXECUTE FUNCTION truncate_record_children();

-- The stable contract: one row per report.
CREATE VIEW dmarc_reports AS
SELECT r.id,
       r.org_name,
       r.email,
       r.report_id,
       r.policy_domain,
       r.begin_at,
       r.end_at,
       r.record_count,
       r.message_count,
       r.adkim,
       r.aspf,
       r.p,
       r.sp,
       r.pct,
       r.np,
       r.fo,
       r.testing,
       r.discovery_method,
       r.errors,
       r.generator,
       r.xml_namespace,
       r.input_id,
       r.imported_at
FROM reports r;

COMMENT ON VIEW dmarc_reports IS 'One row per stored aggregate report, with its published policy. Stable: columns keep their names and meaning.';
COMMENT ON COLUMN dmarc_reports.record_count IS 'Number of <record> elements in the report.';
COMMENT ON COLUMN dmarc_reports.message_count IS 'Sum of the record counts.';

-- The stable contract: one row per record, with its report's metadata and pass/fail booleans.
CREATE VIEW dmarc_records AS
SELECT rep.org_name,
       rep.report_id,
       rep.policy_domain,
       rep.begin_at,
       rep.end_at,
       rec.source_ip,
       rec.message_count,
       rec.disposition,
       rec.dkim_result,
       rec.spf_result,
       rec.header_from,
       rec.envelope_from,
       rec.envelope_to,
       (rec.dkim_result = 'pass' OR rec.spf_result = 'pass') IS TRUE AS dmarc_pass,
       (rec.dkim_result = 'pass') IS TRUE                           AS dkim_aligned_pass,
       (rec.spf_result = 'pass') IS TRUE                            AS spf_aligned_pass,
       rec.report_key,
       rec.record_no
FROM records rec
JOIN reports rep ON rep.id = rec.report_key;

COMMENT ON VIEW dmarc_records IS 'One row per report record with the report''s reporter, domain and period. Stable: columns keep their names and meaning.';
COMMENT ON COLUMN dmarc_records.dmarc_pass IS 'True when DKIM or SPF passed aligned (policy_evaluated), i.e. the messages passed DMARC.';
COMMENT ON COLUMN dmarc_records.dkim_aligned_pass IS 'True when the policy-evaluated DKIM result is pass (aligned).';
COMMENT ON COLUMN dmarc_records.spf_aligned_pass IS 'True when the policy-evaluated SPF result is pass (aligned).';

-- Roll-up: messages per policy domain, UTC day of the report period start and source IP.
CREATE VIEW dmarc_daily_sources AS
SELECT policy_domain,
       (begin_at AT TIME ZONE 'UTC')::date                       AS day,
       source_ip,
       sum(message_count)                                        AS messages,
       sum(message_count) FILTER (WHERE dmarc_pass)              AS dmarc_pass_messages,
       sum(message_count) FILTER (WHERE dkim_aligned_pass)       AS dkim_aligned_messages,
       sum(message_count) FILTER (WHERE spf_aligned_pass)        AS spf_aligned_messages,
       sum(message_count) FILTER (WHERE disposition = 'quarantine') AS quarantined_messages,
       sum(message_count) FILTER (WHERE disposition = 'reject')  AS rejected_messages,
       count(DISTINCT org_name)                                  AS reporters
FROM dmarc_records
GROUP BY policy_domain, day, source_ip;

COMMENT ON VIEW dmarc_daily_sources IS 'Messages per policy domain, UTC day (of the report period start) and source IP, with aligned-pass and disposition counts.';

-- Inputs without the raw bytes, for looking at what was imported or rejected.
CREATE VIEW dmarc_inputs AS
SELECT id, origin_kind, origin, encode(sha256, 'hex') AS sha256, size_bytes, status, error,
       report_count, received_at, processed_at
FROM inputs;

COMMENT ON VIEW dmarc_inputs IS 'Every input with its status and error text (the raw bytes stay in inputs.raw_gzip).';

COMMENT ON COLUMN dmarc_daily_sources.day IS 'UTC date of the report period start.';
COMMENT ON COLUMN dmarc_daily_sources.messages IS 'Messages reported from this source on this day.';
COMMENT ON COLUMN dmarc_daily_sources.dmarc_pass_messages IS 'Of those, messages that passed DMARC (DKIM or SPF aligned).';
COMMENT ON COLUMN dmarc_daily_sources.dkim_aligned_messages IS 'Of those, messages with an aligned DKIM pass.';
COMMENT ON COLUMN dmarc_daily_sources.spf_aligned_messages IS 'Of those, messages with an aligned SPF pass.';
COMMENT ON COLUMN dmarc_daily_sources.quarantined_messages IS 'Of those, messages the receivers quarantined.';
COMMENT ON COLUMN dmarc_daily_sources.rejected_messages IS 'Of those, messages the receivers rejected.';
COMMENT ON COLUMN dmarc_daily_sources.reporters IS 'Number of reporting organizations that saw this source on this day.';
COMMENT ON COLUMN dmarc_inputs.sha256 IS 'SHA-256 of the raw bytes, in hex.';

-- View columns that repeat a table column get that column's comment; the first table listed
-- for a view wins where names repeat (message_count means per record in dmarc_records).
DO $$
DECLARE
    sources CONSTANT jsonb := '{
        "dmarc_reports": ["reports"],
        "dmarc_records": ["records", "reports"],
        "dmarc_daily_sources": ["records", "reports"],
        "dmarc_inputs": ["inputs"]}';
    v record;
BEGIN
    FOR v IN
        SELECT view.key AS view_name, a.attname AS column_name,
               (SELECT col_description(t.name::regclass, ta.attnum)
                FROM jsonb_array_elements_text(view.value) WITH ORDINALITY AS t(name, position)
                JOIN pg_attribute ta ON ta.attrelid = t.name::regclass AND ta.attname = a.attname
                WHERE col_description(t.name::regclass, ta.attnum) IS NOT NULL
                ORDER BY t.position
                LIMIT 1) AS description
        FROM jsonb_each(sources) AS view
        JOIN pg_attribute a ON a.attrelid = view.key::regclass AND a.attnum > 0
        WHERE col_description(view.key::regclass, a.attnum) IS NULL
    LOOP
        IF v.description IS NOT NULL THEN
            EXECUTE format('COMMENT ON COLUMN %I.%I IS %L', v.view_name, v.column_name, v.description);
        END IF;
    END LOOP;
END
$$;
