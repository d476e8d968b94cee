/**
 * Reads DMARC aggregate reports from XML documents into immutable records: a report's header at
 * once, its records one by one, so a report of any size streams. It must not know where documents
 * come from or where reports go (no mail, archives or database); a report it cannot understand is a
 * {@link dev.puerto.parse.ReportRejectedException} with a message a person can act on.
 */
package dev.puerto.parse;
