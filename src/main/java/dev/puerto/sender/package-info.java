/**
 * Who sent a message, from the evidence a DMARC report carries: the catalogue of well-known sending
 * services ({@code senders.json}, validated when loaded) and the one matcher that names the service
 * from DKIM signing domains and selectors, the SPF include chain, the envelope domain, the PTR base
 * domain and the ASN; {@link dev.puerto.sender.Catalogue} is the entry.
 *
 * <p>Knows nothing of the database, DNS lookups or reports' formats: callers hand it what they
 * already know as {@link dev.puerto.sender.Clues}.
 */
package dev.puerto.sender;
