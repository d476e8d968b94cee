-- Puerto schema, version 4: the daily SQL interface used by `puerto summary` and by users' own SQL.
--
-- Day attribution. A report covers the half-open period [begin_at, end_at) (an end of begin + 86400,
-- as Outlook.com sends, and one of begin + 86399 both mean one day); a report with end_at = begin_at
-- counts as one second. Each record's count is spread over the UTC days the period touches in
-- proportion to the seconds it spends in each day, with cumulative rounding: the share of a day is
-- floor(count * seconds up to the end of the day / period seconds) - floor(count * seconds up to
-- its start / period seconds). The shares are whole messages, differ from the exact proportion by
-- less than one message, and add up to the record's count exactly (bigint integer division, which
-- is floor for these non-negative values; seconds are rounded to whole seconds, which keeps the sum
-- exact because the first day starts at 0 and the last ends at the period). An ISO week is the seven UTC
-- days from Monday 00:00 UTC; a report spanning midnight Sunday counts in both weeks by the same rule.

CREATE VIEW dmarc_report_days AS
SELECT rep.id                                                         AS report_key,
       rep.policy_domain,
       g.day::date                                                    AS day,
       rep.org_name,
       rep.report_id,
       rep.begin_at,
       rep.end_at,
       s.period_seconds,
       s.seconds_to_day_start,
       s.seconds_to_day_end
FROM reports rep
CROSS JOIN LATERAL (SELECT rep.begin_at AT TIME ZONE 'UTC' AS b,
                           greatest(rep.end_at, rep.begin_at + interval '1 second')
                               AT TIME ZONE 'UTC' AS e) p
CROSS JOIN LATERAL generate_series(date_trunc('day', p.b), p.e - interval '1 microsecond',
                                   interval '1 day') AS g(day)
CROSS JOIN LATERAL (SELECT date_part('epoch', p.e - p.b)::bigint AS period_seconds,
                           date_part('epoch', greatest(p.b, g.day) - p.b)::bigint
                               AS seconds_to_day_start,
                           date_part('epoch', least(p.e, g.day + interval '1 day') - p.b)::bigint
                               AS seconds_to_day_end) s;

COMMENT ON VIEW dmarc_report_days IS 'One row per report and UTC day its period [begin_at, end_at) touches, with the seconds that place the day in the period (the basis of dmarc_record_days).';
COMMENT ON COLUMN dmarc_report_days.report_key IS 'The report (reports.id).';
COMMENT ON COLUMN dmarc_report_days.policy_domain IS 'The DMARC policy domain of the report.';
COMMENT ON COLUMN dmarc_report_days.day IS 'UTC day.';
COMMENT ON COLUMN dmarc_report_days.org_name IS 'Reporting organization.';
COMMENT ON COLUMN dmarc_report_days.report_id IS 'The reporter''s report id.';
COMMENT ON COLUMN dmarc_report_days.begin_at IS 'Start of the report period.';
COMMENT ON COLUMN dmarc_report_days.end_at IS 'End of the report period.';
COMMENT ON COLUMN dmarc_report_days.period_seconds IS 'Length of the period in whole seconds (at least 1).';
COMMENT ON COLUMN dmarc_report_days.seconds_to_day_start IS 'Seconds from the period start to where the period enters this day (0 on its first day).';
COMMENT ON COLUMN dmarc_report_days.seconds_to_day_end IS 'Seconds from the period start to where the period leaves this day (period_seconds on its last day).';

CREATE VIEW dmarc_record_days AS
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
       (rec.dkim_result = 'pass' OR rec.spf_result = 'pass') IS TRUE    AS dmarc_pass,
       (rec.spf_result = 'pass') IS TRUE                                AS spf_aligned_pass,
       (rec.dkim_result = 'pass') IS TRUE                               AS dkim_aligned_pass,
       rec.report_key,
       rec.record_no
FROM dmarc_report_days d
JOIN records rec ON rec.report_key = d.report_key;

COMMENT ON VIEW dmarc_record_days IS 'One row per report record and UTC day its report period touches, with the record''s messages spread over those days in proportion to time (whole messages; the days of a record add up to its count exactly). Filter on policy_domain and on begin_at/end_at as well as day to use the indexes.';
COMMENT ON COLUMN dmarc_record_days.policy_domain IS 'The DMARC policy domain of the report.';
COMMENT ON COLUMN dmarc_record_days.day IS 'UTC day.';
COMMENT ON COLUMN dmarc_record_days.org_name IS 'Reporting organization.';
COMMENT ON COLUMN dmarc_record_days.report_id IS 'The reporter''s report id.';
COMMENT ON COLUMN dmarc_record_days.begin_at IS 'Start of the report period.';
COMMENT ON COLUMN dmarc_record_days.end_at IS 'End of the report period.';
COMMENT ON COLUMN dmarc_record_days.source_ip IS 'The sending IP address.';
COMMENT ON COLUMN dmarc_record_days.messages IS 'The share of the record''s messages attributed to this day.';
COMMENT ON COLUMN dmarc_record_days.record_messages IS 'The record''s whole message count (all days).';
COMMENT ON COLUMN dmarc_record_days.disposition IS 'What the receiver did: none (also when not reported), quarantine, reject, or pass (RFC 9990).';
COMMENT ON COLUMN dmarc_record_days.dmarc_pass IS 'True when DKIM or SPF passed aligned, i.e. the messages passed DMARC.';
COMMENT ON COLUMN dmarc_record_days.spf_aligned_pass IS 'True when the policy-evaluated SPF result is pass (aligned).';
COMMENT ON COLUMN dmarc_record_days.dkim_aligned_pass IS 'True when the policy-evaluated DKIM result is pass (aligned).';
COMMENT ON COLUMN dmarc_record_days.report_key IS 'The report (reports.id).';
COMMENT ON COLUMN dmarc_record_days.record_no IS 'The record within the report (records.record_no).';

-- Daily totals per policy domain.
CREATE VIEW dmarc_daily_domains AS
SELECT policy_domain,
       day,
       sum(messages)::bigint                                                        AS messages,
       coalesce(sum(messages) FILTER (WHERE dmarc_pass), 0)::bigint                 AS dmarc_pass_messages,
       coalesce(sum(messages) FILTER (WHERE spf_aligned_pass), 0)::bigint           AS spf_aligned_messages,
       coalesce(sum(messages) FILTER (WHERE dkim_aligned_pass), 0)::bigint          AS dkim_aligned_messages,
       coalesce(sum(messages) FILTER (WHERE disposition NOT IN ('quarantine', 'reject')), 0)::bigint
                                                                                    AS none_messages,
       coalesce(sum(messages) FILTER (WHERE disposition = 'quarantine'), 0)::bigint AS quarantined_messages,
       coalesce(sum(messages) FILTER (WHERE disposition = 'reject'), 0)::bigint     AS rejected_messages,
       count(DISTINCT report_key)                                                   AS reports,
       count(DISTINCT org_name)                                                     AS reporters
FROM dmarc_record_days
GROUP BY policy_domain, day;

COMMENT ON VIEW dmarc_daily_domains IS 'Messages per policy domain and UTC day, with aligned-pass and disposition counts (multi-day reports spread over their days, see dmarc_record_days).';
COMMENT ON COLUMN dmarc_daily_domains.policy_domain IS 'The DMARC policy domain.';
COMMENT ON COLUMN dmarc_daily_domains.day IS 'UTC day.';
COMMENT ON COLUMN dmarc_daily_domains.messages IS 'Messages reported for this day.';
COMMENT ON COLUMN dmarc_daily_domains.dmarc_pass_messages IS 'Of those, messages that passed DMARC (DKIM or SPF aligned).';
COMMENT ON COLUMN dmarc_daily_domains.spf_aligned_messages IS 'Of those, messages with an aligned SPF pass.';
COMMENT ON COLUMN dmarc_daily_domains.dkim_aligned_messages IS 'Of those, messages with an aligned DKIM pass.';
COMMENT ON COLUMN dmarc_daily_domains.none_messages IS 'Of those, messages delivered without policy action (disposition none, pass or not reported).';
COMMENT ON COLUMN dmarc_daily_domains.quarantined_messages IS 'Of those, messages the receivers quarantined.';
COMMENT ON COLUMN dmarc_daily_domains.rejected_messages IS 'Of those, messages the receivers rejected.';
COMMENT ON COLUMN dmarc_daily_domains.reports IS 'Number of reports covering this day.';
COMMENT ON COLUMN dmarc_daily_domains.reporters IS 'Number of reporting organizations covering this day.';

-- Per source IP per day: the same view as in V1, now spreading multi-day reports over their days
-- instead of counting them on the day they begin; none_messages is new.
CREATE OR REPLACE VIEW dmarc_daily_sources AS
SELECT policy_domain,
       day,
       source_ip,
       sum(messages)                                                  AS messages,
       coalesce(sum(messages) FILTER (WHERE dmarc_pass), 0)           AS dmarc_pass_messages,
       coalesce(sum(messages) FILTER (WHERE dkim_aligned_pass), 0)    AS dkim_aligned_messages,
       coalesce(sum(messages) FILTER (WHERE spf_aligned_pass), 0)     AS spf_aligned_messages,
       coalesce(sum(messages) FILTER (WHERE disposition = 'quarantine'), 0) AS quarantined_messages,
       coalesce(sum(messages) FILTER (WHERE disposition = 'reject'), 0)     AS rejected_messages,
       count(DISTINCT org_name)                                       AS reporters,
       coalesce(sum(messages) FILTER (WHERE disposition NOT IN ('quarantine', 'reject')), 0)
                                                                      AS none_messages
FROM dmarc_record_days
GROUP BY policy_domain, day, source_ip;

COMMENT ON VIEW dmarc_daily_sources IS 'Messages per policy domain, UTC day and source IP, with aligned-pass and disposition counts (multi-day reports spread over their days, see dmarc_record_days).';
COMMENT ON COLUMN dmarc_daily_sources.day IS 'UTC day.';
COMMENT ON COLUMN dmarc_daily_sources.none_messages IS 'Of those, messages delivered without policy action (disposition none, pass or not reported).';

-- Reporters per day.
CREATE VIEW dmarc_daily_reporters AS
SELECT policy_domain,
       day,
       org_name,
       count(DISTINCT report_key)                                    AS reports,
       sum(messages)::bigint                                         AS messages,
       coalesce(sum(messages) FILTER (WHERE dmarc_pass), 0)::bigint  AS dmarc_pass_messages
FROM dmarc_record_days
GROUP BY policy_domain, day, org_name;

COMMENT ON VIEW dmarc_daily_reporters IS 'Per policy domain, UTC day and reporting organization: the reports covering the day and the messages they attribute to it.';
COMMENT ON COLUMN dmarc_daily_reporters.policy_domain IS 'The DMARC policy domain.';
COMMENT ON COLUMN dmarc_daily_reporters.day IS 'UTC day.';
COMMENT ON COLUMN dmarc_daily_reporters.org_name IS 'Reporting organization.';
COMMENT ON COLUMN dmarc_daily_reporters.reports IS 'Number of this organization''s reports covering the day.';
COMMENT ON COLUMN dmarc_daily_reporters.messages IS 'Messages those reports attribute to the day.';
COMMENT ON COLUMN dmarc_daily_reporters.dmarc_pass_messages IS 'Of those, messages that passed DMARC.';

-- A domain-week is read through reports_domain_begin_idx (policy_domain, begin_at) between the
-- week's end and its start less the longest period the domain has ever reported; this index
-- answers that longest period without reading the reports.
CREATE INDEX reports_domain_period_idx ON reports (policy_domain, (end_at - begin_at));
-- Rejected inputs of a week (collection health).
CREATE INDEX inputs_received_idx ON inputs (received_at) WHERE status IN ('rejected', 'partial');
