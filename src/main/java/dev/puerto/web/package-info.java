/**
 * {@code puerto serve}: the dashboard. {@link dev.puerto.web.Dashboard} starts an embedded HTTP
 * server (Javalin on Jetty) that renders the week of every domain, a domain, a source, a report and
 * the inputs as HTML (jte templates under {@code src/main/jte}, charts drawn here as SVG), the same
 * tables as CSV and JSON ({@code /api/...}), and Prometheus metrics; it asks for a login on every
 * page but {@code /health}.
 *
 * <p>It reads the tables ({@code dev.puerto.schema}) and the weekly summary ({@code
 * dev.puerto.summary}) and writes nothing: it must not know how reports are fetched, parsed or
 * stored (no import of source, ingest, parse, store or cli), and it never asks anything of the
 * world outside the database: no DNS, no request to another host, no asset from elsewhere.
 */
package dev.puerto.web;
