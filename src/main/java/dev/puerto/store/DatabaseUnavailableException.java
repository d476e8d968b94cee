package dev.puerto.store;

/** The database could not be reached, started or migrated; the message says what to do. */
public final class DatabaseUnavailableException extends Exception {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public DatabaseUnavailableException(String message) {
    super(message);
  }
}
