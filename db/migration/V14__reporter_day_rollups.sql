-- Puerto schema, version 14: the daily roll-ups summed over the sources as well, so that the
-- daily views of domains and reporters read one row per domain, day and reporter instead of one
-- per source too. Measured at 10 million records: daily_rollups held 18 million rows and a
-- dashboard's twelve weeks of every domain (dmarc_daily_domains) took 1 to 2.7 s.
--
-- daily_reporter_rollups holds, per policy domain, UTC day and reporting organization, exactly
-- the sums of daily_rollups over source_ip. Statement triggers on daily_rollups keep it, whatever
-- writes daily_rollups (apply_rollups, a deleted report or record, a dropped month's pending runs,
-- puerto prune --rollups drop, a user's statement): each adds the changed rows' sums per key
-- (the new rows' less the old rows'), and a row whose records reach 0 goes, as daily_rollups'
-- rows do. Truncating daily_rollups (as truncating the reports does) empties it.
--
-- Locks: what writes daily_rollups holds rollup_lock() (V12), puerto prune --rollups drop's
-- DELETE aside, so its triggers' writes here mostly run one transaction at a time; they lock the
-- rows in key order all the same, and a deadlock with that DELETE is detected and undone by
-- PostgreSQL (prune says to run it again), never a hang.

CREATE TABLE daily_reporter_rollups (
    policy_domain         text   NOT NULL,
    day                   date   NOT NULL,
    org_name              text   NOT NULL,
    messages              bigint NOT NULL,
    dmarc_pass_messages   bigint NOT NULL,
    spf_aligned_messages  bigint NOT NULL,
    dkim_aligned_messages bigint NOT NULL,
    delivered_messages    bigint NOT NULL,
    quarantined_messages  bigint NOT NULL,
    rejected_messages     bigint NOT NULL,
    records               bigint NOT NULL,
    reports               bigint NOT NULL,
    PRIMARY KEY (policy_domain, day, org_name)
);
-- No CHECK (records >= 0) as on daily_rollups: changes are upserted, and an upsert checks the row
-- it proposes (a change, below zero when records go) before it finds the row to add it to;
-- add_reporter_rollups raises instead when a sum goes below zero.

COMMENT ON TABLE daily_reporter_rollups IS 'Per policy domain, UTC day and reporting organization: daily_rollups summed over the sources, kept by triggers on daily_rollups; the daily views of domains and reporters read it.';
COMMENT ON COLUMN daily_reporter_rollups.policy_domain IS 'The DMARC policy domain.';
COMMENT ON COLUMN daily_reporter_rollups.day IS 'UTC day.';
COMMENT ON COLUMN daily_reporter_rollups.org_name IS 'Reporting organization.';
COMMENT ON COLUMN daily_reporter_rollups.messages IS 'Messages attributed to the day.';
COMMENT ON COLUMN daily_reporter_rollups.dmarc_pass_messages IS 'Of those, messages that passed DMARC (DKIM or SPF aligned).';
COMMENT ON COLUMN daily_reporter_rollups.spf_aligned_messages IS 'Of those, messages with an aligned SPF pass.';
COMMENT ON COLUMN daily_reporter_rollups.dkim_aligned_messages IS 'Of those, messages with an aligned DKIM pass.';
COMMENT ON COLUMN daily_reporter_rollups.delivered_messages IS 'Of those, messages delivered without policy action (disposition none, pass or not reported).';
COMMENT ON COLUMN daily_reporter_rollups.quarantined_messages IS 'Of those, messages the receivers quarantined.';
COMMENT ON COLUMN daily_reporter_rollups.rejected_messages IS 'Of those, messages the receivers rejected.';
COMMENT ON COLUMN daily_reporter_rollups.records IS 'Records (times days) summed here, over every source; a row goes when its last record is deleted.';
COMMENT ON COLUMN daily_reporter_rollups.reports IS 'Reports of the organization with records covering the day.';

-- What is rolled up already; daily_rollups' writers wait until the triggers below are in place.
LOCK TABLE daily_rollups IN SHARE ROW EXCLUSIVE MODE;

SET LOCAL work_mem = '256MB';
INSERT INTO daily_reporter_rollups
SELECT policy_domain, day, org_name,
       sum(messages), sum(dmarc_pass_messages), sum(spf_aligned_messages),
       sum(dkim_aligned_messages), sum(delivered_messages), sum(quarantined_messages),
       sum(rejected_messages), sum(records), sum(reports)
  FROM daily_rollups
 GROUP BY policy_domain, day, org_name;
RESET work_mem;

-- A day, or a range of days, across every domain (the dashboard's weeks of all domains); a
-- domain's days read through the key.
CREATE INDEX daily_reporter_rollups_day_idx ON daily_reporter_rollups (day, policy_domain);
ANALYZE daily_reporter_rollups;

-- Adds the given changes (one row per key, each column the change of its sum), in key order; a
-- row whose records reach 0 goes. Changes of nothing (the rows of daily_rollups with no records
-- left, deleted) are skipped.
CREATE FUNCTION add_reporter_rollups(changes daily_reporter_rollups[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    below_zero bigint;
BEGIN
    IF cardinality(changes) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO daily_reporter_rollups AS r
    SELECT * FROM unnest(changes) c
     WHERE NOT (c.messages = 0 AND c.dmarc_pass_messages = 0 AND c.spf_aligned_messages = 0
                AND c.dkim_aligned_messages = 0 AND c.delivered_messages = 0
                AND c.quarantined_messages = 0 AND c.rejected_messages = 0
                AND c.records = 0 AND c.reports = 0)
     ORDER BY c.policy_domain, c.day, c.org_name
    ON CONFLICT (policy_domain, day, org_name) DO UPDATE
       SET messages              = r.messages + EXCLUDED.messages,
           dmarc_pass_messages   = r.dmarc_pass_messages + EXCLUDED.dmarc_pass_messages,
           spf_aligned_messages  = r.spf_aligned_messages + EXCLUDED.spf_aligned_messages,
           dkim_aligned_messages = r.dkim_aligned_messages + EXCLUDED.dkim_aligned_messages,
           delivered_messages    = r.delivered_messages + EXCLUDED.delivered_messages,
           quarantined_messages  = r.quarantined_messages + EXCLUDED.quarantined_messages,
           rejected_messages     = r.rejected_messages + EXCLUDED.rejected_messages,
           records               = r.records + EXCLUDED.records,
           reports               = r.reports + EXCLUDED.reports;
    IF EXISTS (SELECT FROM unnest(changes) c WHERE c.records < 0 OR c.reports < 0) THEN
        WITH gone AS (
            DELETE FROM daily_reporter_rollups r
             USING unnest(changes) c
             WHERE (c.records < 0 OR c.reports < 0)
               AND (r.records <= 0 OR r.reports < 0)
               AND (r.policy_domain, r.day, r.org_name) = (c.policy_domain, c.day, c.org_name)
            RETURNING r.records, r.reports)
        SELECT count(*) INTO below_zero FROM gone WHERE gone.records < 0 OR gone.reports < 0;
        IF below_zero > 0 THEN
            RAISE EXCEPTION 'daily_reporter_rollups: % rows would go below zero records or reports',
                            below_zero
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
END
$$;

COMMENT ON FUNCTION add_reporter_rollups(daily_reporter_rollups[]) IS 'Adds changes of daily_rollups, summed per policy domain, day and organization, to daily_reporter_rollups (the triggers on daily_rollups call it).';

-- One trigger per event: an INSERT ... ON CONFLICT DO UPDATE (apply_rollups) fires the INSERT
-- trigger with the rows it inserted and the UPDATE trigger with the rows it updated.
CREATE FUNCTION rollups_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_reporter_rollups(ARRAY(
        SELECT ROW(policy_domain, day, org_name,
                   sum(messages), sum(dmarc_pass_messages), sum(spf_aligned_messages),
                   sum(dkim_aligned_messages), sum(delivered_messages), sum(quarantined_messages),
                   sum(rejected_messages), sum(records), sum(reports))::daily_reporter_rollups
          FROM new_rollups
         GROUP BY policy_domain, day, org_name));
    RETURN NULL;
END
$$;
CREATE TRIGGER daily_rollups_reporters_insert
    AFTER INSERT ON daily_rollups REFERENCING NEW TABLE AS new_rollups
    FOR EACH STATEMENT EXECUTE FUNCTION rollups_inserted();

CREATE FUNCTION rollups_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_reporter_rollups(ARRAY(
        SELECT ROW(policy_domain, day, org_name,
                   sum(messages), sum(dmarc_pass_messages), sum(spf_aligned_messages),
                   sum(dkim_aligned_messages), sum(delivered_messages), sum(quarantined_messages),
                   sum(rejected_messages), sum(records), sum(reports))::daily_reporter_rollups
          FROM (SELECT policy_domain, day, org_name, messages, dmarc_pass_messages,
                       spf_aligned_messages, dkim_aligned_messages, delivered_messages,
                       quarantined_messages, rejected_messages, records, reports
                  FROM new_rollups
                UNION ALL
                SELECT policy_domain, day, org_name, -messages, -dmarc_pass_messages,
                       -spf_aligned_messages, -dkim_aligned_messages, -delivered_messages,
                       -quarantined_messages, -rejected_messages, -records, -reports
                  FROM old_rollups) c
         GROUP BY policy_domain, day, org_name));
    RETURN NULL;
END
$$;
CREATE TRIGGER daily_rollups_reporters_update
    AFTER UPDATE ON daily_rollups REFERENCING OLD TABLE AS old_rollups NEW TABLE AS new_rollups
    FOR EACH STATEMENT EXECUTE FUNCTION rollups_updated();

CREATE FUNCTION rollups_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM add_reporter_rollups(ARRAY(
        SELECT ROW(policy_domain, day, org_name,
                   -sum(messages), -sum(dmarc_pass_messages), -sum(spf_aligned_messages),
                   -sum(dkim_aligned_messages), -sum(delivered_messages), -sum(quarantined_messages),
                   -sum(rejected_messages), -sum(records), -sum(reports))::daily_reporter_rollups
          FROM old_rollups
         GROUP BY policy_domain, day, org_name));
    RETURN NULL;
END
$$;
CREATE TRIGGER daily_rollups_reporters_delete
    AFTER DELETE ON daily_rollups REFERENCING OLD TABLE AS old_rollups
    FOR EACH STATEMENT EXECUTE FUNCTION rollups_deleted();

-- reports_truncated() (V12) truncates daily_rollups: this empties daily_reporter_rollups with it.
CREATE FUNCTION rollups_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE daily_reporter_rollups;
    RETURN NULL;
END
$$;
CREATE TRIGGER daily_rollups_reporters_truncate
    AFTER TRUNCATE ON daily_rollups
    FOR EACH STATEMENT EXECUTE FUNCTION rollups_truncated();

-- The daily views of domains and reporters read the reporters' roll-ups and the pending runs
-- (rolled up on the fly, as in dmarc_daily_rollups: with none pending, rollup_rows is not even
-- called): the same columns, names, types and meaning as before (V12), and every committed
-- record counts exactly once. A reporter of a domain's day is a row of either.
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
FROM (SELECT policy_domain, day, org_name, messages, dmarc_pass_messages, spf_aligned_messages,
             dkim_aligned_messages, delivered_messages, quarantined_messages, rejected_messages,
             reports
        FROM daily_reporter_rollups
      UNION ALL
      SELECT policy_domain, day, org_name, messages, dmarc_pass_messages, spf_aligned_messages,
             dkim_aligned_messages, delivered_messages, quarantined_messages, rejected_messages,
             reports
        FROM rollup_rows(ARRAY(SELECT p FROM rollup_pending p))
       WHERE EXISTS (SELECT FROM rollup_pending)) r
GROUP BY policy_domain, day;

CREATE OR REPLACE VIEW dmarc_daily_reporters AS
SELECT policy_domain,
       day,
       org_name,
       sum(reports)::bigint             AS reports,
       sum(messages)::bigint            AS messages,
       sum(dmarc_pass_messages)::bigint AS dmarc_pass_messages
FROM (SELECT policy_domain, day, org_name, reports, messages, dmarc_pass_messages
        FROM daily_reporter_rollups
      UNION ALL
      SELECT policy_domain, day, org_name, reports, messages, dmarc_pass_messages
        FROM rollup_rows(ARRAY(SELECT p FROM rollup_pending p))
       WHERE EXISTS (SELECT FROM rollup_pending)) r
GROUP BY policy_domain, day, org_name;
