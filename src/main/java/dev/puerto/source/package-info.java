/**
 * Where raw inputs come from: files, directories and stdin ({@link dev.puerto.source.FileSource}),
 * and one folder of an IMAP mailbox ({@link dev.puerto.source.ImapSource}: read by UID, filed,
 * waited on). Must not know the database, the import pipeline or the command line: a message is
 * handed over as bytes, and the handler says where it belongs.
 */
package dev.puerto.source;
