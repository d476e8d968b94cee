-- Puerto schema, version 7: what "passed DMARC" means, said once. The views that show it, and
-- Puerto's own queries, call this function (an inlined SQL function: no cost against the old
-- expressions); the views keep their columns, names and meaning.

CREATE FUNCTION dmarc_pass(dkim_result text, spf_result text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (dkim_result = 'pass' OR spf_result = 'pass') IS TRUE $$;

COMMENT ON FUNCTION dmarc_pass(text, text) IS 'True when a record passed DMARC: its policy-evaluated DKIM or SPF result (records.dkim_result, records.spf_result) is an aligned pass. Never NULL.';

CREATE OR REPLACE VIEW dmarc_records AS
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
       dmarc_pass(rec.dkim_result, rec.spf_result) AS dmarc_pass,
       (rec.dkim_result = 'pass') IS TRUE          AS dkim_aligned_pass,
       (rec.spf_result = 'pass') IS TRUE           AS spf_aligned_pass,
       rec.report_key,
       rec.record_no
FROM records rec
JOIN reports rep ON rep.id = rec.report_key;

CREATE OR REPLACE VIEW dmarc_record_days AS
SELECT d.policy_domain,
       d.day,
       d.org_name,
       d.report_id,
       d.begin_at,
       d.end_at,
       rec.source_ip,
       rec.message_count * d.seconds_to_day_end / d.period_seconds
           - rec.message_count * d.seconds_to_day_start / d.period_seconds AS messages,
       rec.message_count                                                AS record_messages,
       coalesce(rec.disposition, 'none')                                AS disposition,
       dmarc_pass(rec.dkim_result, rec.spf_result)                      AS dmarc_pass,
       (rec.spf_result = 'pass') IS TRUE                                AS spf_aligned_pass,
       (rec.dkim_result = 'pass') IS TRUE                               AS dkim_aligned_pass,
       rec.report_key,
       rec.record_no
FROM dmarc_report_days d
JOIN records rec ON rec.report_key = d.report_key;
