package dev.puerto.store;

import dev.puerto.schema.InputStatus;
import dev.puerto.source.Origin;

/**
 * A recorded input, as {@code puerto reparse} sees it (the raw bytes are read separately).
 *
 * @param truncated only the first bytes of the input are kept: it was over the size limit
 */
public record StoredInput(
    long id, Origin origin, long size, InputStatus status, boolean truncated) {}
