package dev.puerto.generate;

/** Why the receiver applied something other than the published policy; comment may be null. */
public record OverrideReason(String type, String comment) {}
