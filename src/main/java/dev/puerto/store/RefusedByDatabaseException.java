package dev.puerto.store;

/**
 * The database refused a value of one input (a constraint, an encoding, a size limit): the input is
 * at fault, not the database, and the run goes on. The message is one line for a person.
 */
public final class RefusedByDatabaseException extends Exception {
  private static final long serialVersionUID = 1L;

  RefusedByDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
