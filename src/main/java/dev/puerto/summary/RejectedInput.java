package dev.puerto.summary;

import dev.puerto.schema.InputStatus;
import java.time.OffsetDateTime;

/** An input received in the week that held a report Puerto could not use. */
public record RejectedInput(
    String origin, InputStatus status, String error, OffsetDateTime receivedAt) {}
