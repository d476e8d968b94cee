/**
 * The weekly summary: reads a week's reports, analyze's findings and rejected inputs from the
 * tables ({@code dev.puerto.schema}), and renders them as text, Markdown, HTML or JSON, or mails
 * them. It knows the tables and nothing of the code that fills them: no import of parse, ingest,
 * analyze, store or cli.
 */
package dev.puerto.summary;
