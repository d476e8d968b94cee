-- Puerto schema, version 9: RFC 9990 extensions, kept as XML text at report and at record level.
--
-- Each value is one XML document: an <extensions> element (no namespace, Puerto's own) around
-- the extension elements in document order, each as sent and declaring the namespaces it uses,
-- so PostgreSQL reads every stored value as xml and xpath() works on each row, e.g.
--   SELECT xpath('//a:arc_summary/text()', extensions::xml,
--                ARRAY[ARRAY['a', 'https://example.net/dmarc-extensions/arc-v1']])
--     FROM dmarc_reports WHERE extensions IS NOT NULL;
-- Extensions over 64 KiB (65,536 characters as written) are not kept: the value is then
-- <extensions omitted="larger than 65536 characters"/>, the report itself is stored whole, and
-- the raw input (inputs.raw_gzip) still holds them. The type is text, not xml: a document
-- written in XML 1.1 may use names XML 1.0 (and so PostgreSQL) does not accept, and an import
-- must never fail on an extension.

ALTER TABLE reports ADD COLUMN extensions text;
ALTER TABLE records ADD COLUMN extensions text;

COMMENT ON COLUMN reports.extensions IS 'RFC 9990 <extension> elements of the report (children of <feedback>, anywhere among them), as one XML document: <extensions> around them in document order, each with its namespaces declared; query with xpath(''//prefix:name'', extensions::xml, namespaces); the <extension> element is in the report''s namespace (urn:ietf:params:xml:ns:dmarc-2.0 in RFC 9990). NULL when the report has none; <extensions omitted="larger than 65536 characters"/> when they are larger than Puerto keeps (64 KiB; the raw input has them).';
COMMENT ON COLUMN records.extensions IS 'RFC 9990 record-level extensions (the children of <record> other than row, identifiers, identities and auth_results), as one XML document: <extensions> around them in document order, each with its namespaces declared; query with xpath(''/extensions/prefix:name'', extensions::xml, namespaces). NULL when the record has none; <extensions omitted="larger than 65536 characters"/> when they are larger than Puerto keeps (64 KiB; the raw input has them).';

-- The stable views keep every column, in order, and show the extensions last.
CREATE OR REPLACE VIEW dmarc_reports AS
SELECT r.id,
       r.org_name,
       r.email,
       r.report_id,
       r.policy_domain,
       r.begin_at,
       r.end_at,
       r.record_count,
       r.message_count,
       r.adkim,
       r.aspf,
       r.p,
       r.sp,
       r.pct,
       r.np,
       r.fo,
       r.testing,
       r.discovery_method,
       r.errors,
       r.generator,
       r.xml_namespace,
       r.input_id,
       r.imported_at,
       r.extensions
FROM reports r;

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
JOIN reports rep ON rep.id = rec.report_key;

COMMENT ON COLUMN dmarc_reports.extensions IS 'RFC 9990 <extension> elements of the report as one XML document (<extensions> around them; see reports.extensions). NULL when none; <extensions omitted="..."/> when over 64 KiB.';
COMMENT ON COLUMN dmarc_records.extensions IS 'RFC 9990 extensions of the record as one XML document (<extensions> around them; see records.extensions). NULL when none; <extensions omitted="..."/> when over 64 KiB.';
