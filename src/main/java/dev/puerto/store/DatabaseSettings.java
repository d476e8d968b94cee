package dev.puerto.store;

import java.nio.file.Path;

/**
 * How to reach the database: an external server when {@code url} is set, else the embedded
 * PostgreSQL whose data lives under {@code home}.
 *
 * @param url JDBC URL of an external server, or null for the embedded default
 * @param user user for the external server, or null to take it from the URL
 * @param password password for the external server, or null; never logged
 * @param home Puerto's data directory (the embedded server's data lives in {@code home/postgres})
 */
public record DatabaseSettings(String url, String user, String password, Path home) {
  public boolean embedded() {
    return url == null || url.isBlank();
  }

  @Override
  public String toString() {
    return embedded()
        ? "embedded PostgreSQL in " + home
        : JdbcUrls.redact(url) + (user == null ? "" : " as " + user);
  }
}
