package dev.puerto.summary;

import dev.puerto.schema.InputStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** An input received in the week that held a report Puerto could not use. */
public record RejectedInput(
    String origin, InputStatus status, String error, OffsetDateTime receivedAt) {
  /** The statuses collection health counts as rejected: nothing usable, or not all of it. */
  public static final List<InputStatus> STATUSES =
      List.of(InputStatus.REJECTED, InputStatus.PARTIAL);
}
