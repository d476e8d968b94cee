package dev.puerto.oauth;

/**
 * No access token could be had; the message says what went wrong and what to do, and never holds a
 * secret.
 */
public final class TokenException extends Exception {
  /** Why, so the caller can tell a passing failure from one that needs the user. */
  public enum Kind {
    /** The token endpoint could not be reached or failed (5xx): worth trying again later. */
    UNREACHABLE,
    /** The authorisation server refused the credentials, the grant or the scope. */
    REFUSED,
    /** A setting or a file is wrong: unreadable secret, malformed key or certificate. */
    CONFIGURATION
  }

  private final Kind kind;

  TokenException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  TokenException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
