package dev.puerto.unpack;

import java.io.InputStream;

/**
 * One aggregate-report XML document found in an input.
 *
 * @param path names the part: layers separated by {@code '!'}, e.g. {@code
 *     mail.eml!report.zip!report.xml}
 * @param content the XML bytes, streamed; valid only while the visitor handles the document
 */
public record ReportDocument(String path, InputStream content) {}
