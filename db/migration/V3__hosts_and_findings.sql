-- What the analyzer (puerto analyze) learnt from DNS about sending hosts and failing sources.

CREATE TABLE hosts (
    ip                inet        PRIMARY KEY,
    ptr               text,
    forward_confirmed boolean,
    org_domain        text,
    service           text,
    listed_on         text[],
    checked_at        timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE hosts IS 'Reverse DNS and service identification of source IPs, as last checked by puerto analyze.';
COMMENT ON COLUMN hosts.ip IS 'The source IP.';
COMMENT ON COLUMN hosts.ptr IS 'Its PTR name, if any.';
COMMENT ON COLUMN hosts.forward_confirmed IS 'True when the PTR name resolves back to the IP (forward-confirmed reverse DNS); null when the PTR lookup failed (timeout, SERVFAIL).';
COMMENT ON COLUMN hosts.org_domain IS 'Organizational domain of the PTR name (Public Suffix List).';
COMMENT ON COLUMN hosts.service IS 'Known sending service (e.g. Google Workspace, Amazon SES), if recognised.';
COMMENT ON COLUMN hosts.listed_on IS 'DNS blocklist zones that listed the IP when last checked (empty: on none of them; null: not checked, as for failing sources).';
COMMENT ON COLUMN hosts.checked_at IS 'When the DNS was checked.';

CREATE TABLE findings (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_domain  text        NOT NULL,
    source_ip      inet        NOT NULL,
    window_start   timestamptz NOT NULL,
    window_end     timestamptz NOT NULL,
    messages       bigint      NOT NULL CHECK (messages >= 0),
    verdict        text        NOT NULL,
    action         text        NOT NULL,
    service        text,
    evidence       jsonb       NOT NULL DEFAULT '{}',
    checked_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT findings_window_check CHECK (window_end > window_start),
    CONSTRAINT findings_per_window UNIQUE (policy_domain, source_ip, window_start, window_end)
);
CREATE INDEX findings_domain_window_idx ON findings (policy_domain, window_end);

COMMENT ON TABLE findings IS 'Why a source failed DMARC and what to change, per policy domain, source IP and analysis window (puerto analyze). Re-running a window replaces its findings.';
COMMENT ON COLUMN findings.id IS 'Surrogate key.';
COMMENT ON COLUMN findings.policy_domain IS 'The policy domain the failing mail claimed.';
COMMENT ON COLUMN findings.source_ip IS 'The source IP that failed DMARC.';
COMMENT ON COLUMN findings.window_start IS 'Start of the analysed window (report periods starting at or after it).';
COMMENT ON COLUMN findings.window_end IS 'End of the analysed window.';
COMMENT ON COLUMN findings.messages IS 'Messages from this source that failed DMARC in the window.';
COMMENT ON COLUMN findings.verdict IS 'Classification: fixed_since_report (SPF for the policy domain passes for the IP now), legitimate_not_aligned (SPF or DKIM passes for another domain, e.g. an ESP''s), forwarded (a forwarder or mailing list: override reason, broken aligned DKIM signature, or a mailbox provider host), dkim_key_problem (a DKIM key the reports name is missing, revoked or broken), unauthorized (nothing passes, unknown sender: likely spoofing), dns_error (a timeout or SERVFAIL kept the analyzer from deciding).';
COMMENT ON COLUMN findings.action IS 'The recommended action, in words (e.g. the exact include: to add).';
COMMENT ON COLUMN findings.service IS 'Known sending service, if recognised.';
COMMENT ON COLUMN findings.evidence IS 'The DNS evidence (queries, answers, SPF evaluation, DKIM keys) with the time it was seen.';
COMMENT ON COLUMN findings.checked_at IS 'When the analysis ran.';
