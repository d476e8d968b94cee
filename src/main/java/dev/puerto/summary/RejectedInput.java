package dev.puerto.summary;

import java.time.OffsetDateTime;

/** An input received in the week that held a report Puerto could not use. */
public record RejectedInput(
    String origin, String status, String error, OffsetDateTime receivedAt) {}
