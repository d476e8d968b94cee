package dev.puerto.generate;

/** A namespaced element inside the RFC 9990 {@code <extension>} block. */
public record FeedbackExtension(String prefix, String namespaceUri, String name, String text) {}
