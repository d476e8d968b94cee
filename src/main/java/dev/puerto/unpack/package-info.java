/**
 * From raw bytes to report documents: sniffs and opens mail, mbox, zip and gzip layers within
 * {@link dev.puerto.unpack.UnpackLimits}, and hands each document found (or why a part failed) to
 * an {@link dev.puerto.unpack.UnpackVisitor}; {@link dev.puerto.unpack.Unpacker} is the entry.
 *
 * <p>Knows nothing of XML, reports or the database: what a document means is the parser's concern.
 */
package dev.puerto.unpack;
