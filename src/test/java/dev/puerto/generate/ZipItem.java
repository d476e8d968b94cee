package dev.puerto.generate;

/** One zip entry; {@code epochSecond} becomes its timestamp so archives are reproducible. */
public record ZipItem(String name, long epochSecond, Payload payload) {}
