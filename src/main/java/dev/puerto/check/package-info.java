/**
 * {@code puerto check}: audits one domain's SPF, DKIM, DMARC and MX records and given IPs' PTR and
 * blocklist status as DNS has them now, each problem with its fix; {@link DomainCheck} is the
 * entry. It knows DNS only: nothing of stored reports, findings or the database (the command passes
 * in the selectors it found there).
 */
package dev.puerto.check;
