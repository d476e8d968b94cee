/**
 * Names every source IP the reports mention: its PTR with forward confirmation, and where it is
 * routed (ASN, AS name, country) from Team Cymru's DNS service or a local MMDB file, cached in the
 * {@code hosts} table until an expiry. It runs beside imports, never inside their transactions. It
 * knows the {@code hosts} and {@code daily_rollups} tables and DNS; nothing of parsing, analysis or
 * rendering.
 */
package dev.puerto.enrich;
