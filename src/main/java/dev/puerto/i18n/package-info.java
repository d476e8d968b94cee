/**
 * The words Puerto says to people: one resource bundle per language ({@code messages.properties} in
 * English, {@code messages_es.properties} in Spanish) and the locale's way of writing numbers,
 * rates and dates. It knows no feature: summary, alerts and dashboard ask it for sentences by key.
 */
package dev.puerto.i18n;
