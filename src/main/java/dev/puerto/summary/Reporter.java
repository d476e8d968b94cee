package dev.puerto.summary;

/** A reporting organization of a domain-week; {@code reports} counts reports covering the week. */
public record Reporter(String name, long reports, long messages) {}
