package dev.puerto.source;

/** The mailbox cannot be used; the message says what went wrong and what to do. */
public final class ImapException extends Exception {
  /** What kind of failure, so the command line can choose an exit code. */
  public enum Kind {
    /** The server refused the login (user, password or token). */
    LOGIN_REFUSED,
    /** The TLS handshake failed: certificate not trusted, wrong host name, no STARTTLS. */
    TLS,
    /** The server cannot be reached, or the connection broke. */
    UNREACHABLE,
    /** A setting is wrong: missing folder, unreadable trust store, failing token command. */
    CONFIGURATION
  }

  private final Kind kind;

  public ImapException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ImapException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
