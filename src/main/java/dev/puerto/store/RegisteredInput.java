package dev.puerto.store;

import java.util.Optional;

/**
 * An input as recorded in the database.
 *
 * @param id the {@code inputs.id}
 * @param previousStatus the status from an earlier run when the same bytes were seen before
 */
public record RegisteredInput(long id, Optional<InputStatus> previousStatus) {
  /** Seen before and finished: nothing in it can be new. */
  public boolean alreadyProcessed() {
    return previousStatus
        .filter(s -> s == InputStatus.IMPORTED || s == InputStatus.DUPLICATE)
        .isPresent();
  }
}
