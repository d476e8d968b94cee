/**
 * Puerto's PostgreSQL: connecting and migrating, recording inputs, and writing reports pulled
 * record by record through {@link dev.puerto.store.Records}, each table's columns declared once in
 * {@code ReportColumns}. It must not know how reports are unpacked or parsed: of {@code parse} it
 * sees only the immutable report records and the rejection a {@code Records} may raise.
 */
package dev.puerto.store;
