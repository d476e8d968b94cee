package dev.puerto.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the dashboard listens and who may log in, validated here and nowhere else.
 *
 * @param bind the address to listen on: a loopback address unless a password was chosen
 * @param port 0 for any free port
 * @param password the login password; {@link #passwordChosen} says whether the user set it (else
 *     Puerto made it up and keeps it in a private file, which is enough only on loopback)
 */
public record DashboardSettings(
    String bind, int port, String user, String password, boolean passwordChosen, Tls tls) {
  /**
   * HTTPS in the process: a key store (PKCS#12 or JKS) holding the server's key and certificate
   * chain, and its password. Without it the dashboard speaks plain HTTP (behind a TLS proxy).
   */
  public record Tls(java.nio.file.Path keyStore, String password) {
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(password, "password");
      if (!java.nio.file.Files.isReadable(keyStore)) {
        throw new IllegalArgumentException(
            "--https-keystore " + keyStore + " is not a readable file");
      }
    }

    @Override
    public String toString() {
      return "Tls[keyStore=" + keyStore + "]";
    }
  }

  /** Plain HTTP. */
  public DashboardSettings(
      String bind, int port, String user, String password, boolean passwordChosen) {
    this(bind, port, user, password, passwordChosen, null);
  }

  /** The shortest password accepted when one is set. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  public DashboardSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--http-port must be from 0 to 65535, not " + port);
    }
    if (user.isBlank() || user.contains(":") || user.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "--http-user must be a name without ':' or control characters");
    }
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "the dashboard password (--http-password-file) must be at least "
              + MIN_PASSWORD_LENGTH
              + " characters long; it has "
              + password.length());
    }
    requireAllowed(bind, passwordChosen);
  }

  /**
   * Refuses a bind address that other hosts could reach unless the user chose the password; {@code
   * serve} asks before it makes a password up.
   */
  public static void requireAllowed(String bind, boolean passwordChosen) {
    if (bind.isBlank()) {
      throw new IllegalArgumentException("--http-bind must be an address, e.g. 127.0.0.1");
    }
    if (!passwordChosen && !loopback(bind)) {
      throw new IllegalArgumentException(
          "--http-bind "
              + bind
              + " is not a loopback address: other hosts could reach the dashboard, so set its"
              + " password first with --http-password-file FILE (or PUERTO_HTTP_PASSWORD_FILE),"
              + " a file whose first line is the password (at least "
              + MIN_PASSWORD_LENGTH
              + " characters), and serve it over TLS (--https-keystore, or a reverse proxy: see the"
              + " README)");
    }
  }

  /** True for 127.0.0.0/8, ::1 and names that resolve only to them ("localhost"). */
  static boolean loopback(String bind) {
    try {
      InetAddress[] all = InetAddress.getAllByName(bind);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "DashboardSettings[bind="
        + bind
        + ", port="
        + port
        + ", user="
        + user
        + (tls == null ? "" : ", " + tls)
        + "]";
  }
}
