-- Puerto schema, version 15: the alerts puerto alerts check (and watch) fired, and how each was
-- delivered. An alert is fired once per rule, subject and period: the unique key makes a second
-- evaluator (a watch and a cron job on the same database) insert nothing, so nothing is sent twice.

CREATE TABLE alerts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule          text        NOT NULL
                              CHECK (rule IN ('new_failing_source', 'pass_rate_drop', 'silent_reporter',
                                              'tls_failures', 'rejected_inputs')),
    subject       text        NOT NULL CHECK (subject <> ''),
    period        text        NOT NULL CHECK (period <> ''),
    policy_domain text,
    fired_at      timestamptz NOT NULL DEFAULT now(),
    payload       jsonb       NOT NULL,
    CONSTRAINT alerts_once UNIQUE (rule, subject, period)
);
CREATE INDEX alerts_fired_idx ON alerts (fired_at);

COMMENT ON TABLE alerts IS 'One row per alert fired (puerto alerts check, puerto watch): a rule''s condition met by a subject in a period, with the numbers; fired once per rule, subject and period.';
COMMENT ON COLUMN alerts.id IS 'Surrogate key; alert_deliveries refer to it.';
COMMENT ON COLUMN alerts.rule IS 'The rule: new_failing_source (a source IP not seen for the domain before fails DMARC), pass_rate_drop (a domain''s DMARC pass rate fell against its previous 7 days), silent_reporter (a reporter that sent daily stopped), tls_failures (SMTP TLS failures for a policy domain), rejected_inputs (inputs Puerto could not use).';
COMMENT ON COLUMN alerts.subject IS 'What the alert is about, e.g. "example.com 192.0.2.1" or "example.com google.com".';
COMMENT ON COLUMN alerts.period IS 'The period the condition was met in, e.g. a UTC day "2026-12-03"; with rule and subject it keeps an alert from firing twice.';
COMMENT ON COLUMN alerts.policy_domain IS 'The policy domain the alert concerns; null for rejected_inputs.';
COMMENT ON COLUMN alerts.fired_at IS 'When the alert was fired.';
COMMENT ON COLUMN alerts.payload IS 'The numbers behind the alert and what to do, as the webhook sends them (the "alert" object).';

CREATE TABLE alert_deliveries (
    alert_id        bigint      NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel         text        NOT NULL CHECK (channel IN ('mail', 'webhook')),
    state           text        NOT NULL DEFAULT 'pending'
                                CHECK (state IN ('pending', 'sent', 'failed', 'gave_up')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at timestamptz,
    last_error      text,
    sent_at         timestamptz,
    PRIMARY KEY (alert_id, channel)
);
CREATE INDEX alert_deliveries_open_idx ON alert_deliveries (state) WHERE state IN ('pending', 'failed');

COMMENT ON TABLE alert_deliveries IS 'How an alert was delivered, per channel (mail, webhook); a failed delivery is tried again at the next evaluation, without firing the alert again.';
COMMENT ON COLUMN alert_deliveries.alert_id IS 'The alert (alerts.id).';
COMMENT ON COLUMN alert_deliveries.channel IS 'mail (SMTP, PUERTO_ALERT_MAIL_TO) or webhook (PUERTO_ALERT_WEBHOOK_URL).';
COMMENT ON COLUMN alert_deliveries.state IS 'pending (not tried yet), sent, failed (tried again at the next evaluation) or gave_up (failed for two days).';
COMMENT ON COLUMN alert_deliveries.attempts IS 'Evaluations that tried to deliver it.';
COMMENT ON COLUMN alert_deliveries.last_attempt_at IS 'When delivery was last tried.';
COMMENT ON COLUMN alert_deliveries.last_error IS 'Why the last attempt failed; null once sent.';
COMMENT ON COLUMN alert_deliveries.sent_at IS 'When it was delivered.';
