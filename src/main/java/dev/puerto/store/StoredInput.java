package dev.puerto.store;

import dev.puerto.source.Origin;

/** A recorded input, as {@code puerto reparse} sees it (the raw bytes are loaded separately). */
public record StoredInput(long id, Origin origin, long size, InputStatus status) {}
