-- Puerto schema, version 10: the record tables partitioned by month, so that a year of a large
-- sender's reports stays fast to write and to read, and old months go by dropping tables
-- (puerto prune) instead of deleting rows.
--
-- Which tables: the rows of which a report has many (records, their DKIM and SPF results and
-- override reasons; the policies and failure details of SMTP TLS reports). The reports themselves
-- (a few per domain and day) stay in one table each, so their unique keys, the deduplication of
-- reports, stay exact across months.
--
-- The month a report is filed under, period_month, is the UTC month its period begins in, when
-- that month is within five years before the current one and at most one after it; otherwise
-- (a hostile or broken date) it is the current month, so that no input can make Puerto create a
-- table for any month it likes. It is set once, when the report is stored (a trigger), and the
-- report's rows carry the same value: every join from a report to its rows also matches
-- period_month, which lets PostgreSQL read one month's partition only.
--
-- Partitions are named <table>_yYYYYmMM and created on demand by ensure_month_partitions, which
-- Puerto calls before it stores a report of a month it has not seen; this migration creates those
-- of every month already stored, of the current month and of the next.

CREATE FUNCTION filing_month(begin_at timestamptz) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT CASE
                   WHEN period >= current - interval '5 years' AND period <= current + interval '1 month'
                   THEN period::date
                   ELSE current::date
               END
          FROM (SELECT date_trunc('month', begin_at AT TIME ZONE 'UTC') AS period,
                       date_trunc('month', now() AT TIME ZONE 'UTC') AS current) m
    $$;

COMMENT ON FUNCTION filing_month(timestamptz) IS 'The month a report whose period begins at begin_at is filed under (its partition): the UTC month of begin_at when within five years before the current month and at most one after, else the current month.';

CREATE FUNCTION partition_name(parent text, month date) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT format('%s_y%sm%s', parent, to_char(month, 'YYYY'), to_char(month, 'MM')) $$;

COMMENT ON FUNCTION partition_name(text, date) IS 'The name of a partitioned table''s partition of the month that starts on month: records_y2026m12.';

CREATE FUNCTION set_period_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.period_month := filing_month(NEW.begin_at);
    RETURN NEW;
END
$$;

-- The partitioned tables of the schema, in the order they were created.
CREATE FUNCTION partitioned_tables() RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT array_agg(c.relname::text ORDER BY c.oid)
      FROM pg_partitioned_table p
      JOIN pg_class c ON c.oid = p.partrelid
     WHERE c.relnamespace = current_schema()::regnamespace
$$;

-- Creating or dropping a partition locks its parent and the table its foreign key refers to;
-- writers lock the reports, then the record tables in the order they were created (the order of
-- Puerto's statements). Taking every lock up front in that same order means a creation waits for
-- writers, or they for it, but never both at once (no deadlock); the advisory lock makes racing
-- importers wait for one another.
CREATE FUNCTION lock_partitioned_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    parents    constant text[] := partitioned_tables();
    referenced text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('puerto: partitions'));
    SELECT 'LOCK TABLE ' || string_agg(format('%I', r.relname), ', ' ORDER BY r.oid)
           || ' IN SHARE ROW EXCLUSIVE MODE' INTO referenced
      FROM pg_class r
     WHERE r.oid IN (SELECT confrelid FROM pg_constraint
                      WHERE contype = 'f' AND conrelid::regclass::text = ANY (parents))
       AND NOT r.relname = ANY (parents);
    IF referenced IS NOT NULL THEN
        EXECUTE referenced;
    END IF;
    EXECUTE (SELECT 'LOCK TABLE ' || string_agg(format('%I', t), ', ' ORDER BY n)
                    || ' IN ACCESS EXCLUSIVE MODE'
               FROM unnest(parents) WITH ORDINALITY AS u(t, n));
END
$$;

-- Every partitioned table gets the month's partition, where missing.
CREATE FUNCTION ensure_month_partitions(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first   constant date := date_trunc('month', month)::date;
    parents constant text[] := partitioned_tables();
    parent  text;
BEGIN
    IF NOT EXISTS (SELECT FROM unnest(parents) t
                    WHERE to_regclass(quote_ident(partition_name(t, first))) IS NULL) THEN
        RETURN;
    END IF;
    PERFORM lock_partitioned_tables();
    FOREACH parent IN ARRAY parents LOOP
        IF to_regclass(quote_ident(partition_name(parent, first))) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           partition_name(parent, first), parent, first,
                           (first + interval '1 month')::date);
        END IF;
    END LOOP;
END
$$;

-- A month's partitions go, the referring tables' first (a referred-to partition is detached
-- before it is dropped: PostgreSQL checks then that nothing refers to it).
CREATE FUNCTION drop_month_partitions(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first   constant date := date_trunc('month', month)::date;
    parents constant text[] := partitioned_tables();
    i       integer;
BEGIN
    PERFORM lock_partitioned_tables();
    FOR i IN REVERSE array_length(parents, 1) .. 1 LOOP
        IF to_regclass(quote_ident(partition_name(parents[i], first))) IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parents[i],
                           partition_name(parents[i], first));
            EXECUTE format('DROP TABLE %I', partition_name(parents[i], first));
        END IF;
    END LOOP;
END
$$;

COMMENT ON FUNCTION drop_month_partitions(date) IS 'Drops the partitions of the given month (any day of it) of every partitioned table: puerto prune.';

COMMENT ON FUNCTION ensure_month_partitions(date) IS 'Creates the partitions of the given month (any day of it) of every partitioned table, where missing.';

CREATE FUNCTION ensure_report_partitions(begin_at timestamptz) RETURNS date LANGUAGE plpgsql AS $$
DECLARE
    month constant date := filing_month(begin_at);
BEGIN
    PERFORM ensure_month_partitions(month);
    -- one ahead, so that the first import after midnight at a month's end finds its tables
    PERFORM ensure_month_partitions((date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date);
    RETURN month;
END
$$;

COMMENT ON FUNCTION ensure_report_partitions(timestamptz) IS 'Creates the partitions a report whose period begins at begin_at is stored in, and those of the month after the current one; returns the report''s filing month.';

-- The reports carry their filing month.
ALTER TABLE reports ADD COLUMN period_month date;
UPDATE reports SET period_month = filing_month(begin_at);
ALTER TABLE reports ALTER COLUMN period_month SET NOT NULL;
CREATE TRIGGER reports_period_month BEFORE INSERT ON reports
    FOR EACH ROW EXECUTE FUNCTION set_period_month();
COMMENT ON COLUMN reports.period_month IS 'The month the report is filed under (filing_month(begin_at) when it was stored): its records, auth results and reasons are in that month''s partitions.';

ALTER TABLE tls_reports ADD COLUMN period_month date;
UPDATE tls_reports SET period_month = filing_month(begin_at);
ALTER TABLE tls_reports ALTER COLUMN period_month SET NOT NULL;
CREATE TRIGGER tls_reports_period_month BEFORE INSERT ON tls_reports
    FOR EACH ROW EXECUTE FUNCTION set_period_month();
COMMENT ON COLUMN tls_reports.period_month IS 'The month the report is filed under (filing_month(begin_at) when it was stored): its policies and failure details are in that month''s partitions.';

-- What puerto prune removed, month by month.
CREATE TABLE pruned_months (
    period_month  date        PRIMARY KEY,
    pruned_at     timestamptz NOT NULL DEFAULT now(),
    records       bigint      NOT NULL,
    tls_policies  bigint      NOT NULL
);
COMMENT ON TABLE pruned_months IS 'Months whose records (and SMTP TLS policies and failure details) puerto prune dropped; their reports, daily roll-ups and inputs stay unless it was told otherwise.';
COMMENT ON COLUMN pruned_months.period_month IS 'The month (reports.period_month) whose partitions were dropped.';
COMMENT ON COLUMN pruned_months.pruned_at IS 'When they were dropped.';
COMMENT ON COLUMN pruned_months.records IS 'Records dropped.';
COMMENT ON COLUMN pruned_months.tls_policies IS 'SMTP TLS policies dropped (with their failure details).';

ALTER TABLE inputs ADD COLUMN raw_dropped_at timestamptz;
COMMENT ON COLUMN inputs.raw_dropped_at IS 'When puerto prune --raw drop removed the raw bytes (raw_gzip is then empty and the input cannot be parsed again); NULL while they are kept.';
CREATE OR REPLACE VIEW dmarc_inputs AS
SELECT id, origin_kind, origin, encode(sha256, 'hex') AS sha256, size_bytes, status, error,
       report_count, received_at, processed_at, raw_truncated, raw_dropped_at
FROM inputs;
COMMENT ON COLUMN dmarc_inputs.raw_dropped_at IS 'When puerto prune --raw drop removed the raw bytes; NULL while they are kept.';

-- The old tables step aside (with their indexes' names) until their rows are copied.
DO $$
DECLARE
    t text;
    i record;
BEGIN
    FOREACH t IN ARRAY ARRAY['records', 'dkim_results', 'spf_results', 'override_reasons',
                             'tls_policies', 'tls_failures']
    LOOP
        EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_v9');
        FOR i IN SELECT indexrelid::regclass::text AS name FROM pg_index
                  WHERE indrelid = (t || '_v9')::regclass
        LOOP
            EXECUTE format('ALTER INDEX %I RENAME TO %I', i.name, i.name || '_v9');
        END LOOP;
    END LOOP;
END
$$;
DROP TRIGGER records_delete_children ON records_v9;
DROP TRIGGER records_truncate_children ON records_v9;

-- records refer to their report without a foreign key, as the auth results refer to their record
-- (V1): the per-row check of the key was two fifths of the server's work for each record
-- written (measured), only Puerto writes records, in the statement that writes their report, and
-- the triggers below delete and truncate them with it.
CREATE TABLE records (
    report_key    bigint  NOT NULL,
    record_no     integer NOT NULL CHECK (record_no >= 1),
    source_ip     inet    NOT NULL,
    message_count bigint  NOT NULL CHECK (message_count >= 0),
    disposition   text,
    dkim_result   text,
    spf_result    text,
    header_from   text,
    envelope_from text,
    envelope_to   text,
    extensions    text,
    period_month  date    NOT NULL,
    PRIMARY KEY (report_key, record_no, period_month)
) PARTITION BY RANGE (period_month);
CREATE INDEX records_source_ip_idx ON records (source_ip);

CREATE TABLE dkim_results (
    report_key   bigint  NOT NULL,
    record_no    integer NOT NULL,
    result_no    integer NOT NULL CHECK (result_no >= 1),
    domain       text,
    selector     text,
    result       text,
    human_result text,
    period_month date    NOT NULL,
    PRIMARY KEY (report_key, record_no, result_no, period_month)
) PARTITION BY RANGE (period_month);

CREATE TABLE spf_results (
    report_key   bigint  NOT NULL,
    record_no    integer NOT NULL,
    result_no    integer NOT NULL CHECK (result_no >= 1),
    domain       text,
    scope        text,
    result       text,
    human_result text,
    period_month date    NOT NULL,
    PRIMARY KEY (report_key, record_no, result_no, period_month)
) PARTITION BY RANGE (period_month);

CREATE TABLE override_reasons (
    report_key   bigint  NOT NULL,
    record_no    integer NOT NULL,
    reason_no    integer NOT NULL CHECK (reason_no >= 1),
    type         text,
    comment      text,
    period_month date    NOT NULL,
    PRIMARY KEY (report_key, record_no, reason_no, period_month)
) PARTITION BY RANGE (period_month);

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
    period_month        date    NOT NULL,
    PRIMARY KEY (tls_report_id, policy_no, period_month)
) PARTITION BY RANGE (period_month);
CREATE INDEX tls_policies_domain_idx ON tls_policies (policy_domain);

CREATE TABLE tls_failures (
    tls_report_id          bigint  NOT NULL,
    policy_no              integer NOT NULL,
    failure_no             integer NOT NULL CHECK (failure_no >= 1),
    result_type            text    NOT NULL CHECK (result_type <> ''),
    sending_mta_ip         inet,
    receiving_mx_hostname  text,
    receiving_mx_helo      text,
    receiving_ip           inet,
    failed_sessions        bigint  NOT NULL CHECK (failed_sessions >= 0),
    additional_information text,
    failure_reason_code    text,
    unknown_fields         jsonb   NOT NULL DEFAULT '{}',
    period_month           date    NOT NULL,
    PRIMARY KEY (tls_report_id, policy_no, failure_no, period_month),
    FOREIGN KEY (tls_report_id, policy_no, period_month)
        REFERENCES tls_policies (tls_report_id, policy_no, period_month) ON DELETE CASCADE
) PARTITION BY RANGE (period_month);

-- The partitions of every month stored, of this one and of the next, then the rows.
SELECT ensure_month_partitions(m)
  FROM (SELECT period_month FROM reports
        UNION SELECT period_month FROM tls_reports
        UNION SELECT date_trunc('month', now() AT TIME ZONE 'UTC')::date
        UNION SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date) s(m);

INSERT INTO records SELECT o.*, r.period_month FROM records_v9 o JOIN reports r ON r.id = o.report_key;
INSERT INTO dkim_results SELECT o.*, r.period_month FROM dkim_results_v9 o JOIN reports r ON r.id = o.report_key;
INSERT INTO spf_results SELECT o.*, r.period_month FROM spf_results_v9 o JOIN reports r ON r.id = o.report_key;
INSERT INTO override_reasons SELECT o.*, r.period_month FROM override_reasons_v9 o JOIN reports r ON r.id = o.report_key;
INSERT INTO tls_policies SELECT o.*, r.period_month FROM tls_policies_v9 o JOIN tls_reports r ON r.id = o.tls_report_id;
INSERT INTO tls_failures SELECT o.*, r.period_month FROM tls_failures_v9 o JOIN tls_reports r ON r.id = o.tls_report_id;

-- A record's auth results and reasons go with it (no foreign key: see V1), now also by month.
CREATE OR REPLACE FUNCTION delete_record_children() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM dkim_results c USING deleted_records d
     WHERE c.report_key = d.report_key AND c.record_no = d.record_no AND c.period_month = d.period_month;
    DELETE FROM spf_results c USING deleted_records d
     WHERE c.report_key = d.report_key AND c.record_no = d.record_no AND c.period_month = d.period_month;
    DELETE FROM override_reasons c USING deleted_records d
     WHERE c.report_key = d.report_key AND c.record_no = d.record_no AND c.period_month = d.period_month;
    RETURN NULL;
END
$$;
CREATE TRIGGER records_delete_children
    AFTER DELETE ON records REFERENCING OLD TABLE AS deleted_records
    FOR EACH STATEMENT EXECUTE FUNCTION delete_record_children();
CREATE TRIGGER records_truncate_children
    AFTER TRUNCATE ON records
    FOR EACH STATEMENT EXECUTE FUNCTION truncate_record_children();

-- A report's records go with it.
CREATE FUNCTION delete_report_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM records r USING deleted_reports d
     WHERE r.report_key = d.id AND r.period_month = d.period_month;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_delete_records
    AFTER DELETE ON reports REFERENCING OLD TABLE AS deleted_reports
    FOR EACH STATEMENT EXECUTE FUNCTION delete_report_records();

CREATE FUNCTION truncate_report_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE records;
    RETURN NULL;
END
$$;
CREATE TRIGGER reports_truncate_records
    AFTER TRUNCATE ON reports
    FOR EACH STATEMENT EXECUTE FUNCTION truncate_report_records();

-- The views read the new tables, each join matching the month; columns, names and meaning stay.
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
       rec.record_no,
       rec.extensions
FROM records rec
JOIN reports rep ON rep.id = rec.report_key AND rep.period_month = rec.period_month;

-- The days of a report period and the seconds that place each in it (see V4 for the rule).
CREATE FUNCTION report_days(begin_at timestamptz, end_at timestamptz)
    RETURNS TABLE (day date, period_seconds bigint, seconds_to_day_start bigint,
                   seconds_to_day_end bigint)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT g.day::date,
               date_part('epoch', p.e - p.b)::bigint,
               date_part('epoch', greatest(p.b, g.day) - p.b)::bigint,
               date_part('epoch', least(p.e, g.day + interval '1 day') - p.b)::bigint
          FROM (SELECT begin_at AT TIME ZONE 'UTC' AS b,
                       greatest(end_at, begin_at + interval '1 second') AT TIME ZONE 'UTC' AS e) p
         CROSS JOIN LATERAL generate_series(date_trunc('day', p.b), p.e - interval '1 microsecond',
                                            interval '1 day') AS g(day)
    $$;

COMMENT ON FUNCTION report_days(timestamptz, timestamptz) IS 'The UTC days a report period [begin_at, end_at) touches, with the period''s length in seconds (at least 1) and the seconds from its start to where it enters and leaves each day.';

-- A record's share of a day: whole messages, cumulative rounding (V4). Computed in numeric, so
-- that no count a report may carry overflows on the way; the share itself is at most the count.
CREATE FUNCTION day_share(message_count bigint, period_seconds bigint, seconds_to_day_start bigint,
                          seconds_to_day_end bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT (div(message_count::numeric * seconds_to_day_end, period_seconds)
                - div(message_count::numeric * seconds_to_day_start, period_seconds))::bigint
    $$;

COMMENT ON FUNCTION day_share(bigint, bigint, bigint, bigint) IS 'The messages of a record attributed to one day of its report period (see dmarc_record_days): floor(count * seconds to the day''s end / period) - floor(count * seconds to its start / period).';

CREATE OR REPLACE VIEW dmarc_report_days AS
SELECT rep.id AS report_key,
       rep.policy_domain,
       d.day,
       rep.org_name,
       rep.report_id,
       rep.begin_at,
       rep.end_at,
       d.period_seconds,
       d.seconds_to_day_start,
       d.seconds_to_day_end,
       rep.period_month
FROM reports rep
CROSS JOIN LATERAL report_days(rep.begin_at, rep.end_at) d;

COMMENT ON COLUMN dmarc_report_days.period_month IS 'The month the report is filed under (reports.period_month).';

CREATE OR REPLACE VIEW dmarc_record_days AS
SELECT d.policy_domain,
       d.day,
       d.org_name,
       d.report_id,
       d.begin_at,
       d.end_at,
       rec.source_ip,
       day_share(rec.message_count, d.period_seconds, d.seconds_to_day_start, d.seconds_to_day_end)
                                                                        AS messages,
       rec.message_count                                                AS record_messages,
       coalesce(rec.disposition, 'none')                                AS disposition,
       dmarc_pass(rec.dkim_result, rec.spf_result)                      AS dmarc_pass,
       (rec.spf_result = 'pass') IS TRUE                                AS spf_aligned_pass,
       (rec.dkim_result = 'pass') IS TRUE                               AS dkim_aligned_pass,
       rec.report_key,
       rec.record_no
FROM dmarc_report_days d
JOIN records rec ON rec.report_key = d.report_key AND rec.period_month = d.period_month;

CREATE OR REPLACE VIEW smtp_tls_policies AS
SELECT p.tls_report_id, r.org_name, r.report_id, r.begin_at, r.end_at, p.policy_type,
       p.policy_domain, p.successful_sessions, p.failed_sessions, p.policy_strings, p.mx_hosts,
       p.policy_no, p.unknown_fields
FROM tls_policies p
JOIN tls_reports r ON r.id = p.tls_report_id AND r.period_month = p.period_month;

CREATE OR REPLACE VIEW smtp_tls_failures AS
SELECT f.tls_report_id, r.org_name, r.report_id, p.policy_domain, f.result_type,
       f.sending_mta_ip, f.receiving_mx_hostname, f.receiving_ip, f.failed_sessions,
       f.receiving_mx_helo, f.additional_information, f.failure_reason_code, p.policy_type,
       r.begin_at, r.end_at, f.policy_no, f.failure_no, f.unknown_fields
FROM tls_failures f
JOIN tls_policies p ON p.tls_report_id = f.tls_report_id AND p.policy_no = f.policy_no
                   AND p.period_month = f.period_month
JOIN tls_reports r ON r.id = f.tls_report_id AND r.period_month = f.period_month;

-- The new tables take the old ones' comments, then the old ones go (a user's own view on an old
-- table stops the migration here, with PostgreSQL naming the view).
DO $$
DECLARE
    t text;
    c record;
BEGIN
    FOREACH t IN ARRAY ARRAY['records', 'dkim_results', 'spf_results', 'override_reasons',
                             'tls_policies', 'tls_failures']
    LOOP
        EXECUTE format('COMMENT ON TABLE %I IS %L', t, obj_description((t || '_v9')::regclass, 'pg_class'));
        FOR c IN SELECT a.attname, col_description(a.attrelid, a.attnum) AS description
                   FROM pg_attribute a
                  WHERE a.attrelid = (t || '_v9')::regclass AND a.attnum > 0 AND NOT a.attisdropped
        LOOP
            EXECUTE format('COMMENT ON COLUMN %I.%I IS %L', t, c.attname, c.description);
        END LOOP;
        EXECUTE format('COMMENT ON COLUMN %I.period_month IS %L', t,
                       'The month the report is filed under (its period_month); the partition key.');
    END LOOP;
END
$$;
DROP TABLE tls_failures_v9, tls_policies_v9, override_reasons_v9, spf_results_v9, dkim_results_v9,
           records_v9;
