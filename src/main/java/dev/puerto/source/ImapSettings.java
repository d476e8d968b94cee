package dev.puerto.source;

import dev.puerto.source.ImapFolders.AfterImport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and log in to a mailbox, and what to do with its messages.
 *
 * @param trustStore a key store (PKCS#12 or JKS) of certificates to trust instead of the Java
 *     runtime's, or null
 * @param trustStorePassword its password, or null
 * @param readTimeout how long a silent server is waited for (longer than the IDLE renewal)
 */
public record ImapSettings(
    String host,
    int port,
    ImapSecurity security,
    ImapLogin login,
    Path trustStore,
    String trustStorePassword,
    ImapFolders folders,
    AfterImport afterImport,
    Duration readTimeout) {

  public ImapSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(folders, "folders");
    Objects.requireNonNull(afterImport, "afterImport");
    Objects.requireNonNull(readTimeout, "readTimeout");
  }

  /** host:port, as recorded with each message. */
  public String server() {
    return host + ":" + port;
  }

  /** The folder Puerto reads, as one name: what two processes must not work on at once. */
  public String mailbox() {
    return "imap://" + login.user() + "@" + server() + "/" + folders.source();
  }

  /**
   * A user and where the secret comes from; the secret is asked for at each connection, so an
   * OAuth2 token command can hand out a fresh token after a reconnect.
   */
  public record ImapLogin(String user, boolean oauth2, Secret secret) {
    public ImapLogin {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "ImapLogin[user=" + user + ", oauth2=" + oauth2 + "]";
    }
  }

  /** A password or access token, read when needed. */
  @FunctionalInterface
  public interface Secret {
    /**
     * @throws ImapException of kind CONFIGURATION when the secret cannot be obtained
     */
    String get() throws ImapException;
  }
}
