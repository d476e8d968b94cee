/**
 * Puerto's PostgreSQL: connecting and migrating, recording inputs, and writing reports: aggregate
 * reports pulled record by record through {@link dev.puerto.store.Records}, each table's columns
 * declared once in {@code ReportColumns}; failure and SMTP TLS reports whole ({@code
 * FailureReportStore}, {@code TlsReportStore}). It must not know how reports are unpacked or
 * parsed: of {@code parse}, {@code arf} and {@code tlsrpt} it sees only the immutable report
 * records and the rejection a {@code Records} may raise.
 */
package dev.puerto.store;
