package dev.puerto.unpack;

import java.io.InputStream;

/**
 * One report document found in an input.
 *
 * @param path names the part: layers separated by {@code '!'}, e.g. {@code
 *     mail.eml!report.zip!report.xml}
 * @param kind which parser reads it
 * @param content the document's bytes (XML, the failure report's whole e-mail, JSON), streamed;
 *     valid only while the visitor handles the document
 */
public record ReportDocument(String path, DocumentKind kind, InputStream content) {}
