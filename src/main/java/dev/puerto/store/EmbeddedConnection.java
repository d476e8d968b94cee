package dev.puerto.store;

import java.nio.file.Path;

/**
 * How to reach the embedded PostgreSQL with other tools. Holds no secret: the password is in {@code
 * passwordFile} (its first line) and, for libpq and pgjdbc, in {@code pgpassFile}; both are
 * readable only by the account that runs Puerto.
 */
public record EmbeddedConnection(
    String host, int port, String database, String user, Path passwordFile, Path pgpassFile) {

  /** The JDBC URL, without the password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
  }

  /** The libpq URL psql takes, without the password. */
  public String libpqUrl() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
