package dev.puerto.cli;

import dev.puerto.run.ImportTally;
import dev.puerto.source.ImapException;
import java.util.List;

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

  /** The outcomes of several mailboxes, least to most in need of a person: the worst wins. */
  private static final List<Integer> BY_SEVERITY =
      List.of(OK, REJECTED, MAILBOX_UNAVAILABLE, MAILBOX_LOGIN, USAGE);

  private ExitCode() {}

  /** A mailbox failure's exit code. */
  static int of(ImapException.Kind kind) {
    return switch (kind) {
      case LOGIN_REFUSED -> MAILBOX_LOGIN;
      case CONFIGURATION -> USAGE;
      case TLS, UNREACHABLE -> MAILBOX_UNAVAILABLE;
    };
  }

  /** The worse of two mailbox outcomes ({@link #BY_SEVERITY}). */
  static int worst(int one, int other) {
    return BY_SEVERITY.indexOf(one) >= BY_SEVERITY.indexOf(other) ? one : other;
  }

  /** An import's exit code: {@link #REJECTED} when anything was, else {@link #OK}. */
  static int of(ImportTally tally) {
    return tally.rejected() > 0 ? REJECTED : OK;
  }
}
