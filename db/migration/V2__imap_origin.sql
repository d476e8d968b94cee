-- Where in an IMAP mailbox an input was read. One input (identified by the hash of its bytes) can
-- be seen at several places: the same message in two folders, or again under a new UID after a
-- crash between copying and expunging. Every sighting is kept.

CREATE TABLE imap_origins (
    input_id     bigint      NOT NULL REFERENCES inputs (id) ON DELETE CASCADE,
    server       text        NOT NULL CHECK (server <> ''),
    account      text        NOT NULL,
    folder       text        NOT NULL CHECK (folder <> ''),
    uid_validity bigint      NOT NULL CHECK (uid_validity > 0),
    uid          bigint      NOT NULL CHECK (uid > 0),
    message_id   text,
    sent_at      timestamptz,
    seen_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (server, account, folder, uid_validity, uid)
);
CREATE INDEX imap_origins_input_idx ON imap_origins (input_id);
CREATE INDEX imap_origins_message_id_idx ON imap_origins (message_id);

COMMENT ON TABLE imap_origins IS 'Where puerto fetch / puerto watch read an input: server, account, folder and UID (RFC 3501), with the message''s Message-ID and Date. An input seen at several places has several rows.';
COMMENT ON COLUMN imap_origins.input_id IS 'The input (inputs.id) holding the message''s raw bytes.';
COMMENT ON COLUMN imap_origins.server IS 'The IMAP server as host:port.';
COMMENT ON COLUMN imap_origins.account IS 'The user name Puerto logged in with.';
COMMENT ON COLUMN imap_origins.folder IS 'The folder the message was read from, as the server names it (e.g. INBOX).';
COMMENT ON COLUMN imap_origins.uid_validity IS 'The folder''s UIDVALIDITY when the message was read; a UID means something only together with it.';
COMMENT ON COLUMN imap_origins.uid IS 'The message''s UID in the folder.';
COMMENT ON COLUMN imap_origins.message_id IS 'The Message-ID header, without angle brackets, if the message had one.';
COMMENT ON COLUMN imap_origins.sent_at IS 'The Date header of the message, if present and valid.';
COMMENT ON COLUMN imap_origins.seen_at IS 'When Puerto read the message there.';
