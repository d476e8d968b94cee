-- Puerto schema, version 5: what is kept of an input over the size limit, and raw bytes that
-- can be read back a piece at a time.

ALTER TABLE inputs ADD COLUMN raw_truncated boolean NOT NULL DEFAULT false;

COMMENT ON COLUMN inputs.raw_truncated IS 'True when the input was larger than Puerto reads (512 MiB): raw_gzip then holds only its first 64 KiB, sha256 covers only the bytes read (the limit and one more), and size_bytes is the size the source declared or the bytes read.';

-- Raw bytes are gzip already: PostgreSQL's own compression gains nothing on them, and without it
-- substring() reads only the pieces it needs (puerto reparse streams large inputs that way).
ALTER TABLE inputs ALTER COLUMN raw_gzip SET STORAGE EXTERNAL;

CREATE OR REPLACE VIEW dmarc_inputs AS
SELECT id, origin_kind, origin, encode(sha256, 'hex') AS sha256, size_bytes, status, error,
       report_count, received_at, processed_at, raw_truncated
FROM inputs;

COMMENT ON COLUMN dmarc_inputs.raw_truncated IS 'True when the input was larger than Puerto reads (512 MiB) and only its first 64 KiB are kept.';
