package dev.puerto.store;

import dev.puerto.schema.InputStatus;
import java.util.Optional;

/**
 * An input as recorded in the database.
 *
 * @param id the {@code inputs.id}
 * @param previousStatus the status from an earlier run when the same bytes were seen before
 */
public record RegisteredInput(long id, Optional<InputStatus> previousStatus) {
  /**
   * Seen before and finished, whatever became of it: nothing in it can be new, and a rejected input
   * is not rejected again on every run (a cron job would exit 1 forever). Only an input left
   * pending by an interrupted run is processed again; {@code puerto reparse} reads the others
   * again.
   */
  public boolean alreadyProcessed() {
    return previousStatus.filter(s -> s != InputStatus.PENDING).isPresent();
  }
}
