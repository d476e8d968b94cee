/**
 * The pipeline for one input: record its raw bytes, unpack, parse and store every report in it
 * (aggregate, failure and SMTP TLS reports, each by the parser and store of its kind), and record
 * what became of it. Whatever goes wrong with the input stays with it (rejected or partial, with
 * the reason); only a failing database escapes. {@link dev.puerto.ingest.Ingester} is the entry.
 *
 * <p>Knows one input at a time: not where inputs come from in bulk, nor runs, pools or exit codes
 * (that is {@code run}), nor the command line.
 */
package dev.puerto.ingest;
