-- Puerto schema, version 11: daily roll-ups kept as reports are stored, so that the summary, the
-- daily views and a dashboard read one row per domain, day, source and reporter instead of the
-- records of a week.
--
-- daily_rollups holds, per policy domain, UTC day, source IP and reporting organization, what
-- dmarc_record_days would sum for them: the same shares of each record's messages (day_share, one
-- definition for both), so the two agree to the message. Triggers keep it: every statement that
-- inserts records adds its rows' shares (whatever writes them: Puerto's statements, COPY or a
-- user's INSERT), deleting a report or records takes their shares away, truncating the reports
-- empties it. Dropping a month's partitions (puerto prune) fires no trigger: the roll-ups keep
-- the history of the records pruned.

CREATE TABLE daily_rollups (
    policy_domain         text   NOT NULL,
    day                   date   NOT NULL,
    source_ip             inet   NOT NULL,
    org_name              text   NOT NULL,
    messages              bigint NOT NULL,
    dmarc_pass_messages   bigint NOT NULL,
    spf_aligned_messages  bigint NOT NULL,
    dkim_aligned_messages bigint NOT NULL,
    delivered_messages    bigint NOT NULL,
    quarantined_messages  bigint NOT NULL,
    rejected_messages     bigint NOT NULL,
    records               bigint NOT NULL CHECK (records >= 0),
    reports               bigint NOT NULL CHECK (reports >= 0),
    PRIMARY KEY (policy_domain, day, source_ip, org_name)
);
-- "Has the domain seen this source before?" (the summary's new sources)
CREATE INDEX daily_rollups_source_idx ON daily_rollups (policy_domain, source_ip, day);
-- A day across every domain (a metrics scrape's totals); with the domain in it, a domain's days
-- read through it cost no more than through the key (measured: on (day) alone the planner took
-- it for a domain's weeks too and read every domain's rows)
CREATE INDEX daily_rollups_day_idx ON daily_rollups (day, policy_domain);

COMMENT ON TABLE daily_rollups IS 'Per policy domain, UTC day, source IP and reporting organization: the messages the records of those reports attribute to the day (as dmarc_record_days sums them), kept by triggers as records are stored or deleted; pruned records keep their roll-ups.';
COMMENT ON COLUMN daily_rollups.policy_domain IS 'The DMARC policy domain.';
COMMENT ON COLUMN daily_rollups.day IS 'UTC day.';
COMMENT ON COLUMN daily_rollups.source_ip IS 'The sending IP address.';
COMMENT ON COLUMN daily_rollups.org_name IS 'Reporting organization.';
COMMENT ON COLUMN daily_rollups.messages IS 'Messages attributed to the day.';
COMMENT ON COLUMN daily_rollups.dmarc_pass_messages IS 'Of those, messages that passed DMARC (DKIM or SPF aligned).';
COMMENT ON COLUMN daily_rollups.spf_aligned_messages IS 'Of those, messages with an aligned SPF pass.';
COMMENT ON COLUMN daily_rollups.dkim_aligned_messages IS 'Of those, messages with an aligned DKIM pass.';
COMMENT ON COLUMN daily_rollups.delivered_messages IS 'Of those, messages delivered without policy action (disposition none, pass or not reported).';
COMMENT ON COLUMN daily_rollups.quarantined_messages IS 'Of those, messages the receivers quarantined.';
COMMENT ON COLUMN daily_rollups.rejected_messages IS 'Of those, messages the receivers rejected.';
COMMENT ON COLUMN daily_rollups.records IS 'Records (times days) summed here; a row goes when its last record is deleted.';
COMMENT ON COLUMN daily_rollups.reports IS 'Reports whose first record is summed here: summed over a domain''s sources, the reports with records covering the day.';

-- The shares of the given records (with their reports) per roll-up row, in key order: every
-- writer locks roll-up rows in the same order.
CREATE FUNCTION rollup_shares(recs records[])
    RETURNS SETOF daily_rollups
    LANGUAGE sql STABLE
    AS $$
        SELECT rep.policy_domain, d.day, rec.source_ip, rep.org_name,
               sum(s.share)::bigint,
               coalesce(sum(s.share) FILTER (WHERE dmarc_pass(rec.dkim_result, rec.spf_result)), 0)::bigint,
               coalesce(sum(s.share) FILTER (WHERE rec.spf_result = 'pass'), 0)::bigint,
               coalesce(sum(s.share) FILTER (WHERE rec.dkim_result = 'pass'), 0)::bigint,
               coalesce(sum(s.share) FILTER (WHERE coalesce(rec.disposition, 'none')
                                                   NOT IN ('quarantine', 'reject')), 0)::bigint,
               coalesce(sum(s.share) FILTER (WHERE rec.disposition = 'quarantine'), 0)::bigint,
               coalesce(sum(s.share) FILTER (WHERE rec.disposition = 'reject'), 0)::bigint,
               count(*),
               count(*) FILTER (WHERE rec.record_no = 1)
          FROM unnest(recs) rec
          JOIN reports rep ON rep.id = rec.report_key AND rep.period_month = rec.period_month
         CROSS JOIN LATERAL report_days(rep.begin_at, rep.end_at) d
         CROSS JOIN LATERAL (SELECT day_share(rec.message_count, d.period_seconds,
                                              d.seconds_to_day_start, d.seconds_to_day_end)) s(share)
         GROUP BY 1, 2, 3, 4
         ORDER BY 1, 2, 3, 4
    $$;

-- plpgsql rather than sql: its statements' plans are kept for the session, and the trigger calls
-- it for every statement that writes records.
CREATE FUNCTION add_rollups(recs records[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO daily_rollups AS r
    SELECT * FROM rollup_shares(recs)
    ON CONFLICT (policy_domain, day, source_ip, org_name) DO UPDATE
       SET messages              = r.messages + EXCLUDED.messages,
           dmarc_pass_messages   = r.dmarc_pass_messages + EXCLUDED.dmarc_pass_messages,
           spf_aligned_messages  = r.spf_aligned_messages + EXCLUDED.spf_aligned_messages,
           dkim_aligned_messages = r.dkim_aligned_messages + EXCLUDED.dkim_aligned_messages,
           delivered_messages    = r.delivered_messages + EXCLUDED.delivered_messages,
           quarantined_messages  = r.quarantined_messages + EXCLUDED.quarantined_messages,
           rejected_messages     = r.rejected_messages + EXCLUDED.rejected_messages,
           records               = r.records + EXCLUDED.records,
           reports               = r.reports + EXCLUDED.reports;
END
$$;

CREATE FUNCTION subtract_rollups(recs records[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE daily_rollups r
       SET messages              = r.messages - s.messages,
           dmarc_pass_messages   = r.dmarc_pass_messages - s.dmarc_pass_messages,
           spf_aligned_messages  = r.spf_aligned_messages - s.spf_aligned_messages,
           dkim_aligned_messages = r.dkim_aligned_messages - s.dkim_aligned_messages,
           delivered_messages    = r.delivered_messages - s.delivered_messages,
           quarantined_messages  = r.quarantined_messages - s.quarantined_messages,
           rejected_messages     = r.rejected_messages - s.rejected_messages,
           records               = r.records - s.records,
           reports               = r.reports - s.reports
      FROM rollup_shares(recs) s
     WHERE (r.policy_domain, r.day, r.source_ip, r.org_name)
         = (s.policy_domain, s.day, s.source_ip, s.org_name);
    DELETE FROM daily_rollups WHERE records = 0;
END
$$;

-- A transaction that writes one report's records in several statements defers the roll-ups to
-- one statement at its end (add_report_rollups): its locks on roll-up rows are then taken in key
-- order at once, as every other writer's are, so that concurrent importers cannot deadlock.
CREATE FUNCTION defer_rollups() RETURNS void LANGUAGE sql AS $$
    SELECT set_config('puerto.defer_rollups', 'on', true);
$$;

COMMENT ON FUNCTION defer_rollups() IS 'For the rest of the transaction, records written are not added to daily_rollups by the trigger; the writer calls add_report_rollups for each report it wrote before committing.';

CREATE FUNCTION add_report_rollups(report_key bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_rollups(ARRAY(SELECT r FROM records r
                               JOIN reports rep ON rep.id = r.report_key
                                               AND rep.period_month = r.period_month
                              WHERE rep.id = add_report_rollups.report_key));
END
$$;

COMMENT ON FUNCTION add_report_rollups(bigint) IS 'Adds the records of one report to daily_rollups (after defer_rollups).';

CREATE FUNCTION records_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('puerto.defer_rollups', true) IS DISTINCT FROM 'on' THEN
        PERFORM add_rollups(ARRAY(SELECT n::records FROM new_records n));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER records_rollups_insert
    AFTER INSERT ON records REFERENCING NEW TABLE AS new_records
    FOR EACH STATEMENT EXECUTE FUNCTION records_added();

-- Records deleted by themselves (their report stays) give back their shares; records deleted
-- with their report were given back by the report's trigger, before its row went.
CREATE FUNCTION records_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM subtract_rollups(ARRAY(SELECT o::records FROM old_records o));
    RETURN NULL;
END
$$;
CREATE TRIGGER records_rollups_delete
    AFTER DELETE ON records REFERENCING OLD TABLE AS old_records
    FOR EACH STATEMENT EXECUTE FUNCTION records_deleted();

CREATE FUNCTION report_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM subtract_rollups(ARRAY(SELECT r FROM records r
                                    WHERE r.report_key = OLD.id AND r.period_month = OLD.period_month));
    RETURN OLD;
END
$$;
CREATE TRIGGER reports_rollups_delete
    BEFORE DELETE ON reports
    FOR EACH ROW EXECUTE FUNCTION report_deleted();

CREATE FUNCTION reports_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE daily_rollups;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_rollups_truncate
    AFTER TRUNCATE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION reports_truncated();

-- The roll-ups of what is stored already, ten thousand reports at a time.
DO $$
DECLARE
    next bigint := 0;
    last bigint;
BEGIN
    LOOP
        SELECT max(id) INTO last FROM (SELECT id FROM reports WHERE id >= next ORDER BY id LIMIT 10000) s;
        EXIT WHEN last IS NULL;
        PERFORM add_rollups(ARRAY(SELECT r FROM records r WHERE r.report_key BETWEEN next AND last));
        next := last + 1;
    END LOOP;
END
$$;

-- The daily views read the roll-ups: the same columns, names, types and meaning as before (V4).
CREATE OR REPLACE VIEW dmarc_daily_domains AS
SELECT policy_domain,
       day,
       sum(messages)::bigint              AS messages,
       sum(dmarc_pass_messages)::bigint   AS dmarc_pass_messages,
       sum(spf_aligned_messages)::bigint  AS spf_aligned_messages,
       sum(dkim_aligned_messages)::bigint AS dkim_aligned_messages,
       sum(delivered_messages)::bigint    AS none_messages,
       sum(quarantined_messages)::bigint  AS quarantined_messages,
       sum(rejected_messages)::bigint     AS rejected_messages,
       sum(reports)::bigint               AS reports,
       count(DISTINCT org_name)           AS reporters
FROM daily_rollups
GROUP BY policy_domain, day;

CREATE OR REPLACE VIEW dmarc_daily_sources AS
SELECT policy_domain,
       day,
       source_ip,
       sum(messages)              AS messages,
       sum(dmarc_pass_messages)   AS dmarc_pass_messages,
       sum(dkim_aligned_messages) AS dkim_aligned_messages,
       sum(spf_aligned_messages)  AS spf_aligned_messages,
       sum(quarantined_messages)  AS quarantined_messages,
       sum(rejected_messages)     AS rejected_messages,
       count(*)                   AS reporters,
       sum(delivered_messages)    AS none_messages
FROM daily_rollups
GROUP BY policy_domain, day, source_ip;

CREATE OR REPLACE VIEW dmarc_daily_reporters AS
SELECT policy_domain,
       day,
       org_name,
       sum(reports)::bigint             AS reports,
       sum(messages)::bigint            AS messages,
       sum(dmarc_pass_messages)::bigint AS dmarc_pass_messages
FROM daily_rollups
GROUP BY policy_domain, day, org_name;
