/**
 * {@code puerto check}: audits one domain's SPF, DKIM, DMARC (with its external report
 * destinations), MX, MTA-STS (the policy file fetched over HTTPS) and TLS-RPT records and given
 * IPs' PTR and blocklist status as they are now, each problem with its fix; {@link DomainCheck} is
 * the entry. It knows DNS and the MTA-STS policy server only: nothing of stored reports, findings
 * or the database (the command passes in the selectors it found there).
 */
package dev.puerto.check;
