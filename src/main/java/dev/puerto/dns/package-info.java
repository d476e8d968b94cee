/**
 * DNS for mail authentication: a resolver with bounded lookups (and the AD bit of its answers), SPF
 * evaluation (RFC 7208), the DMARC, DKIM key and SPF records' parsers, reverse DNS, blocklists and
 * organizational domains (by the Public Suffix List, and by the DMARCbis tree walk).
 *
 * <p>Knows nothing of reports, the database or the command line: callers ask questions about names
 * and addresses, and get typed answers that say when DNS could not answer.
 */
package dev.puerto.dns;
