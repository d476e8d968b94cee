-- A run of puerto analyze whose DNS failed keeps the verdict judged before (V6).

ALTER TABLE findings ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE findings ADD COLUMN last_error text;

COMMENT ON TABLE findings IS 'Why a source failed DMARC and what to change, per policy domain, source IP and analysis window (puerto analyze). Re-running a window replaces its findings, except that a source the run could not judge because DNS failed keeps the verdict judged last (see last_attempt_at and last_error).';
COMMENT ON COLUMN findings.checked_at IS 'When the DNS behind this verdict was checked: the run that judged it, which may be earlier than last_attempt_at.';
COMMENT ON COLUMN findings.last_attempt_at IS 'When puerto analyze last looked at this source for this window; null for findings written before schema version 6.';
COMMENT ON COLUMN findings.last_error IS 'Why the last attempt could not judge the source (the DNS failures it met), or null when it judged it. When set and verdict is not dns_error, the verdict and evidence are those of checked_at, kept.';
