/**
 * {@code puerto check}: audits one domain's SPF (with its lookup chain), DKIM, DMARC (with its
 * external report destinations, the DMARCbis tags and tree walk), MX (with each host's reverse
 * DNS), MTA-STS (the policy file fetched over HTTPS), TLS-RPT, BIMI and DNSSEC (as the resolver's
 * AD bit says) records and given IPs' PTR and blocklist status as they are now, each problem with
 * its fix; {@link DomainCheck} is the entry. It knows DNS and the MTA-STS policy server only:
 * nothing of stored reports, findings or the database (the command passes in the selectors it found
 * there).
 */
package dev.puerto.check;
