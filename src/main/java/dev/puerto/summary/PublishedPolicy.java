package dev.puerto.summary;

/**
 * The policy the domain published as the reports of the week saw it (the latest report's), and
 * whether reports of the week saw different ones.
 */
public record PublishedPolicy(String p, String sp, Integer pct, boolean changedDuringWeek) {}
