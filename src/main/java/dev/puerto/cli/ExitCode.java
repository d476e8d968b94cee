package dev.puerto.cli;

import dev.puerto.run.ImportTally;

/** Puerto's exit codes; documented in the README and in {@code puerto --help}. */
final class ExitCode {
  /** Everything was imported, or was a duplicate. */
  static final int OK = 0;

  /** Some input or report was rejected (the rest was imported). */
  static final int REJECTED = 1;

  /** Usage or configuration error. */
  static final int USAGE = 2;

  /** The database is unavailable. */
  static final int DATABASE = 3;

  /** A bug: an exception nobody expected. */
  static final int INTERNAL = 4;

  /** The IMAP server refused the login (user, password or OAuth2 token). */
  static final int MAILBOX_LOGIN = 5;

  /** The IMAP server cannot be reached, the connection broke, or TLS failed. */
  static final int MAILBOX_UNAVAILABLE = 6;

  private ExitCode() {}

  /** An import's exit code: {@link #REJECTED} when anything was, else {@link #OK}. */
  static int of(ImportTally tally) {
    return tally.rejected() > 0 ? REJECTED : OK;
  }
}
