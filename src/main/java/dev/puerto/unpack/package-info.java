/**
 * From raw bytes to report documents: sniffs and opens mail, mbox, zip and gzip layers within
 * {@link dev.puerto.unpack.UnpackLimits}, and hands each document found (aggregate-report XML, a
 * failure report's e-mail, TLS-report JSON: its {@link dev.puerto.unpack.DocumentKind}), or why a
 * part failed, to an {@link dev.puerto.unpack.UnpackVisitor}; {@link dev.puerto.unpack.Unpacker} is
 * the entry.
 *
 * <p>Knows nothing of XML, JSON, report fields or the database: what a document says is the
 * parsers' concern; this package only tells which parser it is for.
 */
package dev.puerto.unpack;
