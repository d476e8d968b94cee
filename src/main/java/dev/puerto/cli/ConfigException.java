package dev.puerto.cli;

/** A configuration problem the user must fix; exit code 2. */
final class ConfigException extends Exception {
  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
