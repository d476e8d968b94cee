-- Puerto schema, version 13: what puerto check found, kept, so that the dashboard can show a
-- domain's DNS health as check last saw it. Every run of check with a database adds one check
-- and its items; puerto prune leaves them (a few rows a run).

CREATE TABLE domain_checks (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    domain      text        NOT NULL CHECK (domain <> ''),
    checked_at  timestamptz NOT NULL,
    ok          boolean     NOT NULL
);
-- "The latest check of a domain": one probe, newest first.
CREATE INDEX domain_checks_domain_idx ON domain_checks (domain, checked_at DESC);

CREATE TABLE domain_check_items (
    check_id  bigint  NOT NULL REFERENCES domain_checks (id) ON DELETE CASCADE,
    item_no   integer NOT NULL CHECK (item_no >= 1),
    area      text    NOT NULL,
    level     text    NOT NULL CHECK (level IN ('ok', 'warn', 'fail', 'error')),
    code      text    NOT NULL,
    message   text    NOT NULL,
    fix       text,
    PRIMARY KEY (check_id, item_no)
);

COMMENT ON TABLE domain_checks IS 'Each run of puerto check on a domain: when, and whether nothing was wrong.';
COMMENT ON COLUMN domain_checks.id IS 'Surrogate key.';
COMMENT ON COLUMN domain_checks.domain IS 'The domain checked (A-labels).';
COMMENT ON COLUMN domain_checks.checked_at IS 'When the DNS was asked.';
COMMENT ON COLUMN domain_checks.ok IS 'True when no item is fail or error (check exited 0).';
COMMENT ON TABLE domain_check_items IS 'What puerto check said, one row per verdict, in the order it printed them.';
COMMENT ON COLUMN domain_check_items.check_id IS 'The check (domain_checks.id).';
COMMENT ON COLUMN domain_check_items.item_no IS 'Position in the check''s output, from 1.';
COMMENT ON COLUMN domain_check_items.area IS 'SPF, DKIM, DMARC, MX, MTA-STS, TLS-RPT, PTR or blocklist.';
COMMENT ON COLUMN domain_check_items.level IS 'ok, warn, fail (something is wrong) or error (DNS did not answer: unknown, not wrong).';
COMMENT ON COLUMN domain_check_items.code IS 'A stable name for the verdict, e.g. spf_too_many_lookups.';
COMMENT ON COLUMN domain_check_items.message IS 'What check found, in words.';
COMMENT ON COLUMN domain_check_items.fix IS 'What to change; NULL when nothing needs to.';
