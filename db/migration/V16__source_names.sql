-- Every source named: where each source IP is routed (ASN, AS name, country), kept in hosts with
-- an expiry, and the dmarc_sources view that puts a name beside every IP.

ALTER TABLE hosts
    ADD COLUMN asn          bigint      CHECK (asn BETWEEN 0 AND 4294967295),
    ADD COLUMN as_name      text        CHECK (length(as_name) <= 200),
    ADD COLUMN country      text        CHECK (country ~ '^[A-Z]{2}$'),
    ADD COLUMN network      cidr,
    ADD COLUMN placed_by    text        CHECK (placed_by IN ('cymru', 'ip_database')),
    ADD COLUMN service_kind text,
    ADD COLUMN unknown      text[],
    ADD COLUMN expires_at   timestamptz;

-- The enricher asks for the sources with no row or an expired one.
CREATE INDEX hosts_expires_idx ON hosts (expires_at);

COMMENT ON COLUMN hosts.asn IS 'Origin AS number of the most specific prefix announcing the IP.';
COMMENT ON COLUMN hosts.as_name IS 'Name of that AS as its registry holds it.';
COMMENT ON COLUMN hosts.country IS 'ISO 3166-1 alpha-2 country the prefix is registered to.';
COMMENT ON COLUMN hosts.network IS 'The announced prefix holding the IP.';
COMMENT ON COLUMN hosts.placed_by IS 'Where asn, as_name and country came from: cymru (Team Cymru''s DNS service) or ip_database (a local MMDB file, --ip-database).';
COMMENT ON COLUMN hosts.service_kind IS 'Kind of the known sending service: esp, mailbox, forwarder, security, ...';
COMMENT ON COLUMN hosts.unknown IS 'What could not be learnt at the last look, and why (e.g. "no PTR record", "ASN: DNS TIMEOUT").';
COMMENT ON COLUMN hosts.expires_at IS 'When the facts are looked up again (sooner after a failed lookup).';
COMMENT ON COLUMN hosts.checked_at IS 'When the DNS was last checked.';

CREATE VIEW dmarc_sources AS
SELECT h.ip,
       h.ptr,
       h.forward_confirmed,
       h.org_domain AS ptr_org_domain,
       h.asn,
       h.as_name,
       h.country,
       h.network,
       h.service,
       h.service_kind,
       h.placed_by,
       h.unknown,
       h.listed_on,
       h.checked_at,
       h.expires_at
  FROM hosts h;

COMMENT ON VIEW dmarc_sources IS 'Who every source IP is: PTR and its forward confirmation, ASN, AS name, country and the known service, as last looked up (puerto analyze, and watch in the background).';

-- Its columns mean what the hosts columns they show mean: they carry the same comments.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT a.attname, col_description('hosts'::regclass, a.attnum) AS description
               FROM pg_attribute a
              WHERE a.attrelid = 'hosts'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                AND a.attname IN (SELECT attname FROM pg_attribute
                                   WHERE attrelid = 'dmarc_sources'::regclass AND attnum > 0)
    LOOP
        EXECUTE format('COMMENT ON COLUMN dmarc_sources.%I IS %L', c.attname, c.description);
    END LOOP;
END
$$;
COMMENT ON COLUMN dmarc_sources.ptr_org_domain IS 'Organizational domain of the PTR name (Public Suffix List).';
