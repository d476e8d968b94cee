/**
 * Alerts that arrive before the weekly summary: rules over the day views, TLS reports, findings and
 * inputs ({@code dev.puerto.schema}), each alert fired once per rule, subject and period (the
 * {@code alerts} table), and delivered by SMTP ({@code dev.puerto.mail}) and a signed webhook, a
 * failed delivery tried again at the next evaluation. It reads the tables and nothing of the code
 * that fills them: no import of parse, ingest, analyze, store, run or cli.
 */
package dev.puerto.alert;
