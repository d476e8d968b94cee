/**
 * The application layer: the import runs over many inputs ({@link dev.puerto.run.ImportRun}: files,
 * stdin, reparse, on a worker pool) and the mailbox pipeline of fetch and watch ({@link
 * dev.puerto.run.MailboxRun}: lock, connect, drain, import, file, wait, reconnect), several of
 * which {@link dev.puerto.run.MailboxRuns} serves at once, with their tally. Knows nothing of
 * options, output formats, exit codes or how the parts are built: the command line parses, wires,
 * calls and prints.
 */
package dev.puerto.run;
